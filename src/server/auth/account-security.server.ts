import "server-only";
import type { Actor } from "@/domain/actor";
import { mayRemoveFactor, secondFactorRequired } from "@/domain/mfa/policy";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import { InputError, NotFoundError } from "@/server/errors";
import { consumeChallenge, countFailure, createChallenge, latestChallenge } from "./mfa-challenge.server";
import { enrolledFactors, requiredRoles } from "./second-factor.server";
import { auditActor, matchSealed, newTotpSecret, renewRecoveryCodes, saveTotpFactor } from "./totp.server";
import { registrationOptions, verifyRegistration } from "./webauthn.server";

// A signed-in user's own second factors (/account/security): enrol, remove,
// renew recovery codes, add and remove passkeys. Every change is audited; a
// user whose role requires a second factor cannot remove the last one.

export async function securityOverview(db: Db, actor: Actor) {
  const [totp, recoveryLeft, passkeys, ssoLinks] = await Promise.all([
    db.totpFactor.findUnique({ where: { userId: actor.id }, select: { createdAt: true } }),
    db.recoveryCode.count({ where: { userId: actor.id, usedAt: null } }),
    db.passkey.findMany({
      where: { userId: actor.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    }),
    db.ssoLink.count({ where: { userId: actor.id } }),
  ]);
  return {
    required: secondFactorRequired(actor.role, requiredRoles()),
    totp: totp?.createdAt ?? null,
    recoveryLeft,
    passkeys,
    ssoLinked: ssoLinks > 0,
  };
}

export async function beginAccountTotp(db: Db, actor: Actor, now: Date = new Date()) {
  if ((await enrolledFactors(db, actor.id)).totp) throw InputError.form({ key: "mfa.totpExists" });
  const secret = newTotpSecret(actor.email);
  await createChallenge(db, actor.id, "totp_enrol", now, { enrolSecretEnc: secret.sealed });
  return secret.display;
}

export async function confirmAccountTotp(
  db: Db,
  actor: Actor,
  code: string,
  now: Date = new Date(),
): Promise<string[]> {
  const challenge = await latestChallenge(db, actor.id, "totp_enrol", now);
  if (!challenge?.enrolSecretEnc) throw InputError.form({ key: "mfa.enrolExpired" });
  const match = matchSealed(challenge.enrolSecretEnc, code, now);
  if (!match.ok) {
    await countFailure(db, challenge.id);
    throw InputError.field("code", { key: "mfa.codeWrong" });
  }
  const sealed = challenge.enrolSecretEnc;
  return db.$transaction(async (tx) => {
    if (
      !(await consumeChallenge(tx, challenge.id, now)) ||
      (await tx.totpFactor.count({ where: { userId: actor.id } })) > 0
    ) {
      throw InputError.form({ key: "mfa.enrolExpired" });
    }
    return saveTotpFactor(tx, auditActor(actor), sealed, match.step, now);
  });
}

function assertMayRemove(actor: Actor, after: { totp: boolean; passkeys: number }): void {
  if (!mayRemoveFactor(actor.role, requiredRoles(), after)) throw InputError.form({ key: "mfa.lastFactorRequired" });
}

export async function removeAccountTotp(db: Db, actor: Actor, now: Date = new Date()): Promise<void> {
  const factors = await enrolledFactors(db, actor.id);
  if (!factors.totp) throw new NotFoundError();
  assertMayRemove(actor, { totp: false, passkeys: factors.passkeys });
  await db.$transaction(async (tx) => {
    await tx.totpFactor.delete({ where: { userId: actor.id } });
    // Recovery codes stand in for any second factor: they go with the last one.
    if (factors.passkeys === 0) await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await appendAudit(tx, [{ type: "auth.mfa_removed", actor: auditActor(actor), data: { method: "totp" } }], now);
  });
}

export async function renewAccountRecoveryCodes(db: Db, actor: Actor, now: Date = new Date()): Promise<string[]> {
  const factors = await enrolledFactors(db, actor.id);
  if (!factors.totp && factors.passkeys === 0) throw InputError.form({ key: "mfa.noFactor" });
  return db.$transaction(async (tx) => {
    const codes = await renewRecoveryCodes(tx, actor.id);
    await appendAudit(
      tx,
      [{ type: "auth.recovery_codes_renewed", actor: auditActor(actor), data: { count: codes.length } }],
      now,
    );
    return codes;
  });
}

export async function passkeyRegistrationOptions(db: Db, actor: Actor, now: Date = new Date()) {
  const options = await registrationOptions(db, actor);
  await createChallenge(db, actor.id, "passkey_register", now, { webauthnChallenge: options.challenge });
  return options;
}

export function passkeyName(raw: unknown): string {
  const name =
    typeof raw === "string"
      ? raw
          .normalize("NFKC")
          .replace(/[\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, "")
          .trim()
      : "";
  if (name.length < 1 || name.length > 60)
    throw InputError.field("name", { key: "mfa.passkeyName", params: { max: 60 } });
  return name;
}

/** Registers a passkey; the first second factor also brings recovery codes (returned once). */
export async function addAccountPasskey(
  db: Db,
  actor: Actor,
  response: unknown,
  rawName: unknown,
  now: Date = new Date(),
): Promise<string[] | null> {
  const name = passkeyName(rawName);
  const challenge = await latestChallenge(db, actor.id, "passkey_register", now);
  if (!challenge?.webauthnChallenge) throw InputError.form({ key: "mfa.enrolExpired" });
  const passkey = await verifyRegistration(response, challenge.webauthnChallenge);
  if (!passkey) {
    await countFailure(db, challenge.id);
    throw InputError.form({ key: "mfa.passkeyRefused" });
  }
  const before = await enrolledFactors(db, actor.id);
  return db.$transaction(async (tx) => {
    if (!(await consumeChallenge(tx, challenge.id, now))) throw InputError.form({ key: "mfa.enrolExpired" });
    if ((await tx.passkey.count({ where: { credentialId: passkey.credentialId } })) > 0)
      throw InputError.form({ key: "mfa.passkeyRefused" });
    await tx.passkey.create({ data: { userId: actor.id, name, ...passkey } });
    await appendAudit(
      tx,
      [{ type: "auth.mfa_enrolled", actor: auditActor(actor), data: { method: "passkey", name } }],
      now,
    );
    if (before.totp || before.passkeys > 0) return null;
    const codes = await renewRecoveryCodes(tx, actor.id);
    await appendAudit(
      tx,
      [{ type: "auth.recovery_codes_renewed", actor: auditActor(actor), data: { count: codes.length } }],
      now,
    );
    return codes;
  });
}

export async function removeAccountPasskey(
  db: Db,
  actor: Actor,
  passkeyId: string,
  now: Date = new Date(),
): Promise<void> {
  const key = await db.passkey.findUnique({ where: { id: passkeyId } });
  // Another user's passkey is simply absent.
  if (!key || key.userId !== actor.id) throw new NotFoundError();
  const factors = await enrolledFactors(db, actor.id);
  const after = { totp: factors.totp, passkeys: factors.passkeys - 1 };
  assertMayRemove(actor, after);
  await db.$transaction(async (tx) => {
    await tx.passkey.delete({ where: { id: key.id } });
    if (!after.totp && after.passkeys === 0) await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await appendAudit(
      tx,
      [{ type: "auth.mfa_removed", actor: auditActor(actor), data: { method: "passkey", name: key.name } }],
      now,
    );
  });
}
