import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers } from "@/domain/crf/answers";
import { createCase } from "@/server/cases.server";
import { InputError } from "@/server/errors";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const keyOf = (err: unknown, path: string) => (err as InputError).fieldErrors[path]?.map((m) => m.key);

describeEachDatabase("the eligibility screen", (ctx) => {
  let clin: Actor;
  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    clin = await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("stops an ineligible patient with the criterion that fails, creating nothing", async () => {
    const base = { initials: "AB", birthDate: "1970-01-01", centreCode: "REI" };
    for (const criterion of ["elig_dm", "elig_sam", "elig_france"] as const) {
      const err = await errorOf(() => createCase(ctx.db, clin, { ...base, ...ELIGIBLE, [criterion]: "no" }));
      expect(keyOf(err, criterion)).toEqual(["crf.eligibility.mustBeYes"]);
    }
    expect(
      keyOf(
        await errorOf(() => createCase(ctx.db, clin, { ...base, ...ELIGIBLE, sam_date: "2009-12-31" })),
        "sam_date",
      ),
    ).toEqual(["crf.eligibility.window"]);
    expect(
      keyOf(
        await errorOf(() => createCase(ctx.db, clin, { ...base, ...ELIGIBLE, sam_date: "2020-10-02" })),
        "sam_date",
      ),
    ).toEqual(["crf.eligibility.window"]);
    expect(
      keyOf(await errorOf(() => createCase(ctx.db, clin, { ...base, ...ELIGIBLE, sam_date: "03/2015" })), "sam_date"),
    ).toEqual(["crf.date.precision.day"]);
    expect(
      keyOf(await errorOf(() => createCase(ctx.db, clin, { ...base, ...ELIGIBLE, elig_dm: "" })), "elig_dm"),
    ).toEqual(["crf.eligibility.required"]);
    expect(
      keyOf(
        await errorOf(() =>
          createCase(ctx.db, clin, { ...base, ...ELIGIBLE, sam_date: "1969-01-01", birthDate: "1970-01-01" }),
        ),
        "sam_date",
      ),
    ).toContain("crf.eligibility.window");
    expect(await ctx.db.case.count()).toBe(0);
  });

  it("accepts the window's edges and French dates, and stores the answers and scores", async () => {
    const first = await createCase(ctx.db, clin, {
      initials: "CD",
      birthDate: "1970-01-01",
      centreCode: "REI",
      ...ELIGIBLE,
      sam_date: "01/01/2010",
    });
    const last = await createCase(ctx.db, clin, {
      initials: "EF",
      birthDate: "1970-01-01",
      centreCode: "REI",
      ...ELIGIBLE,
      sam_date: "2020-10-01",
    });
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id: first.id } });
    const answers = asCaseAnswers(row.answers);
    expect(answers.fields.sam_date).toEqual({ v: "2010-01-01" });
    expect(answers.fields.elig_dm).toEqual({ v: "yes" });
    expect((row.computed as { age_at_sam: number }).age_at_sam).toBe(40);
    expect(last.id).not.toBe(first.id);
    const created = await ctx.db.auditEvent.findFirstOrThrow({ where: { type: "case.created", caseId: first.id } });
    expect(JSON.parse(created.data ?? "{}")).toMatchObject({ eligibility: { sam_date: "2010-01-01" } });
  });

  it("two identical creations at the same instant: one case, and a friendly 'already exists in your centre' for the other", async () => {
    const input = { initials: "TW", birthDate: "1966-06-06", centreCode: "REI", ...ELIGIBLE };
    const results = await Promise.allSettled([createCase(ctx.db, clin, input), createCase(ctx.db, clin, input)]);
    const created = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    // An InputError (a message on the form, never a 500), naming the key that exists.
    expect(refused[0]!.reason).toBeInstanceOf(InputError);
    expect((refused[0]!.reason as InputError).fieldErrors._form).toEqual([
      { key: "case.duplicate", params: { initials: "TW", birthDate: "1966-06-06", centre: "REI" } },
    ]);
    expect(await ctx.db.case.count({ where: { initials: "TW", birthDate: "1966-06-06" } })).toBe(1);
    expect(
      await ctx.db.auditEvent.count({
        where: { type: "case.created", caseId: (created[0] as PromiseFulfilledResult<{ id: string }>).value.id },
      }),
    ).toBe(1);
  });

  it("five identical creations at once still make exactly one case", async () => {
    const input = { initials: "FV", birthDate: "1977-07-07", centreCode: "REI", ...ELIGIBLE };
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createCase(ctx.db, clin, input)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as InputError).fieldErrors?._form?.[0]?.key).toBe("case.duplicate");
    expect(await ctx.db.case.count({ where: { initials: "FV" } })).toBe(1);
  });

  it("refuses a MAS diagnosed before birth", async () => {
    const err = await errorOf(() =>
      createCase(ctx.db, clin, {
        initials: "GH",
        birthDate: "2015-06-02",
        centreCode: "REI",
        ...ELIGIBLE,
        sam_date: "2015-06-01",
      }),
    );
    expect(keyOf(err, "sam_date")).toEqual(["crf.order.notAfter"]);
  });
});
