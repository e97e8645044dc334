import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/server/db/create-db";
import type { Tx } from "@/server/audit.server";

// The step between the first factor and the session: a random ticket (only its
// SHA-256 stored), valid 5 minutes, used once, at most five wrong codes. A user
// with ten wrong second-factor answers in the last hour gets no new ticket, so
// someone who knows the password cannot try a million codes.

export const CHALLENGE_MINUTES = 5;
export const MAX_CHALLENGE_ATTEMPTS = 5;
export const MAX_FAILURES_PER_HOUR = 10;

export type ChallengePurpose = "sign_in" | "passkey_register" | "totp_enrol";

export function hashTicket(ticket: string): string {
  return createHash("sha256").update(ticket).digest("hex");
}

export async function failuresInLastHour(db: Db | Tx, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 60 * 60_000);
  const sum = await db.mfaChallenge.aggregate({
    where: { userId, purpose: "sign_in", createdAt: { gte: since } },
    _sum: { attempts: true },
  });
  return sum._sum.attempts ?? 0;
}

export async function createChallenge(
  db: Db | Tx,
  userId: string,
  purpose: ChallengePurpose,
  now: Date,
  extra: { firstFactor?: "password" | "sso"; webauthnChallenge?: string; enrolSecretEnc?: string } = {},
): Promise<string> {
  const ticket = randomBytes(32).toString("base64url");
  await db.mfaChallenge.create({
    data: {
      tokenHash: hashTicket(ticket),
      userId,
      purpose,
      ...extra,
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    },
  });
  return ticket;
}

export type OpenChallenge = NonNullable<Awaited<ReturnType<Db["mfaChallenge"]["findUnique"]>>>;

/** A live sign-in ticket: unused, not expired, attempts left. */
export async function openSignInChallenge(db: Db | Tx, ticket: unknown, now: Date): Promise<OpenChallenge | null> {
  if (typeof ticket !== "string" || ticket.length < 20 || ticket.length > 100) return null;
  const row = await db.mfaChallenge.findUnique({ where: { tokenHash: hashTicket(ticket) } });
  if (row?.purpose !== "sign_in" || row.usedAt || row.expiresAt <= now || row.attempts >= MAX_CHALLENGE_ATTEMPTS)
    return null;
  return row;
}

/** The user's latest live challenge of a purpose that needs no ticket (the user is signed in). */
export async function latestChallenge(
  db: Db | Tx,
  userId: string,
  purpose: ChallengePurpose,
  now: Date,
): Promise<OpenChallenge | null> {
  return db.mfaChallenge.findFirst({
    where: { userId, purpose, usedAt: null, expiresAt: { gt: now }, attempts: { lt: MAX_CHALLENGE_ATTEMPTS } },
    orderBy: { createdAt: "desc" },
  });
}

export async function countFailure(db: Db | Tx, id: string): Promise<void> {
  await db.mfaChallenge.update({ where: { id }, data: { attempts: { increment: 1 } } });
}

/** Marks a challenge used; false when another request used it first. */
export async function consumeChallenge(db: Db | Tx, id: string, now: Date): Promise<boolean> {
  const done = await db.mfaChallenge.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  return done.count === 1;
}
