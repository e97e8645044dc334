import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { newPasswordSchema } from "@/domain/password-policy";
import { passwordStrengthIssue } from "@/domain/password-strength";
import { THROTTLE } from "@/domain/throttle-policy";
import type { Role } from "@/domain/roles";
import { zodFieldErrors } from "@/domain/zod-errors";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { clearSignInDelays } from "./auth/sign-in.server";
import { gateAttempt } from "./auth/throttle.server";
import { InputError } from "./errors";
import { mailLocale, passwordChangedMail } from "./mail-templates";
import { queueMail } from "./outbox.server";
import { hashPassword } from "./passwords.server";

export const INVITATION_HOURS = 72;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a one-time token; only its hash is stored, so a database leak reveals
 * no usable link. Valid INVITATION_HOURS unless `validMinutes` says otherwise
 * (the self-service "forgot password" link is shorter-lived).
 */
export async function createInvitation(
  tx: Tx,
  userId: string,
  createdById: string,
  now: Date = new Date(),
  validMinutes: number = INVITATION_HOURS * 60,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + validMinutes * 60_000);
  // createdAt from the same clock as expiresAt: the reset rate limit compares them.
  await tx.invitation.create({ data: { tokenHash: tokenHash(token), userId, expiresAt, createdById, createdAt: now } });
  return { token, expiresAt };
}

/**
 * Makes every unused link of the user unusable (re-invitation, password reset,
 * disabling): they end now, and the page says "expired". Returns how many.
 */
export async function revokeInvitations(tx: Tx, userId: string, now: Date = new Date()): Promise<number> {
  const revoked = await tx.invitation.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  return revoked.count;
}

export type InvitationState =
  | { status: "valid"; email: string; displayName: string }
  | { status: "expired" | "used" | "unknown" };

export async function invitationState(db: Db, token: string, now: Date = new Date()): Promise<InvitationState> {
  if (!token || token.length > 100) return { status: "unknown" };
  const inv = await db.invitation.findUnique({ where: { tokenHash: tokenHash(token) }, include: { user: true } });
  if (!inv) return { status: "unknown" };
  if (inv.usedAt) return { status: "used" };
  if (inv.expiresAt <= now) return { status: "expired" };
  return { status: "valid", email: inv.user.email, displayName: inv.user.displayName };
}

/** A refusal of too many attempts from one client (or from everyone), with the wait in minutes. */
export function throttledError(until: Date, now: Date): InputError {
  return InputError.form({
    key: "throttle.tooMany",
    params: { minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000)) },
  });
}

/**
 * Sets the password chosen through an invitation link, once. Choosing a new
 * password ends every session of the account (sessionsValidFrom), lifts its
 * sign-in delays and, when it replaces an earlier password, is mailed to the
 * owner: a takeover through a stolen link is noticed by the person it targets.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: unknown,
  now: Date = new Date(),
  client = "unknown",
): Promise<{ email: string }> {
  const parsed = newPasswordSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const limits = { perClient: THROTTLE.invitationPerClient, global: THROTTLE.invitationGlobal };
  const until = await gateAttempt(db, "invitation", client, limits, now);
  if (until) throw throttledError(until, now);
  const state = await invitationState(db, token, now);
  if (state.status !== "valid") throw InputError.form({ key: `invite.${state.status}` });
  const weak = passwordStrengthIssue(parsed.data.password, [state.email, state.displayName]);
  if (weak) throw InputError.field("password", { key: weak });
  const passwordHash = await hashPassword(parsed.data.password);
  return db.$transaction(async (tx) => {
    // The conditional update makes a link usable once even if submitted twice at once.
    // It also re-checks the expiry: a link revoked (re-invitation) after the check above is refused.
    const claimed = await tx.invitation.updateMany({
      where: { tokenHash: tokenHash(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw InputError.form({ key: "invite.used" });
    const inv = await tx.invitation.findUniqueOrThrow({
      where: { tokenHash: tokenHash(token) },
      include: { user: { include: { centre: true } } },
    });
    await tx.user.update({
      where: { id: inv.userId },
      data: { passwordHash, failedAttempts: 0, lockedUntil: null, sessionsValidFrom: now },
    });
    const u = inv.user;
    await clearSignInDelays(tx, u.email);
    if (u.passwordHash)
      await queueMail(tx, {
        to: u.email,
        kind: "security_notice",
        ...passwordChangedMail(mailLocale(u.locale), { displayName: u.displayName }),
      });
    await appendAudit(
      tx,
      [
        {
          type: "auth.password_set",
          actor: { id: u.id, role: u.role as Role, centreCode: u.centre?.code ?? null },
          data: { userId: u.id },
        },
      ],
      now,
    );
    return { email: u.email };
  });
}
