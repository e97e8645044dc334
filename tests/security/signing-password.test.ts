// Finding 5 (issue 10): signCaseAction with a wrong password was neither
// counted nor audited — an unlimited password oracle for anyone holding a
// clinician's session. Replayed: each wrong signing password is audited and
// counts with the account's sign-in failures, whose delay then also holds for
// signing (and sign-in).
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { THROTTLE } from "@/domain/throttle-policy";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import type { InputError } from "@/server/errors";
import { signCase } from "@/server/workflow.server";
import { newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("signing: a wrong password counts with the sign-in failures and is audited", (ctx) => {
  let clin: Actor;
  let caseId: string;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    clin = await addUser(ctx.db, { email: "signer@sign.test", role: "CLINICIAN", centreCode: "REI" });
    caseId = await newDraftCase(ctx.db, clin);
  });

  const sign = (password: string) => signCase(ctx.db, clin, caseId, { password, attest: true, locale: "fr" });

  it("audits a wrong signing password as a failed sign-in on that case, and counts it", async () => {
    const refused = await errorOf(() => sign("not-my-password"));
    expect((refused as InputError).fieldErrors.password?.[0]?.key).toBe("sign.wrongPassword");
    const events = await ctx.db.auditEvent.findMany({ where: { type: "auth.sign_in_failed", actorId: clin.id } });
    expect(events).toHaveLength(1);
    expect(events[0]!.caseId).toBe(caseId);
    expect(JSON.parse(events[0]!.data ?? "{}")).toMatchObject({
      email: "signer@sign.test",
      cause: "bad_password",
      via: "signature",
    });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: clin.id } })).failedAttempts).toBe(1);
  });

  it("signing failures and sign-in failures add up to the account's delay, which then holds for both", async () => {
    const signingGuesses = 10;
    for (let i = 1; i < signingGuesses; i++) await errorOf(() => sign(`guess-${i}`));
    const rest = THROTTLE.accountFreeFailures - signingGuesses;
    await Promise.all(
      Array.from({ length: rest }, (_, i) =>
        signInWithPassword(ctx.db, "signer@sign.test", `guess-${i}`, { client: `198.18.5.${i}` }),
      ),
    );
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: clin.id } })).failedAttempts).toBe(
      THROTTLE.accountFreeFailures,
    );
    // The account's delay has started: even the right password neither signs in nor signs.
    expect(await signInWithPassword(ctx.db, "signer@sign.test", TEST_PASSWORD, { client: "192.0.2.9" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const blocked = await errorOf(() => sign(TEST_PASSWORD));
    expect((blocked as InputError).fieldErrors.password?.[0]?.key).toBe("sign.wrongPassword");
    const causes = (await ctx.db.auditEvent.findMany({ where: { type: "auth.sign_in_failed", actorId: clin.id } })).map(
      (e) => JSON.parse(e.data ?? "{}"),
    );
    expect(causes.filter((c) => c.via === "signature")).toHaveLength(signingGuesses + 1);
    expect(causes.at(-1)).toMatchObject({ via: "signature", cause: "locked" });
    expect(await ctx.db.outboxMail.count({ where: { to: "signer@sign.test", kind: "security_notice" } })).toBe(1);
  });

  it("a delay reached through signing alone is mailed to the owner too", async () => {
    const other = await addUser(ctx.db, { email: "other-signer@sign.test", role: "CLINICIAN", centreCode: "REI" });
    const otherCase = await newDraftCase(ctx.db, other);
    for (let i = 0; i < THROTTLE.accountFreeFailures; i++)
      await errorOf(() => signCase(ctx.db, other, otherCase, { password: `guess-${i}`, attest: true, locale: "fr" }));
    expect(await ctx.db.outboxMail.count({ where: { to: "other-signer@sign.test", kind: "security_notice" } })).toBe(1);
    expect(await ctx.db.auditEvent.count({ where: { type: "auth.locked", actorId: other.id } })).toBe(1);
    expect(await signInWithPassword(ctx.db, "other-signer@sign.test", TEST_PASSWORD, { client: "192.0.2.19" })).toEqual(
      { ok: false, reason: "invalid" },
    );
  });
});
