// Finding 3 (issue 10): an existing account answered LOCKED after five
// failures while an unknown e-mail answered INVALID forever, a locked account
// answered in half the time, and DISABLED was told on the right password.
// Replayed: every account state gets the same answer in the same time (median
// of interleaved tries, ±10 %), and the delay is told to the owner by mail.
import { performance } from "node:perf_hooks";
import { beforeAll, expect, it } from "vitest";
import { THROTTLE } from "@/domain/throttle-policy";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import { addCentre, addUser, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const TRIES = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describeEachDatabase("user enumeration: one answer, one timing, whatever the account's state", (ctx) => {
  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addUser(ctx.db, { email: "active@enum.test", role: "CLINICIAN", centreCode: "REI" });
    await addUser(ctx.db, { email: "disabled@enum.test", role: "CLINICIAN", centreCode: "REI", active: false });
    await addUser(ctx.db, { email: "invited@enum.test", role: "CLINICIAN", centreCode: "REI", withPassword: false });
    await addUser(ctx.db, { email: "delayed@enum.test", role: "CLINICIAN", centreCode: "REI" });
    // Someone guesses the "delayed" account's password from many addresses: its account-wide delay starts.
    const guesses = Array.from({ length: THROTTLE.accountFreeFailures }, (_, i) =>
      signInWithPassword(ctx.db, "delayed@enum.test", `guess-${i}`, { client: `198.18.0.${i}` }),
    );
    await Promise.all(guesses);
  });

  // What an attacker tries, each with a password that is right when the account has one.
  const STATES = {
    unknown: ["nobody@enum.test", TEST_PASSWORD],
    wrongPassword: ["active@enum.test", "not-the-password"],
    disabledRightPassword: ["disabled@enum.test", TEST_PASSWORD],
    delayedRightPassword: ["delayed@enum.test", TEST_PASSWORD],
    noPasswordYet: ["invited@enum.test", TEST_PASSWORD],
  } as const;

  it("answers exactly the same thing for every state, every time", async () => {
    const tries = Object.entries(STATES).flatMap(([state, [email, password]]) =>
      [0, 1, 2].map(async (i) => ({
        state,
        answer: await signInWithPassword(ctx.db, email, password, { client: `198.19.${i}.${state.length}` }),
      })),
    );
    for (const { state, answer } of await Promise.all(tries))
      expect({ state, answer }).toEqual({ state, answer: { ok: false, reason: "invalid" } });
  });

  it("takes the same time for every state (median of interleaved tries within ±10 %)", async () => {
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(STATES).map((s) => [s, []]));
    // Interleaved rounds: a slow moment of the shared machine hits every state alike.
    for (let round = 0; round < TRIES; round++) {
      const order = Object.entries(STATES);
      // Rotated each round: no state always runs first (or just after another's database writes).
      for (const [state, [email, password]] of [
        ...order.slice(round % order.length),
        ...order.slice(0, round % order.length),
      ]) {
        const start = performance.now();
        await signInWithPassword(ctx.db, email, password, { client: `198.20.${round}.${state.length}` });
        times[state]!.push(performance.now() - start);
      }
    }
    const medians = Object.fromEntries(Object.entries(times).map(([s, xs]) => [s, median(xs)]));
    const all = median(Object.values(medians));
    for (const [state, m] of Object.entries(medians)) {
      expect(Math.abs(m / all - 1), `${state}: ${JSON.stringify(medians)}`).toBeLessThanOrEqual(0.1);
    }
  });

  it("the account's delay is told to its owner, once, by mail — never to the requester", async () => {
    const notices = await ctx.db.outboxMail.findMany({ where: { to: "delayed@enum.test", kind: "security_notice" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(`${THROTTLE.accountFreeFailures} tentatives`);
    // A disabled account's owner is not mailed (nobody to warn), an unknown address has no owner.
    expect(await ctx.db.outboxMail.count({ where: { to: { in: ["disabled@enum.test", "nobody@enum.test"] } } })).toBe(
      0,
    );
    const locked = await ctx.db.auditEvent.findMany({ where: { type: "auth.locked" } });
    expect(locked).toHaveLength(1);
  });

  it("the delay runs out: the owner's right password works afterwards", async () => {
    const later = new Date(Date.now() + THROTTLE.maxDelaySeconds * 1000 + 1000);
    expect(
      await signInWithPassword(ctx.db, "delayed@enum.test", TEST_PASSWORD, { now: later, client: "192.0.2.10" }),
    ).toMatchObject({ ok: true });
  });
});
