import "server-only";
import {
  forgotPasswordSchema,
  RESET_LINK_MINUTES,
  RESET_REQUEST_INTERVAL_MINUTES,
} from "@/domain/forgot-password-input";
import type { Role } from "@/domain/roles";
import { THROTTLE } from "@/domain/throttle-policy";
import { zodFieldErrors } from "@/domain/zod-errors";
import { appendAudit } from "../audit.server";
import type { Db } from "../db/create-db";
import { InputError } from "../errors";
import { env as currentEnv, publicBaseUrl } from "../env";
import { createInvitation, revokeInvitations, throttledError } from "../invitations.server";
import { forgotPasswordMail, mailLocale } from "../mail-templates";
import { queueMail } from "../outbox.server";
import { normaliseEmail } from "./sign-in.server";
import { gateAttempt } from "./throttle.server";
import { withWriteRetry } from "@/server/db/write-retry";

/**
 * Where the reset link points: the one public-URL policy (publicBaseUrl), never
 * the request's Host header — anyone can send a request for someone else's
 * e-mail with a forged Host, and the link carries a token.
 */
export function resetLinkBaseUrl(env: Readonly<Record<string, string | undefined>> = currentEnv()): string {
  return publicBaseUrl(env);
}

export type ForgotPasswordOutcome = "sent" | "unknown_user" | "inactive" | "rate_limited";

/**
 * Self-service "forgot password?". The caller tells the requester the same
 * thing whatever happens here (no oracle for which e-mails have accounts);
 * the outcome is returned for the audit trail and the tests only.
 *
 * For an active account: earlier unused links are revoked, a one-time link
 * valid RESET_LINK_MINUTES goes to the outbox (then SMTP when configured) in
 * the account's language. At most one link per account per
 * RESET_REQUEST_INTERVAL_MINUTES, counting any link (a coordinator's too):
 * repeated requests cannot flood a mailbox.
 */
export async function requestPasswordReset(
  db: Db,
  input: unknown,
  baseUrl: string,
  now: Date = new Date(),
  client = "unknown",
): Promise<{ outcome: ForgotPasswordOutcome }> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  // Per client and global (ADR 0011): one address cannot make the app mail, or probe, without end.
  const until = await gateAttempt(
    db,
    "reset",
    client,
    { perClient: THROTTLE.resetPerClient, global: THROTTLE.resetGlobal },
    now,
  );
  if (until) throw throttledError(until, now);
  const email = normaliseEmail(parsed.data.email);
  const user = await db.user.findUnique({ where: { email }, include: { centre: true } });
  if (!user || !user.active) {
    const outcome = user ? "inactive" : "unknown_user";
    const actor = user ? { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null } : null;
    await db.$transaction((tx) =>
      appendAudit(tx, [{ type: "auth.password_reset_requested", actor, data: { email, outcome } }], now),
    );
    return { outcome };
  }
  const actor = { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null };
  // Several requests at the same instant queue on the user row; on PostgreSQL the chain head can still make
  // one of them a deadlock victim, which is rolled back whole and safely run again.
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      // Writing the user row first takes its lock (PostgreSQL) or the write lock
      // (SQLite): two requests at once are checked one after the other, so only
      // one of them can send a link.
      await tx.user.update({ where: { id: user.id }, data: { updatedAt: now } });
      const since = new Date(now.getTime() - RESET_REQUEST_INTERVAL_MINUTES * 60_000);
      const recent = await tx.invitation.count({ where: { userId: user.id, createdAt: { gt: since } } });
      if (recent > 0) {
        await appendAudit(
          tx,
          [{ type: "auth.password_reset_requested", actor, data: { email, outcome: "rate_limited" } }],
          now,
        );
        return { outcome: "rate_limited" as const };
      }
      const revokedLinks = await revokeInvitations(tx, user.id, now);
      const { token, expiresAt } = await createInvitation(tx, user.id, user.id, now, RESET_LINK_MINUTES);
      const link = `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
      const mail = forgotPasswordMail(mailLocale(user.locale), {
        displayName: user.displayName,
        link,
        minutes: RESET_LINK_MINUTES,
      });
      await queueMail(tx, { to: user.email, kind: "password_reset", ...mail });
      await appendAudit(
        tx,
        [
          {
            type: "auth.password_reset_requested",
            actor,
            data: { email, outcome: "sent", expiresAt: expiresAt.toISOString(), revokedLinks },
          },
        ],
        now,
      );
      return { outcome: "sent" as const };
    }),
  );
}
