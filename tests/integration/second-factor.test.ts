import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/actor";
import { secretFromBase32, totpCode, totpStep } from "@/domain/mfa/totp";
import { loadActor } from "@/server/actor.server";
import { resetSecondFactors } from "@/server/auth/mfa-admin.server";
import { ssoSignIn } from "@/server/auth/oidc.server";
import {
  afterFirstFactor,
  beginSignInEnrolment,
  completeSignIn,
  confirmSignInEnrolment,
  ticketInfo,
} from "@/server/auth/second-factor.server";
import { ForbiddenError, InputError } from "@/server/errors";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

// The second step of sign-in against real databases: tickets, brute force,
// replay, recovery codes, the coordinator's reset, and single sign-on's
// mapping to invited accounts (ADR 0012, docs/security.md).

describeEachDatabase("second factor and single sign-on", (ctx) => {
  let coord: Actor;
  let other: Actor;
  let clin: Actor;
  let secret = "";
  let codes: string[] = [];

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@mfa.test", role: "COORDINATOR" });
    other = await addUser(ctx.db, { email: "coord2@mfa.test", role: "COORDINATOR" });
    clin = await addUser(ctx.db, { email: "clin@mfa.test", role: "CLINICIAN", centreCode: "REI" });
  });
  afterEach(() => vi.unstubAllEnvs());

  const ticketFor = async (userId: string, now = new Date()) => {
    const next = await afterFirstFactor(ctx.db, userId, "password", now);
    if (next.kind !== "challenge") throw new Error(`expected a challenge, got ${next.kind}`);
    return next;
  };
  const code = (offset: number, at = Date.now()) => totpCode(secretFromBase32(secret), totpStep(at) + offset);

  it("lets a clinician without a factor in, makes a coordinator enrol before any session", async () => {
    expect(await afterFirstFactor(ctx.db, clin.id, "password")).toEqual({ kind: "session" });
    const first = await ticketFor(coord.id);
    expect(first.step).toBe("enrol");
    // The ticket alone opens nothing.
    expect(await completeSignIn(ctx.db, first.ticket, { kind: "enrolled" })).toEqual({ ok: false, reason: "expired" });
    const display = await beginSignInEnrolment(ctx.db, first.ticket);
    secret = display!.grouped.replace(/\s/g, "");
    expect(await confirmSignInEnrolment(ctx.db, first.ticket, "000000")).toEqual({ ok: false, reason: "wrong" });
    const enrolled = await confirmSignInEnrolment(ctx.db, first.ticket, code(0));
    expect(enrolled.ok).toBe(true);
    codes = enrolled.ok ? enrolled.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(await completeSignIn(ctx.db, first.ticket, { kind: "enrolled" })).toEqual({ ok: true, userId: coord.id });
    // Used once.
    expect(await completeSignIn(ctx.db, first.ticket, { kind: "enrolled" })).toEqual({ ok: false, reason: "expired" });
    // Stored sealed and keyed: neither the secret nor a code in clear.
    const stored = JSON.stringify([await ctx.db.totpFactor.findMany(), await ctx.db.recoveryCode.findMany()]);
    expect(stored).not.toContain(secret);
    for (const c of codes) expect(stored).not.toContain(c.replace("-", ""));
  });

  it("accepts one answer per time step even when two sign-ins race with the same code", async () => {
    const [a, b] = await Promise.all([ticketFor(coord.id), ticketFor(coord.id)]);
    expect(a.step).toBe("verify");
    const same = code(1);
    const results = await Promise.all([
      completeSignIn(ctx.db, a.ticket, { kind: "code", code: same }),
      completeSignIn(ctx.db, b.ticket, { kind: "code", code: same }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("kills a ticket after five wrong codes, and gives no new ticket after ten in an hour", async () => {
    const now = new Date(Date.now() + 3 * 60_000);
    const t = await ticketFor(other.id, now).catch(() => null);
    // `other` has no factor yet: enrol it first, then attack it.
    expect(t?.step).toBe("enrol");
    const display = await beginSignInEnrolment(ctx.db, t!.ticket, now);
    const otherSecret = display!.grouped.replace(/\s/g, "");
    await confirmSignInEnrolment(
      ctx.db,
      t!.ticket,
      totpCode(secretFromBase32(otherSecret), totpStep(now.getTime())),
      now,
    );
    const victim = await ticketFor(other.id, now);
    for (let i = 0; i < 5; i++)
      expect(await completeSignIn(ctx.db, victim.ticket, { kind: "code", code: "123456" }, now)).toMatchObject({
        ok: false,
      });
    const right = totpCode(secretFromBase32(otherSecret), totpStep(now.getTime()) + 1);
    expect(await completeSignIn(ctx.db, victim.ticket, { kind: "code", code: right }, now)).toEqual({
      ok: false,
      reason: "expired",
    });
    const second = await ticketFor(other.id, now);
    for (let i = 0; i < 5; i++) await completeSignIn(ctx.db, second.ticket, { kind: "code", code: "654321" }, now);
    expect(await afterFirstFactor(ctx.db, other.id, "password", now)).toEqual({ kind: "throttled" });
    // An hour later, the account may try again.
    expect((await afterFirstFactor(ctx.db, other.id, "password", new Date(now.getTime() + 61 * 60_000))).kind).toBe(
      "challenge",
    );
    const failures = await ctx.db.auditEvent.count({ where: { type: "auth.mfa_failed", actorId: other.id } });
    expect(failures).toBe(10);
  });

  it("accepts a recovery code once, even twice at the same time", async () => {
    const [a, b] = await Promise.all([ticketFor(coord.id), ticketFor(coord.id)]);
    const results = await Promise.all([
      completeSignIn(ctx.db, a.ticket, { kind: "code", code: codes[0]! }),
      completeSignIn(ctx.db, b.ticket, { kind: "code", code: codes[0]! }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const c = await ticketFor(coord.id);
    expect(await completeSignIn(ctx.db, c.ticket, { kind: "code", code: codes[0]! })).toEqual({
      ok: false,
      reason: "wrong",
    });
  });

  it("refuses an expired ticket", async () => {
    const t = await ticketFor(coord.id);
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await completeSignIn(ctx.db, t.ticket, { kind: "code", code: code(0, later.getTime()) }, later)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("lets a coordinator reset another user's factors (sessions voided, audited without secrets), never their own", async () => {
    expect(await errorOf(() => resetSecondFactors(ctx.db, clin, coord.id))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => resetSecondFactors(ctx.db, coord, coord.id))).toBeInstanceOf(InputError);
    const begun = Date.now() - 1_000;
    await resetSecondFactors(ctx.db, other, coord.id);
    expect(await ctx.db.totpFactor.count({ where: { userId: coord.id } })).toBe(0);
    expect(await ctx.db.recoveryCode.count({ where: { userId: coord.id } })).toBe(0);
    expect(await loadActor(ctx.db, coord.id, { startedAt: begun })).toBeNull();
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { type: "user.mfa_reset" } });
    expect(JSON.parse(event.data ?? "{}")).toEqual({
      userId: coord.id,
      email: "coord@mfa.test",
      totp: true,
      passkeys: 0,
      recoveryCodes: 9,
    });
    expect((await ticketFor(coord.id)).step).toBe("enrol");
  });

  it("single sign-on reaches only invited accounts, links the subject once, and still asks a coordinator's factor", async () => {
    vi.stubEnv("OIDC_ISSUER", "https://idp.test/realms/chu");
    vi.stubEnv("OIDC_CLIENT_ID", "ecrf");
    vi.stubEnv("OIDC_STRONG_ACR", "loa2");
    expect(await ssoSignIn(ctx.db, { sub: "x1", email: "nobody@chu.test", email_verified: true })).toEqual({
      kind: "refused",
      cause: "no_account",
    });
    expect(await ssoSignIn(ctx.db, { sub: "x2", email: "clin@mfa.test" })).toEqual({
      kind: "refused",
      cause: "unverified_email",
    });
    expect(await ssoSignIn(ctx.db, { sub: "s-clin", email: "CLIN@mfa.test", email_verified: true })).toEqual({
      kind: "session",
      userId: clin.id,
    });
    expect(await ctx.db.ssoLink.findMany({ select: { issuer: true, subject: true, userId: true } })).toEqual([
      { issuer: "https://idp.test/realms/chu", subject: "s-clin", userId: clin.id },
    ]);
    // Another identity claiming the same (verified) address does not take the linked account over.
    expect(await ssoSignIn(ctx.db, { sub: "s-evil", email: "clin@mfa.test", email_verified: true })).toEqual({
      kind: "refused",
      cause: "link_conflict",
    });
    // The link works without an e-mail.
    expect(await ssoSignIn(ctx.db, { sub: "s-clin" })).toEqual({ kind: "session", userId: clin.id });
    const viaSso = await ssoSignIn(ctx.db, {
      sub: "s-coord",
      email: "coord@mfa.test",
      email_verified: true,
      acr: "loa1",
    });
    expect(viaSso.kind).toBe("challenge");
    // Only single sign-on puts a ticket in the sign-in page's address: a password ticket there is refused.
    expect(
      await ticketInfo(ctx.db, viaSso.kind === "challenge" ? viaSso.ticket : "", { fromAddress: true }),
    ).toMatchObject({ step: "enrol" });
    expect(await ticketInfo(ctx.db, (await ticketFor(coord.id)).ticket, { fromAddress: true })).toBeNull();
    expect(await ssoSignIn(ctx.db, { sub: "s-coord", acr: "loa2" })).toEqual({ kind: "session", userId: coord.id });
    expect(await ctx.db.user.count()).toBe(3);
    expect(await ctx.db.auditEvent.count({ where: { type: "auth.sso_refused" } })).toBe(3);
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
