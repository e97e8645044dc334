import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/domain/actor";
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT, recoveryCodesFrom } from "@/domain/mfa/recovery-codes";
import { groupedSecret, matchTotp, otpauthUri, TOTP_SECRET_BYTES, type TotpMatch } from "@/domain/mfa/totp";
import type { Role } from "@/domain/roles";
import { appendAudit, type Tx } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import { openSecret, recoveryCodeHashes, sealSecret } from "./totp-crypto";

// Authenticator-app codes and recovery codes: enrolment, checking (never the
// same code twice), renewal. Secrets are sealed (totp-crypto.ts) before they
// reach the database and never leave the server once enrolment is confirmed.

export type AuditActor = { id: string; role: Role; centreCode: string | null };

export interface NewTotpSecret {
  sealed: string;
  /** Shown once, during enrolment only: the key to type and the otpauth:// URI behind the QR code. */
  display: { grouped: string; uri: string };
}

export function newTotpSecret(email: string): NewTotpSecret {
  const secret = new Uint8Array(randomBytes(TOTP_SECRET_BYTES));
  return {
    sealed: sealSecret(secret),
    display: { grouped: groupedSecret(secret), uri: otpauthUri("DM-SAM", email, secret) },
  };
}

/** Checks a code against a sealed secret not stored yet (enrolment): any step of the window. */
export function matchSealed(sealed: string, code: string, now: Date): TotpMatch {
  return matchTotp(openSecret(sealed).secret, code, now.getTime(), 0);
}

/**
 * Checks a code for a user's enrolled secret and records its step, with a
 * compare-and-set so that two requests racing with the same code cannot both
 * pass. A secret sealed under the previous key is sealed again under the current one.
 */
export async function verifyTotp(
  db: Db | Tx,
  userId: string,
  code: string,
  now: Date,
): Promise<TotpMatch | { ok: false; reason: "none" }> {
  const factor = await db.totpFactor.findUnique({ where: { userId } });
  if (!factor) return { ok: false, reason: "none" };
  const { secret, stale } = openSecret(factor.secretEnc);
  const match = matchTotp(secret, code, now.getTime(), factor.lastStep);
  if (!match.ok) return match;
  const claimed = await db.totpFactor.updateMany({
    where: { userId, lastStep: { lt: match.step } },
    data: { lastStep: match.step, ...(stale ? { secretEnc: sealSecret(secret) } : {}) },
  });
  return claimed.count === 1 ? match : { ok: false, reason: "replayed" };
}

/** Uses one recovery code: true once, and only once, for each code. */
export async function useRecoveryCode(db: Db | Tx, userId: string, input: string, now: Date): Promise<boolean> {
  const normalised = normaliseRecoveryCode(input);
  if (!normalised) return false;
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: { in: recoveryCodeHashes(normalised) }, usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1;
}

/** Replaces a user's recovery codes with ten new ones; returns them in clear, to be shown once. */
export async function renewRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = recoveryCodesFrom(new Uint8Array(randomBytes(RECOVERY_CODE_COUNT * 10)));
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((c) => ({ userId, codeHash: recoveryCodeHashes(normaliseRecoveryCode(c)!)[0]! })),
  });
  return codes;
}

/**
 * Stores a confirmed TOTP secret (refused if the user already has one: the
 * primary key) and gives the user new recovery codes, audited together.
 */
export async function saveTotpFactor(
  tx: Tx,
  actor: AuditActor,
  sealed: string,
  step: number,
  now: Date,
): Promise<string[]> {
  await tx.totpFactor.create({ data: { userId: actor.id, secretEnc: sealed, lastStep: step } });
  const codes = await renewRecoveryCodes(tx, actor.id);
  await appendAudit(
    tx,
    [
      { type: "auth.mfa_enrolled", actor, data: { method: "totp" } },
      { type: "auth.recovery_codes_renewed", actor, data: { count: codes.length } },
    ],
    now,
  );
  return codes;
}

export function auditActor(actor: Actor): AuditActor {
  return { id: actor.id, role: actor.role, centreCode: actor.centreCode };
}
