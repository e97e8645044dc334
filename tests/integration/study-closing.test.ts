import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { todayIso } from "@/domain/dates";
import { asCaseAnswers, type BlockRow, type FieldAnswer } from "@/domain/crf/answers";
import { blockById, labelOf } from "@/domain/crf/definition";
import { addDays } from "@/domain/study-calendar";
import { saveDraft } from "@/server/case-answers.server";
import { createCase } from "@/server/cases.server";
import { queryInbox } from "@/server/case-views.server";
import { InputError } from "@/server/errors";
import { signCase } from "@/server/workflow.server";
import { answerQuery, closeQuery, raiseQuery, reopenQuery } from "@/server/case-queries.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { draftCase, setCalendar, submittedCase } from "../support/study-fixtures";
import { describeEachDatabase } from "../support/test-database";
import { sampleRecord } from "../../scripts/lib/sample-record";

const refusal = (e: unknown) => (e instanceof InputError ? e.fieldErrors : e);
const CLOSED_NO_GRACE = (closing: string) => ({
  _form: [{ key: "study.closed", params: { closing, graceEnd: closing, grace: "no" } }],
});

describeEachDatabase("closing the study: entry refused after the closing date and grace period", (ctx) => {
  let clin: Actor, ra: Actor, coord: Actor, other_: Actor;
  let draftId: string, queriedId: string;
  let letter = 0;
  const nextKey = () => ({
    initials: `K${String.fromCharCode(65 + (letter++ % 26))}`,
    birthDate: `19${50 + Math.floor(letter / 26)}-02-03`,
  });
  const create = (actor: Actor = clin) =>
    createCase(ctx.db, actor, { ...nextKey(), centreCode: actor.centreCode, ...ELIGIBLE });
  const today = todayIso();

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addCentre(ctx.db, "PAR");
    clin = await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    ra = await addUser(ctx.db, { email: "ra@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    other_ = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    // Made before any calendar exists: no calendar, no closing.
    draftId = await draftCase(ctx.db, ra, "DR", "1961-01-01");
    queriedId = await submittedCase(ctx.db, clin, "QU", "1962-02-02");
    await raiseQuery(ctx.db, coord, queriedId, { fieldPath: "ferritin", message: "Merci de vérifier l'unité." });
  });

  it("the day before closing and the closing day itself: cases can be created", async () => {
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, 1) });
    await expect(create()).resolves.toHaveProperty("id");
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: today });
    await expect(create(ra)).resolves.toHaveProperty("id");
  });

  it("the day after closing, with no grace period: clinicians and research assistants are refused with a clear message", async () => {
    const closing = addDays(today, -1);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: closing });
    const before = await ctx.db.case.count();
    expect(refusal(await errorOf(() => create()))).toEqual(CLOSED_NO_GRACE(closing));
    expect(refusal(await errorOf(() => create(ra)))).toEqual(CLOSED_NO_GRACE(closing));
    expect(
      refusal(
        await errorOf(() =>
          saveDraft(ctx.db, ra, draftId, { baseVersion: 1, fields: { crp: { from: null, to: { v: 5 } } } }),
        ),
      ),
    ).toEqual(CLOSED_NO_GRACE(closing));
    expect(await ctx.db.case.count()).toBe(before);
  });

  it("grace period: its first and last day still accept entries, the next day does not", async () => {
    // Today is the first (and only) day of a one-day grace period.
    await setCalendar(ctx.db, coord, {
      openingDate: addDays(today, -100),
      closingDate: addDays(today, -1),
      graceDays: 1,
    });
    await expect(create()).resolves.toHaveProperty("id");
    // Today is the last of three grace days.
    await setCalendar(ctx.db, coord, {
      openingDate: addDays(today, -100),
      closingDate: addDays(today, -3),
      graceDays: 3,
    });
    await expect(create()).resolves.toHaveProperty("id");
    // Today is the day after a three-day grace period.
    const closing = addDays(today, -4);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: closing, graceDays: 3 });
    expect(refusal(await errorOf(() => create()))).toEqual({
      _form: [{ key: "study.closed", params: { closing, graceEnd: addDays(closing, 3), grace: "yes" } }],
    });
  });

  it("draft saves follow the calendar day in France (Europe/Paris), at the edges of the grace period", async () => {
    await setCalendar(ctx.db, coord, { openingDate: "2026-01-01", closingDate: "2026-06-30", graceDays: 5 });
    const save = (now: Date, v: number) =>
      saveDraft(ctx.db, clin, draftId, { baseVersion: 1, fields: { crp: { from: null, to: { v } } } }, now);
    // Closing day, 22:00 in Paris.
    await expect(save(new Date("2026-06-30T20:00:00Z"), 1)).resolves.toHaveProperty("version");
    // First day of grace.
    const crp = async () =>
      ((await ctx.db.case.findUniqueOrThrow({ where: { id: draftId } })).answers as { fields: Record<string, unknown> })
        .fields.crp;
    await expect(
      saveDraft(
        ctx.db,
        clin,
        draftId,
        { baseVersion: 2, fields: { crp: { from: { v: 1 }, to: { v: 2 } } } },
        new Date("2026-07-01T08:00:00Z"),
      ),
    ).resolves.toHaveProperty("version");
    // Last day of grace, 23:30 in Paris.
    await expect(
      saveDraft(
        ctx.db,
        clin,
        draftId,
        { baseVersion: 3, fields: { crp: { from: { v: 2 }, to: { v: 3 } } } },
        new Date("2026-07-05T21:30:00Z"),
      ),
    ).resolves.toHaveProperty("version");
    // 00:30 in Paris the next day (still 5 July in UTC): closed.
    const late = await errorOf(() =>
      saveDraft(
        ctx.db,
        clin,
        draftId,
        { baseVersion: 4, fields: { crp: { from: { v: 3 }, to: { v: 4 } } } },
        new Date("2026-07-05T22:30:00Z"),
      ),
    );
    expect(refusal(late)).toEqual({
      _form: [{ key: "study.closed", params: { closing: "2026-06-30", graceEnd: "2026-07-05", grace: "yes" } }],
    });
    expect(await crp()).toEqual({ v: 3 });
  });

  it("after closing, only the fields an OPEN query points at can be corrected (with a reason), and the clinician can sign again", async () => {
    const closing = addDays(today, -30);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: closing });
    const [query] = await queryInbox(ctx.db, ra);
    expect(query).toMatchObject({ caseId: queriedId, fieldPath: "ferritin", status: "OPEN" });
    const fieldOf = async (id: string): Promise<FieldAnswer | null> =>
      asCaseAnswers((await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } })).answers).fields[id] ?? null;
    const ferritin = () => fieldOf("ferritin");
    const crp = () => fieldOf("crp");
    const v = async () => (await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } })).version;
    // Another field than the one queried: refused next to that field, naming it and the closing date; nothing written.
    const crpBefore = await crp();
    const other = await errorOf(async () =>
      saveDraft(ctx.db, clin, queriedId, {
        baseVersion: await v(),
        reason: "x",
        fields: { crp: { from: crpBefore, to: { v: 9 } } },
      }),
    );
    expect(refusal(other)).toEqual({
      crp: [{ key: "lifecycle.notUnderQuery", params: { field: labelOf("crp"), closing } }],
    });
    // The queried one and another in the same save: refused as a whole, only the other field is named.
    const both = await errorOf(async () =>
      saveDraft(ctx.db, clin, queriedId, {
        baseVersion: await v(),
        reason: "x",
        fields: {
          crp: { from: crpBefore, to: { v: 9 } },
          ferritin: { from: await ferritin(), to: { v: 2400, unit: "ug_l" } },
        },
      }),
    );
    expect(Object.keys(refusal(both) as object)).toEqual(["crp"]);
    expect(await crp()).toEqual(crpBefore);
    // The queried field alone: saved.
    await saveDraft(ctx.db, clin, queriedId, {
      baseVersion: await v(),
      reason: "Réponse à la query",
      fields: { ferritin: { from: await ferritin(), to: { v: 2500, unit: "ug_l" } } },
    });
    expect(await ferritin()).toMatchObject({ v: 2500 });
    // Signing again after closing: allowed (it changes no answer, and validation needs it).
    await expect(
      signCase(ctx.db, clin, queriedId, { password: TEST_PASSWORD, attest: true, locale: "fr" }),
    ).resolves.toHaveProperty("signatureId");
    // Answered: the query no longer opens anything, and cannot be answered again.
    await answerQuery(ctx.db, ra, query!.queryId, { message: "Unité vérifiée : µg/L, valeur corrigée." });
    expect(
      refusal(
        await errorOf(async () =>
          saveDraft(ctx.db, clin, queriedId, {
            baseVersion: await v(),
            reason: "x",
            fields: { ferritin: { from: await ferritin(), to: { v: 2600, unit: "ug_l" } } },
          }),
        ),
      ),
    ).toEqual(CLOSED_NO_GRACE(closing));
    expect(
      refusal(await errorOf(() => answerQuery(ctx.db, ra, query!.queryId, { message: "Encore un mot." }))),
    ).toEqual({ _form: [{ key: "lifecycle.queryNotOpen" }] });
    // Closed, then reopened by the coordinator: the field can be corrected again; closed: the case is frozen like the others.
    await closeQuery(ctx.db, coord, query!.queryId, {});
    await reopenQuery(ctx.db, coord, query!.queryId, { message: "Merci de revérifier." });
    await saveDraft(ctx.db, clin, queriedId, {
      baseVersion: await v(),
      reason: "Revérifiée",
      fields: { ferritin: { from: await ferritin(), to: { v: 2550, unit: "ug_l" } } },
    });
    await closeQuery(ctx.db, coord, query!.queryId, {});
    const version = await v();
    expect(
      refusal(
        await errorOf(() =>
          saveDraft(ctx.db, clin, queriedId, {
            baseVersion: version,
            reason: "x",
            fields: { ferritin: { from: { v: 2550, unit: "ug_l" }, to: { v: 9, unit: "ug_l" } } },
          }),
        ),
      ),
    ).toEqual(CLOSED_NO_GRACE(closing));
    // Another centre gets the same refusal as for any case (nothing learnt about this one).
    expect(
      refusal(await errorOf(() => saveDraft(ctx.db, other_, queriedId, { baseVersion: version, fields: {} }))),
    ).toEqual(CLOSED_NO_GRACE(closing));
  });

  it("after closing, a query on the whole case opens the whole case; one on a repeating block opens that block only", async () => {
    const closing = addDays(today, -30);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: addDays(today, 10) });
    const id = await submittedCase(ctx.db, clin, "WC", "1963-03-03");
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: closing });
    const stored = async () =>
      (await ctx.db.case.findUniqueOrThrow({ where: { id } })) as { version: number; answers: unknown };
    const field = async (fid: string) =>
      ((await stored()).answers as { fields: Record<string, FieldAnswer> }).fields[fid] ?? null;
    const rows = async (bid: string) =>
      ((await stored()).answers as { blocks: Record<string, BlockRow[]> }).blocks[bid] ?? [];
    // A query on the "infections" block: its rows may change, a field outside it may not.
    const { queryId: onBlock } = await raiseQuery(ctx.db, coord, id, {
      fieldPath: "infections",
      message: "Merci de compléter les infections.",
    });
    const before = await rows("infections");
    expect(before.length).toBeGreaterThan(0);
    // Another infection type on the first row (an option of the definition other than the stored one).
    const typeField = blockById("infections")!.fields.find((f) => f.id === "infection_type") as {
      options: readonly { value: string }[];
    };
    const otherType = typeField.options.find(
      (o) => o.value !== (before[0]!.values.infection_type as { v?: string }).v,
    )!.value;
    const changed = before.map((r, i) =>
      i === 0 ? { ...r, values: { ...r.values, infection_type: { v: otherType } } } : r,
    );
    await saveDraft(ctx.db, clin, id, {
      baseVersion: (await stored()).version,
      reason: "Query",
      blocks: { infections: { from: before, to: changed } },
    });
    expect((await rows("infections"))[0]!.values.infection_type).toEqual({ v: otherType });
    const crp = await field("crp");
    expect(
      refusal(
        await errorOf(async () =>
          saveDraft(ctx.db, clin, id, {
            baseVersion: (await stored()).version,
            reason: "x",
            fields: { crp: { from: crp, to: { v: 7 } } },
          }),
        ),
      ),
    ).toMatchObject({
      crp: [{ key: "lifecycle.notUnderQuery" }],
    });
    // A query on the whole case: any field.
    await closeQuery(ctx.db, coord, onBlock, {});
    await raiseQuery(ctx.db, coord, id, { fieldPath: null, message: "Merci de relire tout le dossier." });
    await saveDraft(ctx.db, ra, id, {
      baseVersion: (await stored()).version,
      reason: "Relecture",
      fields: { crp: { from: crp, to: { v: 7 } } },
    });
    expect(await field("crp")).toEqual({ v: 7 });
  });

  it("the exception only matters after the grace period: the day before closing and during grace, a queried case is editable everywhere", async () => {
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, 10) });
    const id = await submittedCase(ctx.db, clin, "GR", "1964-04-04");
    await raiseQuery(ctx.db, coord, id, { fieldPath: "ferritin", message: "Unité ?" });
    const save = async (v: number) => {
      const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
      const crp = asCaseAnswers(row.answers).fields.crp ?? null;
      return saveDraft(ctx.db, clin, id, {
        baseVersion: row.version,
        reason: "Relecture",
        fields: { crp: { from: crp, to: { v } } },
      });
    };
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, 1) });
    await expect(save(11)).resolves.toHaveProperty("version");
    await setCalendar(ctx.db, coord, {
      openingDate: addDays(today, -100),
      closingDate: addDays(today, -2),
      graceDays: 2,
    });
    await expect(save(12)).resolves.toHaveProperty("version");
    await setCalendar(ctx.db, coord, {
      openingDate: addDays(today, -100),
      closingDate: addDays(today, -3),
      graceDays: 2,
    });
    expect(refusal(await errorOf(() => save(13)))).toMatchObject({
      crp: [{ key: "lifecycle.notUnderQuery", params: { closing: addDays(today, -3) } }],
    });
  });

  it("after closing, a first signature is refused like any entry", async () => {
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, 10) });
    const id = await draftCase(ctx.db, clin, "FS", "1965-05-05");
    await ctx.db.case.update({ where: { id }, data: { answers: sampleRecord(2) as object } });
    const closing = addDays(today, -1);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: closing });
    expect(
      refusal(await errorOf(() => signCase(ctx.db, clin, id, { password: TEST_PASSWORD, attest: true, locale: "fr" }))),
    ).toEqual(CLOSED_NO_GRACE(closing));
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
  });

  it("the coordinator's review goes on after closing", async () => {
    await expect(
      raiseQuery(ctx.db, coord, queriedId, { fieldPath: null, message: "Une dernière question." }),
    ).resolves.toHaveProperty("queryId");
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } })).status).toBe("QUERIED");
  });

  it("reopening the study (a later closing date) lets centres enter again", async () => {
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: addDays(today, 10) });
    await expect(create()).resolves.toHaveProperty("id");
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });
});
