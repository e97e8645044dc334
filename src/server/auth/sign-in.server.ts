import "server-only";
import type { Role } from "@/domain/roles";
import { appendAudit } from "../audit.server";
import type { Db } from "../db/create-db";
import { burnPasswordCheck, verifyPassword } from "../passwords.server";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date }
  | { ok: false; reason: "disabled" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks an e-mail and password, counting failures and locking the account after five. */
export async function signInWithPassword(db: Db, rawEmail: string, password: string, now: Date = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const user = await db.user.findUnique({ where: { email }, include: { centre: true } });
  if (!user) {
    await burnPasswordCheck(password);
    await appendAudit(db, [{ type: "auth.sign_in_failed", actor: null, data: { email, cause: "unknown_user" } }], now);
    return { ok: false, reason: "invalid" };
  }
  const actor = { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null };

  if (user.lockedUntil && user.lockedUntil > now) {
    await appendAudit(db, [{ type: "auth.sign_in_failed", actor, data: { email, cause: "locked" } }], now);
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  }

  const passwordOk = user.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (passwordOk && !user.active) {
    await appendAudit(db, [{ type: "auth.sign_in_failed", actor, data: { email, cause: "inactive" } }], now);
    return { ok: false, reason: "disabled" };
  }
  if (!passwordOk) {
    // A lock that has run out starts a fresh count.
    const previous = user.lockedUntil ? 0 : user.failedAttempts;
    const attempts = previous + 1;
    const locks = attempts >= MAX_FAILED_ATTEMPTS;
    const lockedUntil = locks ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { failedAttempts: locks ? 0 : attempts, lockedUntil } });
      await appendAudit(
        tx,
        [
          { type: "auth.sign_in_failed", actor, data: { email, cause: user.passwordHash ? "bad_password" : "no_password" } },
          ...(lockedUntil ? [{ type: "auth.locked" as const, actor, data: { email, until: lockedUntil.toISOString() } }] : []),
        ],
        now,
      );
    });
    return lockedUntil ? { ok: false, reason: "locked", lockedUntil } : { ok: false, reason: "invalid" };
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } });
    await appendAudit(tx, [{ type: "auth.sign_in", actor, data: { email } }], now);
  });
  return { ok: true, userId: user.id };
}
