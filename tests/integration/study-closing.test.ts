import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { todayIso } from "@/domain/dates";
import { addDays } from "@/domain/study-calendar";
import { saveDraft } from "@/server/case-answers.server";
import { createCase } from "@/server/cases.server";
import { queryInbox } from "@/server/case-views.server";
import { InputError } from "@/server/errors";
import { answerQuery, closeQuery, raiseQuery } from "@/server/workflow.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { draftCase, setCalendar, submittedCase } from "../support/study-fixtures";
import { describeEachDatabase } from "../support/test-database";

const refusal = (e: unknown) => (e instanceof InputError ? e.fieldErrors : e);
const CLOSED_NO_GRACE = (closing: string) => ({ _form: [{ key: "study.closed", params: { closing, graceEnd: closing, grace: "no" } }] });

describeEachDatabase("closing the study: entry refused after the closing date and grace period", (ctx) => {
  let clin: Actor, ra: Actor, coord: Actor, other: Actor;
  let draftId: string, queriedId: string;
  let letter = 0;
  const nextKey = () => ({ initials: `K${String.fromCharCode(65 + (letter++ % 26))}`, birthDate: `19${50 + Math.floor(letter / 26)}-02-03` });
  const create = (actor: Actor = clin) => createCase(ctx.db, actor, { ...nextKey(), centreCode: actor.centreCode, ...ELIGIBLE });
  const today = todayIso();

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addCentre(ctx.db, "PAR");
    clin = await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    ra = await addUser(ctx.db, { email: "ra@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    other = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
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
    expect(refusal(await errorOf(() => saveDraft(ctx.db, ra, draftId, { baseVersion: 1, fields: { crp: { from: null, to: { v: 5 } } } })))).toEqual(CLOSED_NO_GRACE(closing));
    expect(await ctx.db.case.count()).toBe(before);
  });

  it("grace period: its first and last day still accept entries, the next day does not", async () => {
    // Today is the first (and only) day of a one-day grace period.
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, -1), graceDays: 1 });
    await expect(create()).resolves.toHaveProperty("id");
    // Today is the last of three grace days.
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: addDays(today, -3), graceDays: 3 });
    await expect(create()).resolves.toHaveProperty("id");
    // Today is the day after a three-day grace period.
    const closing = addDays(today, -4);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -100), closingDate: closing, graceDays: 3 });
    expect(refusal(await errorOf(() => create()))).toEqual({ _form: [{ key: "study.closed", params: { closing, graceEnd: addDays(closing, 3), grace: "yes" } }] });
  });

  it("draft saves follow the calendar day in France (Europe/Paris), at the edges of the grace period", async () => {
    await setCalendar(ctx.db, coord, { openingDate: "2026-01-01", closingDate: "2026-06-30", graceDays: 5 });
    const save = (now: Date, v: number) => saveDraft(ctx.db, clin, draftId, { baseVersion: 1, fields: { crp: { from: null, to: { v } } } }, now);
    // Closing day, 22:00 in Paris.
    await expect(save(new Date("2026-06-30T20:00:00Z"), 1)).resolves.toHaveProperty("version");
    // First day of grace.
    const crp = async () => ((await ctx.db.case.findUniqueOrThrow({ where: { id: draftId } })).answers as { fields: Record<string, unknown> }).fields.crp;
    await expect(saveDraft(ctx.db, clin, draftId, { baseVersion: 2, fields: { crp: { from: { v: 1 }, to: { v: 2 } } } }, new Date("2026-07-01T08:00:00Z"))).resolves.toHaveProperty("version");
    // Last day of grace, 23:30 in Paris.
    await expect(saveDraft(ctx.db, clin, draftId, { baseVersion: 3, fields: { crp: { from: { v: 2 }, to: { v: 3 } } } }, new Date("2026-07-05T21:30:00Z"))).resolves.toHaveProperty("version");
    // 00:30 in Paris the next day (still 5 July in UTC): closed.
    const late = await errorOf(() => saveDraft(ctx.db, clin, draftId, { baseVersion: 4, fields: { crp: { from: { v: 3 }, to: { v: 4 } } } }, new Date("2026-07-05T22:30:00Z")));
    expect(refusal(late)).toEqual({ _form: [{ key: "study.closed", params: { closing: "2026-06-30", graceEnd: "2026-07-05", grace: "yes" } }] });
    expect(await crp()).toEqual({ v: 3 });
  });

  it("after closing, a query is still answered, and the queried value can still be corrected (with a reason)", async () => {
    const closing = addDays(today, -30);
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: closing });
    const [query] = await queryInbox(ctx.db, ra);
    expect(query?.caseId).toBe(queriedId);
    await answerQuery(ctx.db, ra, query!.queryId, { message: "Unité vérifiée : µg/L, valeur corrigée." });
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } });
    const stored = (row.answers as { fields: Record<string, unknown> }).fields.ferritin ?? null;
    await saveDraft(ctx.db, clin, queriedId, { baseVersion: row.version, reason: "Réponse à la query", fields: { ferritin: { from: stored, to: { v: 2500, unit: "ug_l" } } } });
    // Once the query is closed, the case is frozen like the others.
    await closeQuery(ctx.db, coord, query!.queryId, {});
    const version = (await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } })).version;
    expect(refusal(await errorOf(() => saveDraft(ctx.db, clin, queriedId, { baseVersion: version, reason: "x", fields: { crp: { from: null, to: { v: 9 } } } })))).toEqual(CLOSED_NO_GRACE(closing));
    // Another centre gets the same refusal as for any case (nothing learnt about this one).
    expect(refusal(await errorOf(() => saveDraft(ctx.db, other, queriedId, { baseVersion: version, fields: {} })))).toEqual(CLOSED_NO_GRACE(closing));
  });

  it("the coordinator's review goes on after closing", async () => {
    await expect(raiseQuery(ctx.db, coord, queriedId, { fieldPath: null, message: "Une dernière question." })).resolves.toHaveProperty("queryId");
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: queriedId } })).status).toBe("QUERIED");
  });

  it("reopening the study (a later closing date) lets centres enter again", async () => {
    await setCalendar(ctx.db, coord, { openingDate: addDays(today, -200), closingDate: addDays(today, 10) });
    await expect(create()).resolves.toHaveProperty("id");
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });
});
