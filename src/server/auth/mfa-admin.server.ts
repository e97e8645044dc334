import "server-only";
import type { Actor } from "@/domain/actor";
import { ssoConfigFrom } from "@/domain/mfa/sso-claims";
import type { Role } from "@/domain/roles";
import { authorize } from "@/server/access.server";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import { InputError, NotFoundError } from "@/server/errors";
import { requiredRoles } from "./second-factor.server";
import { auditActor } from "./totp.server";
import { env } from "../env";
import { secondFactorRequired } from "@/domain/mfa/policy";

// The coordinator's side (/admin/second-factors): who has which second factor,
// resetting them when a phone or key is lost, and linking a single sign-on
// identity (Pro Santé Connect's subject, say) to an invited account. Never a
// secret shown: only counts and dates.

export async function listSecondFactors(db: Db, actor: Actor) {
  authorize(actor, "user.manage");
  const [users, totps, passkeys, codes, links] = await Promise.all([
    db.user.findMany({
      orderBy: { email: "asc" },
      select: { id: true, email: true, displayName: true, role: true, active: true },
    }),
    db.totpFactor.findMany({ select: { userId: true } }),
    db.passkey.groupBy({ by: ["userId"], _count: { _all: true } }),
    db.recoveryCode.groupBy({ by: ["userId"], where: { usedAt: null }, _count: { _all: true } }),
    db.ssoLink.findMany({ select: { userId: true, issuer: true } }),
  ]);
  const totpSet = new Set(totps.map((t) => t.userId));
  const count = (rows: { userId: string; _count: { _all: number } }[], id: string) =>
    rows.find((r) => r.userId === id)?._count._all ?? 0;
  const roles = requiredRoles();
  return users.map((u) => ({
    ...u,
    required: secondFactorRequired(u.role as Role, roles),
    totp: totpSet.has(u.id),
    passkeys: count(passkeys, u.id),
    recoveryLeft: count(codes, u.id),
    ssoLinked: links.some((l) => l.userId === u.id),
  }));
}

/**
 * Removes every second factor of a user who lost them, and voids their
 * sessions: they enrol again at their next sign-in (with their password or
 * SSO). A coordinator cannot reset their own (another coordinator must).
 */
export async function resetSecondFactors(db: Db, actor: Actor, userId: string, now: Date = new Date()): Promise<void> {
  authorize(actor, "user.manage");
  if (userId === actor.id) throw InputError.form({ key: "mfa.resetSelf" });
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const totp = await tx.totpFactor.deleteMany({ where: { userId } });
    const keys = await tx.passkey.deleteMany({ where: { userId } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId, usedAt: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.mfaChallenge.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: userId }, data: { sessionsValidFrom: now } });
    await appendAudit(
      tx,
      [
        {
          type: "user.mfa_reset",
          actor: auditActor(actor),
          data: { userId, email: user.email, totp: totp.count > 0, passkeys: keys.count, recoveryCodes: codes.count },
        },
      ],
      now,
    );
  });
}

function configuredIssuer(): string {
  const config = ssoConfigFrom(env());
  if (!config) throw InputError.form({ key: "mfa.ssoNotConfigured" });
  return config.issuer;
}

/** Links an identity of the configured provider (its subject, e.g. an RPPS-based identifier) to an account. */
export async function linkSsoSubject(
  db: Db,
  actor: Actor,
  userId: string,
  rawSubject: unknown,
  now: Date = new Date(),
): Promise<void> {
  authorize(actor, "user.manage");
  const issuer = configuredIssuer();
  const subject = typeof rawSubject === "string" ? rawSubject.normalize("NFKC").trim() : "";
  if (!/^[\x21-\x7E]{1,255}$/.test(subject)) throw InputError.field("subject", { key: "mfa.ssoSubject" });
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    if ((await tx.ssoLink.count({ where: { issuer, subject } })) > 0)
      throw InputError.field("subject", { key: "mfa.ssoSubjectTaken" });
    await tx.ssoLink.deleteMany({ where: { userId, issuer } });
    await tx.ssoLink.create({ data: { issuer, subject, userId } });
    await appendAudit(
      tx,
      [{ type: "user.sso_linked", actor: auditActor(actor), data: { userId, email: user.email, issuer } }],
      now,
    );
  });
}

export async function unlinkSso(db: Db, actor: Actor, userId: string, now: Date = new Date()): Promise<void> {
  authorize(actor, "user.manage");
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const links = await tx.ssoLink.findMany({ where: { userId } });
    await tx.ssoLink.deleteMany({ where: { userId } });
    for (const l of links)
      await appendAudit(
        tx,
        [
          {
            type: "user.sso_unlinked",
            actor: auditActor(actor),
            data: { userId, email: user.email, issuer: l.issuer },
          },
        ],
        now,
      );
  });
}
