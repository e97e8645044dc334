import "server-only";
import { looksLikeRecoveryCode } from "@/domain/mfa/recovery-codes";
import { parseRequiredRoles, stepAfterFirstFactor, type EnrolledFactors } from "@/domain/mfa/policy";
import type { Role } from "@/domain/roles";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import {
  consumeChallenge,
  countFailure,
  createChallenge,
  failuresInLastHour,
  MAX_FAILURES_PER_HOUR,
  openSignInChallenge,
} from "./mfa-challenge.server";
import {
  matchSealed,
  newTotpSecret,
  saveTotpFactor,
  useRecoveryCode,
  verifyTotp,
  type AuditActor,
} from "./totp.server";
import { authenticationOptions, verifyAuthentication } from "./webauthn.server";
import { env } from "../env";

// The sign-in's second step (ADR 0012): after the password (or single sign-on),
// a user with a second factor proves it, and a user whose role requires one
// enrols it, before any session exists.

export function requiredRoles(): Role[] {
  return parseRequiredRoles(env().MFA_REQUIRED_ROLES).roles;
}

export async function enrolledFactors(db: Db, userId: string): Promise<EnrolledFactors> {
  const [totp, passkeys] = await Promise.all([
    db.totpFactor.count({ where: { userId } }),
    db.passkey.count({ where: { userId } }),
  ]);
  return { totp: totp > 0, passkeys };
}

async function auditActorOf(db: Db, userId: string): Promise<(AuditActor & { email: string; active: boolean }) | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { centre: true } });
  return user
    ? {
        id: user.id,
        role: user.role as Role,
        centreCode: user.centre?.code ?? null,
        email: user.email,
        active: user.active,
      }
    : null;
}

export type FirstFactorOutcome =
  | { kind: "session" }
  | { kind: "challenge"; ticket: string; step: "verify" | "enrol" }
  | { kind: "throttled" };

/** What follows a right first factor: the session, or a second-factor ticket. */
export async function afterFirstFactor(
  db: Db,
  userId: string,
  firstFactor: "password" | "sso",
  now: Date = new Date(),
): Promise<FirstFactorOutcome> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
  const step = stepAfterFirstFactor(user.role as Role, requiredRoles(), await enrolledFactors(db, userId));
  if (step === "none") return { kind: "session" };
  if ((await failuresInLastHour(db, userId, now)) >= MAX_FAILURES_PER_HOUR) return { kind: "throttled" };
  return { kind: "challenge", ticket: await createChallenge(db, userId, "sign_in", now, { firstFactor }), step };
}

/**
 * What the second-step page needs to know about a ticket (no secret). A ticket
 * read from the page's address must come from single sign-on (the only flow
 * that puts one there): a password ticket pasted into a link is refused.
 */
export async function ticketInfo(
  db: Db,
  ticket: unknown,
  options: { fromAddress?: boolean } = {},
  now: Date = new Date(),
) {
  const challenge = await openSignInChallenge(db, ticket, now);
  if (!challenge || (options.fromAddress && challenge.firstFactor !== "sso")) return null;
  const factors = await enrolledFactors(db, challenge.userId);
  return { step: factors.totp || factors.passkeys > 0 ? ("verify" as const) : ("enrol" as const), ...factors };
}

export type SecondFactorProof =
  | { kind: "code"; code: string }
  | { kind: "passkey"; response: unknown }
  | { kind: "enrolled" };
export type SecondFactorResult = { ok: true; userId: string } | { ok: false; reason: "expired" | "wrong" };

/** Checks the second factor against a sign-in ticket; on success the ticket is spent and the session may begin. */
export async function completeSignIn(
  db: Db,
  ticket: unknown,
  proof: SecondFactorProof,
  now: Date = new Date(),
): Promise<SecondFactorResult> {
  const challenge = await openSignInChallenge(db, ticket, now);
  if (!challenge) return { ok: false, reason: "expired" };
  const actor = await auditActorOf(db, challenge.userId);
  if (!actor?.active) return { ok: false, reason: "expired" };
  const firstFactor = challenge.firstFactor === "sso" ? "sso" : "password";
  const { email } = actor;
  const audit = { id: actor.id, role: actor.role, centreCode: actor.centreCode };

  if (proof.kind === "enrolled") {
    if (!challenge.enrolledAt) return { ok: false, reason: "expired" };
    return db.$transaction(async (tx): Promise<SecondFactorResult> => {
      if (!(await consumeChallenge(tx, challenge.id, now))) return { ok: false, reason: "expired" };
      await appendAudit(
        tx,
        [{ type: "auth.mfa_verified", actor: audit, data: { email, method: "enrolment", firstFactor } }],
        now,
      );
      return { ok: true, userId: actor.id };
    });
  }

  const method = proof.kind === "passkey" ? "passkey" : looksLikeRecoveryCode(proof.code) ? "recovery_code" : "totp";
  return db.$transaction(async (tx): Promise<SecondFactorResult> => {
    let cause: "wrong" | "replayed" | "malformed" | "used" | null = null;
    if (proof.kind === "passkey") {
      const ok = challenge.webauthnChallenge
        ? await verifyAuthentication(tx, actor.id, proof.response, challenge.webauthnChallenge, now)
        : null;
      if (!ok) cause = "wrong";
    } else if (method === "recovery_code") {
      if (!(await useRecoveryCode(tx, actor.id, proof.code, now))) cause = "wrong";
    } else {
      const match = await verifyTotp(tx, actor.id, proof.code, now);
      if (!match.ok) cause = match.reason === "none" ? "wrong" : match.reason;
    }
    if (cause === null && (await consumeChallenge(tx, challenge.id, now))) {
      await appendAudit(tx, [{ type: "auth.mfa_verified", actor: audit, data: { email, method, firstFactor } }], now);
      return { ok: true, userId: actor.id };
    }
    await countFailure(tx, challenge.id);
    await appendAudit(
      tx,
      [{ type: "auth.mfa_failed", actor: audit, data: { email, method, cause: cause ?? "used" } }],
      now,
    );
    return { ok: false, reason: "wrong" };
  });
}

/** Passkey options for a sign-in ticket; the challenge is kept on the ticket. */
export async function passkeyOptionsForTicket(db: Db, ticket: unknown, now: Date = new Date()) {
  const challenge = await openSignInChallenge(db, ticket, now);
  if (!challenge) return null;
  const options = await authenticationOptions(db, challenge.userId);
  if (options.allowCredentials?.length === 0) return null;
  await db.mfaChallenge.update({ where: { id: challenge.id }, data: { webauthnChallenge: options.challenge } });
  return options;
}

/** First enrolment during sign-in (role requires a factor, none yet): a new secret kept sealed on the ticket. */
export async function beginSignInEnrolment(db: Db, ticket: unknown, now: Date = new Date()) {
  const challenge = await openSignInChallenge(db, ticket, now);
  if (!challenge || challenge.enrolledAt) return null;
  const user = await db.user.findUniqueOrThrow({ where: { id: challenge.userId }, select: { email: true } });
  if ((await enrolledFactors(db, challenge.userId)).totp) return null;
  const secret = newTotpSecret(user.email);
  await db.mfaChallenge.update({ where: { id: challenge.id }, data: { enrolSecretEnc: secret.sealed } });
  return secret.display;
}

export type EnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "expired" | "wrong" };

/** Confirms the first enrolment with a code from the app: the factor is stored, the ticket may open the session. */
export async function confirmSignInEnrolment(
  db: Db,
  ticket: unknown,
  code: string,
  now: Date = new Date(),
): Promise<EnrolmentResult> {
  const challenge = await openSignInChallenge(db, ticket, now);
  if (!challenge?.enrolSecretEnc || challenge.enrolledAt) return { ok: false, reason: "expired" };
  const actor = await auditActorOf(db, challenge.userId);
  if (!actor?.active) return { ok: false, reason: "expired" };
  const match = matchSealed(challenge.enrolSecretEnc, code, now);
  if (!match.ok) {
    await countFailure(db, challenge.id);
    return { ok: false, reason: "wrong" };
  }
  const sealed = challenge.enrolSecretEnc;
  return db.$transaction(async (tx): Promise<EnrolmentResult> => {
    const claimed = await tx.mfaChallenge.updateMany({
      where: { id: challenge.id, enrolledAt: null },
      data: { enrolledAt: now },
    });
    if (claimed.count === 0 || (await tx.totpFactor.count({ where: { userId: actor.id } })) > 0)
      return { ok: false, reason: "expired" };
    const recoveryCodes = await saveTotpFactor(
      tx,
      { id: actor.id, role: actor.role, centreCode: actor.centreCode },
      sealed,
      match.step,
      now,
    );
    return { ok: true, recoveryCodes };
  });
}
