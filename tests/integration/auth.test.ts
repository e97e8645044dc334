import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { THROTTLE } from "@/domain/throttle-policy";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import { InputError } from "@/server/errors";
import { acceptInvitation, INVITATION_HOURS, invitationState } from "@/server/invitations.server";
import { createUser } from "@/server/users.server";
import { verifyAuditTrail } from "@/server/audit-verify";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describeEachDatabase("sign-in, delays and invitations", (ctx) => {
  let coord: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "lock@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "reset@t.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "gone@t.test", role: "CLINICIAN", centreCode: "REI", active: false });
    await addUser(ctx.db, { email: "race@t.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("signs in with the right password, whatever the e-mail's case and spaces", async () => {
    expect(await signInWithPassword(ctx.db, "  Clin@T.test ", TEST_PASSWORD, T0)).toMatchObject({ ok: true });
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    expect(await signInWithPassword(ctx.db, "nobody@t.test", TEST_PASSWORD, T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signInWithPassword(ctx.db, "clin@t.test", "wrong-password!", T0)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("resets the failure count after a successful sign-in", async () => {
    for (let i = 0; i < 4; i++)
      await signInWithPassword(ctx.db, "reset@t.test", "bad", { now: T0, client: "10.0.1.1" });
    expect(
      await signInWithPassword(ctx.db, "reset@t.test", TEST_PASSWORD, { now: T0, client: "10.0.1.1" }),
    ).toMatchObject({ ok: true });
    expect(await signInWithPassword(ctx.db, "reset@t.test", "bad", { now: T0, client: "10.0.1.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "reset@t.test" } });
    expect(user.failedAttempts).toBe(1);
    expect(user.lockedUntil).toBeNull();
  });

  it("no hard lock: after five failures one client waits a growing delay, the owner elsewhere signs in", async () => {
    const from = (client: string, password: string, at: Date) =>
      signInWithPassword(ctx.db, "lock@t.test", password, { now: at, client });
    for (let i = 1; i <= THROTTLE.accountClientFreeFailures; i++)
      expect(await from("203.0.113.9", `bad-${i}`, minutes(0))).toEqual({ ok: false, reason: "invalid" });
    // That client now waits 30 s (told so: it says nothing about the account, unknown ones are delayed alike)…
    expect(await from("203.0.113.9", TEST_PASSWORD, minutes(0))).toEqual({
      ok: false,
      reason: "throttled",
      retryAt: new Date(T0.getTime() + 30_000),
    });
    // …then one more failure doubles it.
    expect(await from("203.0.113.9", "bad-6", minutes(1))).toEqual({ ok: false, reason: "invalid" });
    expect(await from("203.0.113.9", TEST_PASSWORD, minutes(1))).toEqual({
      ok: false,
      reason: "throttled",
      retryAt: new Date(minutes(1).getTime() + 60_000),
    });
    // The owner, from their own computer, is not locked out by someone else's guesses.
    expect(await from("192.0.2.44", TEST_PASSWORD, minutes(1))).toMatchObject({ ok: true });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "lock@t.test" } });
    expect(user.lockedUntil).toBeNull();
    expect(user.failedAttempts).toBe(0);
  });

  it("records every failure, and the client's delay once, in the audit trail", async () => {
    const events = await ctx.db.auditEvent.findMany({
      where: { data: { contains: "lock@t.test" } },
      orderBy: { seq: "asc" },
    });
    expect(events.filter((e) => e.type === "auth.sign_in_failed")).toHaveLength(6);
    expect(events.at(-1)?.type).toBe("auth.sign_in");
    const throttled = await ctx.db.auditEvent.findMany({
      where: { type: "auth.throttled", data: { contains: "203.0.113.9" } },
    });
    expect(throttled.map((e) => JSON.parse(e.data ?? "{}").limit)).toEqual(["account_client"]);
  });

  it("ten wrong passwords at once are each counted once, on the account and on the client", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        signInWithPassword(ctx.db, "race@t.test", `wrong-${i}`, { now: T0, client: `10.0.2.${i}` }),
      ),
    );
    expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "race@t.test" } });
    expect(user.failedAttempts).toBe(10);
    const causes = (
      await ctx.db.auditEvent.findMany({ where: { type: "auth.sign_in_failed", data: { contains: "race@t.test" } } })
    ).map((e) => JSON.parse(e.data ?? "{}").cause);
    expect(causes).toEqual(Array(10).fill("bad_password"));
  });

  it("twenty failed sign-ins with unknown e-mails at once leave the audit chain verifiable", async () => {
    const before = await ctx.db.auditEvent.count();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword(ctx.db, `nobody-${i}@t.test`, "whatever-password", { now: T0, client: `10.0.3.${i}` }),
      ),
    );
    expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(await ctx.db.auditEvent.count()).toBe(before + 20);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, count: before + 20 });
  });

  it("never tells a disabled account apart, not even with the right password", async () => {
    expect(await signInWithPassword(ctx.db, "gone@t.test", "bad-password-x", { now: T0, client: "10.0.4.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signInWithPassword(ctx.db, "gone@t.test", TEST_PASSWORD, { now: T0, client: "10.0.4.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("lets an invited user choose a password once, with the policy enforced", async () => {
    const { inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "invited@t.test", displayName: "Invited", role: "CLINICIAN", centreCode: "REI" },
      "http://app",
    );
    const token = inviteUrl.split("/").at(-1)!;
    expect(await invitationState(ctx.db, token)).toMatchObject({ status: "valid", email: "invited@t.test" });
    expect(await signInWithPassword(ctx.db, "invited@t.test", "anything-long-enough", T0)).toEqual({
      ok: false,
      reason: "invalid",
    });

    const short = await errorOf(() => acceptInvitation(ctx.db, token, { password: "short", confirm: "short" }));
    expect((short as InputError).fieldErrors.password?.[0]?.key).toBe("password.tooShort");
    const mismatch = await errorOf(() =>
      acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-passwore" }),
    );
    expect((mismatch as InputError).fieldErrors.confirm?.[0]?.key).toBe("password.mismatch");

    await acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-password" });
    expect(await signInWithPassword(ctx.db, "invited@t.test", "long-enough-password")).toMatchObject({ ok: true });
    const again = await errorOf(() =>
      acceptInvitation(ctx.db, token, { password: "another-long-password", confirm: "another-long-password" }),
    );
    expect((again as InputError).fieldErrors._form?.[0]?.key).toBe("invite.used");
    expect(await signInWithPassword(ctx.db, "invited@t.test", "another-long-password")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("refuses an invitation link after 72 hours", async () => {
    const { inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "late@t.test", displayName: "Late", role: "CLINICIAN", centreCode: "REI" },
      "http://app",
    );
    const token = inviteUrl.split("/").at(-1)!;
    const later = new Date(Date.now() + INVITATION_HOURS * 3600_000 + 60_000);
    expect(await invitationState(ctx.db, token, later)).toEqual({ status: "expired" });
    const expired = await errorOf(() =>
      acceptInvitation(ctx.db, token, { password: "long-enough-password", confirm: "long-enough-password" }, later),
    );
    expect((expired as InputError).fieldErrors._form?.[0]?.key).toBe("invite.expired");
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "late@t.test" } });
    expect(user.passwordHash).toBeNull();
    expect(await invitationState(ctx.db, "made-up-token")).toEqual({ status: "unknown" });
  });

  it("keeps the audit hash chain intact", async () => {
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
