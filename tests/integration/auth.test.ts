import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS, signInWithPassword } from "@/server/auth/sign-in.server";
import { InputError } from "@/server/errors";
import { acceptInvitation, INVITATION_HOURS, invitationState } from "@/server/invitations.server";
import { createUser } from "@/server/users.server";
import { verifyAuditTrail } from "@/server/audit-verify";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describeEachDatabase("sign-in, lockout and invitations", (ctx) => {
  let coord: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "lock@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "reset@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "gone@t.test", role: "CLINICIAN", centreCode: "REI", active: false });
    await addUser(ctx.db, { email: "race@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "race-ok@t.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("signs in with the right password, whatever the e-mail's case and spaces", async () => {
    expect(await signInWithPassword(ctx.db, "  Clin@T.test ", TEST_PASSWORD, T0)).toMatchObject({ ok: true });
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    expect(await signInWithPassword(ctx.db, "nobody@t.test", TEST_PASSWORD, T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(ctx.db, "clin@t.test", "wrong-password!", T0)).toEqual({ ok: false, reason: "invalid" });
  });

  it("resets the failure count after a successful sign-in", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await signInWithPassword(ctx.db, "reset@t.test", "bad", T0);
    expect(await signInWithPassword(ctx.db, "reset@t.test", TEST_PASSWORD, T0)).toMatchObject({ ok: true });
    expect(await signInWithPassword(ctx.db, "reset@t.test", "bad", T0)).toEqual({ ok: false, reason: "invalid" });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "reset@t.test" } });
    expect(user.failedAttempts).toBe(1);
    expect(user.lockedUntil).toBeNull();
  });

  it("locks the account for 15 minutes after five failures, even against the right password", async () => {
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signInWithPassword(ctx.db, "lock@t.test", `bad-${i}`, minutes(0))).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await signInWithPassword(ctx.db, "lock@t.test", "bad-5", minutes(1));
    expect(fifth).toEqual({ ok: false, reason: "locked", lockedUntil: minutes(1 + LOCK_MINUTES) });
    expect(await signInWithPassword(ctx.db, "lock@t.test", TEST_PASSWORD, minutes(15))).toMatchObject({ ok: false, reason: "locked" });
    // After the lock: the right password works again.
    expect(await signInWithPassword(ctx.db, "lock@t.test", TEST_PASSWORD, minutes(16))).toMatchObject({ ok: true });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "lock@t.test" } });
    expect(user.lockedUntil).toBeNull();
    expect(user.failedAttempts).toBe(0);
  });

  it("records sign-ins, failures and the lock in the audit trail", async () => {
    const types = (await ctx.db.auditEvent.findMany({ where: { data: { contains: "lock@t.test" } }, orderBy: { seq: "asc" } })).map((e) => e.type);
    expect(types.filter((t) => t === "auth.sign_in_failed")).toHaveLength(6);
    expect(types).toContain("auth.locked");
    expect(types.at(-1)).toBe("auth.sign_in");
  });

  it("ten wrong passwords at once lock the account once, after exactly five counted failures", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => signInWithPassword(ctx.db, "race@t.test", `wrong-${i}`, T0)));
    const locked = results.filter((r) => !r.ok && r.reason === "locked");
    // The first four failures say "incorrect"; the fifth sets the lock and every later one is told so.
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILED_ATTEMPTS - 1);
    expect(locked).toHaveLength(10 - (MAX_FAILED_ATTEMPTS - 1));
    for (const r of locked) expect(r).toEqual({ ok: false, reason: "locked", lockedUntil: minutes(LOCK_MINUTES) });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "race@t.test" } });
    expect(user.lockedUntil).toEqual(minutes(LOCK_MINUTES));
    expect(user.failedAttempts).toBe(0);
    // Locked: the right password is refused, and the response says until when.
    expect(await signInWithPassword(ctx.db, "race@t.test", TEST_PASSWORD, minutes(1))).toEqual({ ok: false, reason: "locked", lockedUntil: minutes(LOCK_MINUTES) });
    const events = await ctx.db.auditEvent.findMany({ where: { data: { contains: "race@t.test" } } });
    const causes = events.filter((e) => e.type === "auth.sign_in_failed").map((e) => (JSON.parse(e.data ?? "{}") as { cause: string }).cause);
    expect(causes.filter((c) => c === "bad_password")).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(causes.filter((c) => c === "locked")).toHaveLength(10 - MAX_FAILED_ATTEMPTS + 1);
    expect(events.filter((e) => e.type === "auth.locked")).toHaveLength(1);
  });

  it("the right password racing wrong ones never lifts the lock they set", async () => {
    const wrong = Array.from({ length: 10 }, (_, i) => signInWithPassword(ctx.db, "race-ok@t.test", `wrong-${i}`, T0));
    const results = await Promise.all([...wrong, signInWithPassword(ctx.db, "race-ok@t.test", TEST_PASSWORD, T0)]);
    // Whatever the order: a success after fewer than five failures resets the count, and the
    // remaining six or more lock the account; after five, the lock holds and the success is refused.
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "race-ok@t.test" } });
    expect(user.lockedUntil).toEqual(minutes(LOCK_MINUTES));
    const events = await ctx.db.auditEvent.findMany({ where: { data: { contains: "race-ok@t.test" } }, orderBy: { seq: "asc" } });
    const success = events.findIndex((e) => e.type === "auth.sign_in");
    const lock = events.findIndex((e) => e.type === "auth.locked");
    expect(lock).toBeGreaterThan(-1);
    if (results.at(-1)?.ok) expect(success).toBeLessThan(lock);
    else expect(success).toBe(-1);
  });

  it("twenty failed sign-ins with unknown e-mails at once leave the audit chain verifiable", async () => {
    const before = await ctx.db.auditEvent.count();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWithPassword(ctx.db, `nobody-${i}@t.test`, "whatever-password", T0)));
    expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(await ctx.db.auditEvent.count()).toBe(before + 20);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, count: before + 20 });
  });

  it("tells a disabled user so only when the password is right", async () => {
    expect(await signInWithPassword(ctx.db, "gone@t.test", "bad-password-x", T0)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(ctx.db, "gone@t.test", TEST_PASSWORD, T0)).toEqual({ ok: false, reason: "disabled" });
  });

  it("lets an invited user choose a password once, with the policy enforced", async () => {
    const { inviteUrl } = await createUser(ctx.db, coord, { email: "invited@t.test", displayName: "Invited", role: "CLINICIAN", centreCode: "REI" }, "http://app");
    const token = inviteUrl.split("/").at(-1)!;
    expect(await invitationState(ctx.db, token)).toMatchObject({ status: "valid", email: "invited@t.test" });
    expect(await signInWithPassword(ctx.db, "invited@t.test", "anything-long-enough", T0)).toEqual({ ok: false, reason: "invalid" });

    const short = await errorOf(() => acceptInvitation(ctx.db, token, { password: "short", confirm: "short" }));
    expect((short as InputError).fieldErrors.password?.[0]?.key).toBe("password.tooShort");
    const mismatch = await errorOf(() => acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-passwore" }));
    expect((mismatch as InputError).fieldErrors.confirm?.[0]?.key).toBe("password.mismatch");

    await acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-password" });
    expect(await signInWithPassword(ctx.db, "invited@t.test", "long-enough-password")).toMatchObject({ ok: true });
    const again = await errorOf(() => acceptInvitation(ctx.db, token, { password: "another-long-password", confirm: "another-long-password" }));
    expect((again as InputError).fieldErrors._form?.[0]?.key).toBe("invite.used");
    expect(await signInWithPassword(ctx.db, "invited@t.test", "another-long-password")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an invitation link after 72 hours", async () => {
    const { inviteUrl } = await createUser(ctx.db, coord, { email: "late@t.test", displayName: "Late", role: "CLINICIAN", centreCode: "REI" }, "http://app");
    const token = inviteUrl.split("/").at(-1)!;
    const later = new Date(Date.now() + INVITATION_HOURS * 3600_000 + 60_000);
    expect(await invitationState(ctx.db, token, later)).toEqual({ status: "expired" });
    const expired = await errorOf(() => acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-password" }, later));
    expect((expired as InputError).fieldErrors._form?.[0]?.key).toBe("invite.expired");
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "late@t.test" } });
    expect(user.passwordHash).toBeNull();
    expect(await invitationState(ctx.db, "made-up-token")).toEqual({ status: "unknown" });
  });

  it("keeps the audit hash chain intact", async () => {
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
