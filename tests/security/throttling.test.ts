// Finding 4 (issue 10): 200 tries from one client in 22 s were all accepted,
// each adding an audit row, and five wrong passwords locked any known account
// for 15 minutes, again and again. Replayed against the real limits (ADR 0011),
// kept in the database so that several app instances share them.
import { beforeAll, expect, it } from "vitest";
import { THROTTLE } from "@/domain/throttle-policy";
import { requestPasswordReset } from "@/server/auth/forgot-password.server";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import { gateAttempt } from "@/server/auth/throttle.server";
import { createDb } from "@/server/db/create-db";
import type { InputError } from "@/server/errors";
import { acceptInvitation } from "@/server/invitations.server";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const ATTACKER = "203.0.113.66";
const keyOf = (e: unknown) => (e as InputError).fieldErrors._form?.[0]?.key;

describeEachDatabase("throttling: per client, per account, global — shared by every instance", (ctx) => {
  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addUser(ctx.db, { email: "victim@throttle.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "bystander@throttle.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("one client's guesses stop at its limit, without an audit row per refused try; other clients go on", async () => {
    const auditBefore = await ctx.db.auditEvent.count();
    const answers: string[] = [];
    // 100 tries in bursts of 10 at once, each on another e-mail (no per-account delay helps the attacker here).
    for (let burst = 0; burst < 10; burst++) {
      const tries = Array.from({ length: 10 }, (_, i) =>
        signInWithPassword(ctx.db, `guess-${burst}-${i}@throttle.test`, "password-guess", { client: ATTACKER }),
      );
      for (const r of await Promise.all(tries)) answers.push(r.ok ? "ok" : r.reason);
    }
    const accepted = answers.filter((a) => a === "invalid").length;
    expect(accepted).toBeGreaterThanOrEqual(THROTTLE.signInPerClient.max);
    // At most one burst in flight past the limit.
    expect(accepted).toBeLessThan(THROTTLE.signInPerClient.max + 10);
    expect(answers.filter((a) => a === "throttled").length).toBe(100 - accepted);
    // One row per counted failure, one for reaching the limit; none for the refused tries.
    const added = await ctx.db.auditEvent.findMany({ where: { seq: { gt: auditBefore } }, select: { type: true } });
    expect(added.filter((e) => e.type === "auth.sign_in_failed")).toHaveLength(accepted);
    expect(added.filter((e) => e.type === "auth.throttled")).toHaveLength(1);
    // The attacker's client is refused even the right password of a real account…
    expect(
      await signInWithPassword(ctx.db, "bystander@throttle.test", TEST_PASSWORD, { client: ATTACKER }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    // …which works from anywhere else.
    expect(
      await signInWithPassword(ctx.db, "bystander@throttle.test", TEST_PASSWORD, { client: "192.0.2.1" }),
    ).toMatchObject({ ok: true });
  });

  it("no lockout as a weapon: an attacker hammering an account cannot keep its owner out", async () => {
    for (let burst = 0; burst < 4; burst++) {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          signInWithPassword(ctx.db, "victim@throttle.test", `wrong-${burst}-${i}`, { client: "203.0.113.77" }),
        ),
      );
    }
    // The attacker's client now waits between tries (a growing delay)…
    expect(
      await signInWithPassword(ctx.db, "victim@throttle.test", TEST_PASSWORD, { client: "203.0.113.77" }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    // …so it could not reach the account-wide delay, and the owner signs in from their own computer.
    expect(await ctx.db.auditEvent.count({ where: { type: "auth.locked" } })).toBe(0);
    expect(
      await signInWithPassword(ctx.db, "victim@throttle.test", TEST_PASSWORD, { client: "192.0.2.2" }),
    ).toMatchObject({ ok: true });
  });

  it("counts are shared by two app instances on the same database", async () => {
    const other = createDb(ctx.url).db;
    try {
      const client = "198.51.100.200";
      const half = THROTTLE.signInPerClient.max / 2;
      await Promise.all([
        ...Array.from({ length: half }, (_, i) =>
          signInWithPassword(ctx.db, `a-${i}@throttle.test`, "password-guess", { client }),
        ),
        ...Array.from({ length: half }, (_, i) =>
          signInWithPassword(other, `b-${i}@throttle.test`, "password-guess", { client }),
        ),
      ]);
      expect(await signInWithPassword(other, "c@throttle.test", "password-guess", { client })).toMatchObject({
        ok: false,
        reason: "throttled",
      });
      expect(await signInWithPassword(ctx.db, "c@throttle.test", "password-guess", { client })).toMatchObject({
        ok: false,
        reason: "throttled",
      });
    } finally {
      await other.$disconnect();
    }
  });

  it("a global limit stops guessing spread over many clients", async () => {
    const policy = { ...THROTTLE, signInGlobal: { max: 6, windowMinutes: 15 }, failureFloorMs: 0 };
    const now = new Date(Date.now() + 3600_000); // a fresh global window
    for (let i = 0; i < 6; i++)
      expect(
        await signInWithPassword(ctx.db, `spread-${i}@throttle.test`, "guess", { client: `10.77.0.${i}`, now, policy }),
      ).toMatchObject({ reason: "invalid" });
    expect(
      await signInWithPassword(ctx.db, "spread-x@throttle.test", "guess", { client: "10.77.1.1", now, policy }),
    ).toMatchObject({ reason: "throttled" });
  });

  it("password-reset requests: per client, then refused with a clear message; other clients go on", async () => {
    const client = "203.0.113.88";
    for (let i = 0; i < THROTTLE.resetPerClient.max; i++)
      await requestPasswordReset(ctx.db, { email: `who-${i}@throttle.test` }, "https://ecrf.test", new Date(), client);
    const refused = await errorOf(() =>
      requestPasswordReset(ctx.db, { email: "victim@throttle.test" }, "https://ecrf.test", new Date(), client),
    );
    expect(keyOf(refused)).toBe("throttle.tooMany");
    expect((refused as InputError).fieldErrors._form?.[0]?.params).toEqual({ minutes: 60 });
    expect(
      await requestPasswordReset(
        ctx.db,
        { email: "victim@throttle.test" },
        "https://ecrf.test",
        new Date(),
        "192.0.2.3",
      ),
    ).toEqual({ outcome: "sent" });
  });

  it("invitation links: per client, whatever the token", async () => {
    const client = "203.0.113.99";
    const pw = { password: "ocelot-harbour-violin-1987", confirm: "ocelot-harbour-violin-1987" };
    for (let i = 0; i < THROTTLE.invitationPerClient.max; i++)
      expect(keyOf(await errorOf(() => acceptInvitation(ctx.db, `bogus-${i}`, pw, new Date(), client)))).toBe(
        "invite.unknown",
      );
    expect(keyOf(await errorOf(() => acceptInvitation(ctx.db, "bogus-x", pw, new Date(), client)))).toBe(
      "throttle.tooMany",
    );
    expect(keyOf(await errorOf(() => acceptInvitation(ctx.db, "bogus-x", pw, new Date(), "192.0.2.4")))).toBe(
      "invite.unknown",
    );
  });

  it("the generic gate refuses past either limit and reopens when the window ends", async () => {
    const limits = { perClient: { max: 2, windowMinutes: 1 }, global: { max: 3, windowMinutes: 1 } };
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await gateAttempt(ctx.db, "unit", "a", limits, t0)).toBeNull();
    expect(await gateAttempt(ctx.db, "unit", "a", limits, t0)).toBeNull();
    expect(await gateAttempt(ctx.db, "unit", "a", limits, t0)).toEqual(new Date(t0.getTime() + 60_000));
    expect(await gateAttempt(ctx.db, "unit", "b", limits, t0)).toBeNull();
    expect(await gateAttempt(ctx.db, "unit", "c", limits, t0)).toEqual(new Date(t0.getTime() + 60_000));
    expect(await gateAttempt(ctx.db, "unit", "a", limits, new Date(t0.getTime() + 61_000))).toBeNull();
  });

  it("the generic gate holds its limit exactly against a burst of simultaneous requests from one client", async () => {
    const limits = { perClient: { max: 5, windowMinutes: 10 }, global: { max: 1000, windowMinutes: 10 } };
    const t0 = new Date("2031-01-01T00:00:00Z");
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => gateAttempt(ctx.db, "burst", ATTACKER, limits, t0)),
    );
    expect(answers.filter((a) => a === null)).toHaveLength(limits.perClient.max);
    expect(answers.filter((a) => a !== null)).toHaveLength(30 - limits.perClient.max);
    // The refused requests did not use up everyone else's allowance.
    expect(await gateAttempt(ctx.db, "burst", "192.0.2.200", limits, t0)).toBeNull();
  });
});
