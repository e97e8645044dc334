import "server-only";
import type { Role } from "@/domain/roles";
import { appendAudit, type Tx } from "../audit.server";
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

type AuditActor = { id: string; role: Role; centreCode: string | null };

/** Not locked at `now`: no lock, or one that has run out. */
const unlockedAt = (now: Date) => ({ OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] });

/**
 * Counts one failed password in the database itself, so that parallel attempts
 * cannot overwrite each other's count. The conditional increment takes the
 * row's write lock (PostgreSQL row lock, SQLite write lock) until the commit,
 * so the count read back just after it is this attempt's own, and exactly one
 * attempt reaches the limit and sets the lock.
 */
async function countFailure(tx: Tx, userId: string, now: Date): Promise<{ lockedUntil: Date | null; justLocked: boolean }> {
  // A lock that has run out starts a fresh count.
  await tx.user.updateMany({ where: { id: userId, lockedUntil: { lte: now } }, data: { failedAttempts: 0, lockedUntil: null } });
  const counted = await tx.user.updateMany({ where: { id: userId, ...unlockedAt(now) }, data: { failedAttempts: { increment: 1 } } });
  const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { failedAttempts: true, lockedUntil: true } });
  // Locked by a concurrent attempt since this request read the user: nothing to count.
  if (counted.count === 0) return { lockedUntil: row.lockedUntil, justLocked: false };
  if (row.failedAttempts < MAX_FAILED_ATTEMPTS) return { lockedUntil: null, justLocked: false };
  const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  // The count starts again after the lock (the users page shows failures since the last success or lock).
  await tx.user.update({ where: { id: userId }, data: { failedAttempts: 0, lockedUntil } });
  return { lockedUntil, justLocked: true };
}

/**
 * Checks an e-mail and password, counting failures and locking the account
 * after five. Every outcome is audited in a transaction (the audit chain's
 * writes must not interleave with another writer's), together with the
 * account change it goes with. The password itself is verified outside any
 * transaction: argon2 is deliberately slow and must not hold a database lock.
 */
export async function signInWithPassword(db: Db, rawEmail: string, password: string, now: Date = new Date()): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const user = await db.user.findUnique({ where: { email }, include: { centre: true } });
  if (!user) {
    await burnPasswordCheck(password);
    await db.$transaction((tx) => appendAudit(tx, [{ type: "auth.sign_in_failed", actor: null, data: { email, cause: "unknown_user" } }], now));
    return { ok: false, reason: "invalid" };
  }
  const actor: AuditActor = { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null };
  const auditLocked = (tx: Tx) => appendAudit(tx, [{ type: "auth.sign_in_failed", actor, data: { email, cause: "locked" } }], now);

  if (user.lockedUntil && user.lockedUntil > now) {
    const lockedUntil = user.lockedUntil;
    await db.$transaction((tx) => auditLocked(tx));
    return { ok: false, reason: "locked", lockedUntil };
  }

  const passwordOk = user.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (passwordOk && !user.active) {
    await db.$transaction((tx) => appendAudit(tx, [{ type: "auth.sign_in_failed", actor, data: { email, cause: "inactive" } }], now));
    return { ok: false, reason: "disabled" };
  }

  if (!passwordOk) {
    return db.$transaction(async (tx): Promise<SignInResult> => {
      const { lockedUntil, justLocked } = await countFailure(tx, user.id, now);
      if (lockedUntil && !justLocked) {
        await auditLocked(tx);
        return { ok: false, reason: "locked", lockedUntil };
      }
      await appendAudit(
        tx,
        [
          { type: "auth.sign_in_failed", actor, data: { email, cause: user.passwordHash ? "bad_password" : "no_password" } },
          ...(lockedUntil ? [{ type: "auth.locked" as const, actor, data: { email, until: lockedUntil.toISOString() } }] : []),
        ],
        now,
      );
      return lockedUntil ? { ok: false, reason: "locked", lockedUntil } : { ok: false, reason: "invalid" };
    });
  }

  return db.$transaction(async (tx): Promise<SignInResult> => {
    // The right password does not lift a lock that a concurrent failure has just set.
    const cleared = await tx.user.updateMany({ where: { id: user.id, ...unlockedAt(now) }, data: { failedAttempts: 0, lockedUntil: null } });
    if (cleared.count === 0) {
      const { lockedUntil } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { lockedUntil: true } });
      await auditLocked(tx);
      return { ok: false, reason: "locked", lockedUntil: lockedUntil ?? now };
    }
    await appendAudit(tx, [{ type: "auth.sign_in", actor, data: { email } }], now);
    return { ok: true, userId: user.id };
  });
}
