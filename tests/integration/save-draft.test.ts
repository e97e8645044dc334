// saveDraft end to end on the real databases (SQLite, and PostgreSQL when
// TEST_DATABASE_URL_PG is set): validation against the CRF definition, unit
// conversion, merge and conflicts, conditions, repeating blocks with dose
// checks, access rules, and "all or nothing" writes with their audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import type { BlockRow, FieldAnswer } from "@/domain/crf/answers";
import type { ComputedResults } from "@/domain/crf/computed";
import { recordIdentifierBlocked, saveDraft, getCaseRecord } from "@/server/case-answers.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { checkAuditChain } from "../support/audit-log";
import {
  caseSnapshot,
  change,
  clinicalFields,
  ELIGIBILITY_FIELDS,
  fieldEvents,
  newDraftCase,
  rowsChange,
  SAM_DATE,
} from "../support/case-fixtures";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

type Payload = Parameters<typeof saveDraft>[3];

/** The InputError a call must throw (fails the test on any other outcome). */
async function refusal(fn: () => Promise<unknown>): Promise<InputError> {
  const error = await errorOf(fn);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

/** The refusal's message keys by path. */
const keysOf = (error: InputError): Record<string, string[]> =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([path, messages]) => [path, messages.map((m) => m.key)]));

const METHYLPRED_ROW: BlockRow = {
  id: "r1",
  values: {
    drug: { v: "methylprednisolone_iv" },
    line: { v: "1" },
    start_date: { v: "2015-03-02" },
    ongoing: { v: "yes" },
    dose_value: { v: 500 },
    dose_unit: { v: "mg_day" },
    frequency: { v: "daily" },
    route: { v: "iv" },
  },
};

const withValues = (row: BlockRow, values: Record<string, FieldAnswer>): BlockRow => ({
  id: row.id,
  values: { ...row.values, ...values },
});

describeEachDatabase("saving a draft", (ctx) => {
  let clinRei: Actor, raRei: Actor, clinPar: Actor, coord: Actor;

  beforeAll(async () => {
    for (const code of ["REI", "PAR"]) await addCentre(ctx.db, code);
    clinRei = await addUser(ctx.db, {
      email: "clin.rei@t.test",
      role: "CLINICIAN",
      centreCode: "REI",
      withPassword: false,
    });
    raRei = await addUser(ctx.db, {
      email: "ra.rei@t.test",
      role: "RESEARCH_ASSISTANT",
      centreCode: "REI",
      withPassword: false,
    });
    clinPar = await addUser(ctx.db, {
      email: "clin.par@t.test",
      role: "CLINICIAN",
      centreCode: "PAR",
      withPassword: false,
    });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR", withPassword: false });
  });

  const save = (caseId: string, payload: Payload, actor: Actor = clinRei, now?: Date) =>
    saveDraft(ctx.db, actor, caseId, payload, now);

  /** Sets top-level fields in one save, each from what is stored. */
  async function seed(caseId: string, fields: Record<string, FieldAnswer>, actor: Actor = clinRei) {
    const record = await getCaseRecord(ctx.db, actor, caseId);
    const changes = Object.fromEntries(
      Object.entries(fields).map(([id, to]) => [id, change(record.answers.fields[id] ?? null, to)]),
    );
    return save(caseId, { baseVersion: record.version, fields: changes }, actor);
  }

  async function fieldsOf(caseId: string): Promise<Record<string, FieldAnswer>> {
    return clinicalFields((await getCaseRecord(ctx.db, clinRei, caseId)).answers.fields);
  }

  async function storedComputed(caseId: string): Promise<ComputedResults> {
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } });
    return row.computed as unknown as ComputedResults;
  }

  async function expectChainIntact() {
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  }

  describe("numbers, units and limits", () => {
    it("stores a number typed in an alternative unit canonically, with the value and unit as entered, audited, with the scores recomputed", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const created = await getCaseRecord(ctx.db, clinRei, id);
      expect(created.version).toBe(1);
      expect(created.answers.fields).toEqual(ELIGIBILITY_FIELDS);
      const tg: FieldAnswer = { v: 2.258, unit: "g_l", entered: 2 };

      const result = await save(id, { baseVersion: 1, fields: { triglycerides: change(null, tg) } });

      expect(result.version).toBe(2);
      expect(result.conflicts).toEqual([]);
      expect(result.answers.fields.triglycerides).toEqual(tg);
      const record = await getCaseRecord(ctx.db, clinRei, id);
      expect(record.version).toBe(2);
      expect(record.answers.fields).toEqual({ ...ELIGIBILITY_FIELDS, triglycerides: tg });
      const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
      expect(row.updatedById).toBe(clinRei.id);

      const events = await fieldEvents(ctx.db, id);
      expect(events).toEqual([
        expect.objectContaining({ fieldPath: "triglycerides", actorId: clinRei.id, oldValue: null, newValue: tg }),
      ]);
      await expectChainIntact();

      // 2.258 mmol/L is in HScore's 1.5–4 band: 44 points, stored with the case and returned.
      const computed = await storedComputed(id);
      expect(computed.hscore.items.triglycerides).toEqual({ points: 44, min: 44, max: 44 });
      expect(result.computed.hscore.items.triglycerides.points).toBe(44);
      expect(computed.hscore.unknownItems).not.toContain("triglycerides");
    });

    it("accepts only the canonical value the entered value and unit give, cleaned to 12 significant digits", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      // 7 × 1.129 is 7.9030000000000005 in floating point; the canonical value is 7.903.
      const raw = await refusal(() =>
        save(id, {
          baseVersion: 1,
          fields: { triglycerides: change(null, { v: 7 * 1.129, unit: "g_l", entered: 7 }) },
        }),
      );
      expect(keysOf(raw)).toEqual({ triglycerides: ["crf.number.unitMismatch"] });
      const wrong = await refusal(() =>
        save(id, { baseVersion: 1, fields: { triglycerides: change(null, { v: 2.3, unit: "g_l", entered: 2 }) } }),
      );
      expect(keysOf(wrong)).toEqual({ triglycerides: ["crf.number.unitMismatch"] });
      const unknownUnit = await refusal(() =>
        save(id, { baseVersion: 1, fields: { triglycerides: change(null, { v: 2, unit: "lb" }) } }),
      );
      expect(keysOf(unknownUnit)).toEqual({ triglycerides: ["crf.number.unknownUnit"] });
      const notInteger = await refusal(() => save(id, { baseVersion: 1, fields: { mmt8: change(null, { v: 40.5 }) } }));
      expect(keysOf(notInteger)).toEqual({ mmt8: ["crf.number.integer"] });
      expect((await caseSnapshot(ctx.db, id)).version).toBe(1);

      const ok = await save(id, {
        baseVersion: 1,
        fields: {
          triglycerides: change(null, { v: 7.903, unit: "g_l", entered: 7 }),
          // 150 mg/dL × 0.01 = 1.5 g/L; 45 000/mm³ × 0.001 = 45 G/L.
          fibrinogen: change(null, { v: 1.5, unit: "mg_dl", entered: 150 }),
          platelets: change(null, { v: 45, unit: "per_mm3", entered: 45000 }),
        },
      });
      expect(ok.version).toBe(2);
      expect(ok.answers.fields.triglycerides).toEqual({ v: 7.903, unit: "g_l", entered: 7 });
      const computed = await storedComputed(id);
      expect(computed.hscore.items.triglycerides.points).toBe(64);
      expect(computed.hscore.items.fibrinogen.points).toBe(30);
    });

    it("refuses a value beyond a hard limit with the limit named, and writes nothing — not even the valid fields of the same save", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await seed(id, { platelets: { v: 80 } });
      const before = await caseSnapshot(ctx.db, id);
      const eventsBefore = await fieldEvents(ctx.db, id);

      const error = await refusal(() =>
        save(id, {
          baseVersion: 2,
          fields: {
            ferritin: change(null, { v: 600000 }),
            ast: change(null, { v: 120 }),
            platelets: change({ v: 80 }, { v: 60 }),
          },
        }),
      );
      expect(Object.keys(error.fieldErrors)).toEqual(["ferritin"]);
      const [message] = error.fieldErrors.ferritin ?? [];
      expect(message?.key).toBe("crf.number.aboveHard");
      expect(message?.params).toMatchObject({ limit: 500000, value: 600000 });

      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      expect(await fieldEvents(ctx.db, id)).toEqual(eventsBefore);
      const record = await getCaseRecord(ctx.db, clinRei, id);
      expect(clinicalFields(record.answers.fields)).toEqual({ platelets: { v: 80 } });

      const below = await refusal(() => save(id, { baseVersion: 2, fields: { sodium: change(null, { v: 50 }) } }));
      expect(below.fieldErrors.sodium?.[0]).toMatchObject({ key: "crf.number.belowHard", params: { limit: 90 } });
      // A hard limit applies to the canonical value, whatever the unit typed: 60 g/L of haemoglobin is 6 g/dL, 300 g/L is 30 g/dL.
      const converted = await refusal(() =>
        save(id, { baseVersion: 2, fields: { haemoglobin: change(null, { v: 30, unit: "g_l", entered: 300 }) } }),
      );
      expect(converted.fieldErrors.haemoglobin?.[0]).toMatchObject({
        key: "crf.number.aboveHard",
        params: { limit: 25, value: 300 },
      });
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });

    it("keeps a value beyond a soft limit, and stores and audits the user's confirmation as given", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const flagged = await save(id, { baseVersion: 1, fields: { ferritin: change(null, { v: 200000 }) } });
      expect(flagged.version).toBe(2);
      expect(flagged.answers.fields.ferritin).toEqual({ v: 200000 });

      const confirmed = await save(id, {
        baseVersion: 2,
        fields: { ferritin: change({ v: 200000 }, { v: 200000, confirmed: true }) },
      });
      expect(confirmed.version).toBe(3);
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.fields.ferritin).toEqual({
        v: 200000,
        confirmed: true,
      });
      const events = await fieldEvents(ctx.db, id);
      expect(events.map((e) => [e.fieldPath, e.oldValue, e.newValue])).toEqual([
        ["ferritin", null, { v: 200000 }],
        ["ferritin", { v: 200000 }, { v: 200000, confirmed: true }],
      ]);
      expect((await storedComputed(id)).hscore.items.ferritin.points).toBe(50);
      await expectChainIntact();
    });
  });

  describe("missing-data codes", () => {
    it("accepts NK or ND on a clinical field, and the scores treat it as unknown", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const result = await save(id, {
        baseVersion: 1,
        fields: { ferritin: change(null, { code: "NK" }), scd25: change(null, { code: "ND" }) },
      });
      expect(result.version).toBe(2);
      expect(await fieldsOf(id)).toEqual({ ferritin: { code: "NK" }, scd25: { code: "ND" } });
      const computed = await storedComputed(id);
      expect(computed.hscore.items.ferritin).toEqual({ points: null, min: 0, max: 50 });
      expect(computed.hscore.unknownItems).toContain("ferritin");
    });

    it("refuses a code on a field without missing-data codes, a value and a code together, and codes outside the list", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      const sex = await refusal(() => save(id, { baseVersion: 1, fields: { sex: change(null, { code: "NK" }) } }));
      expect(keysOf(sex)).toEqual({ sex: ["crf.answer.codeNotAllowed"] });
      const both = await refusal(() =>
        save(id, { baseVersion: 1, fields: { ferritin: change(null, { v: 1000, code: "ND" }) } }),
      );
      expect(keysOf(both)).toEqual({ ferritin: ["crf.answer.valueAndCode"] });
      const unknownCode = await refusal(() =>
        save(id, { baseVersion: 1, fields: { ferritin: change(null, { code: "UNK" } as unknown as FieldAnswer) } }),
      );
      expect(Object.keys(unknownCode.fieldErrors)).toEqual(["ferritin"]);
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });
  });

  describe("merging concurrent saves", () => {
    it("applies two users' changes of different fields from the same version, and returns an overtaken change as a conflict", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const a = await save(id, { baseVersion: 1, fields: { ferritin: change(null, { v: 12000 }) } }, clinRei);
      const b = await save(id, { baseVersion: 1, fields: { platelets: change(null, { v: 40 }) } }, raRei);
      expect([a.version, b.version]).toEqual([2, 3]);
      expect(b.conflicts).toEqual([]);
      expect(await fieldsOf(id)).toEqual({ ferritin: { v: 12000 }, platelets: { v: 40 } });

      // B still believes ferritin is empty: their value is not applied, the rest of their save is.
      const auditBefore = (await caseSnapshot(ctx.db, id)).auditEvents;
      const overtaken = await save(
        id,
        { baseVersion: 1, fields: { ferritin: change(null, { v: 800 }), ast: change(null, { v: 300 }) } },
        raRei,
      );
      expect(overtaken.conflicts).toEqual([
        { kind: "field", path: "ferritin", mine: { v: 800 }, theirs: { v: 12000 } },
      ]);
      expect(overtaken.version).toBe(4);
      const record = await getCaseRecord(ctx.db, clinRei, id);
      expect(clinicalFields(record.answers.fields)).toEqual({
        ferritin: { v: 12000 },
        platelets: { v: 40 },
        ast: { v: 300 },
      });
      const newEvents = (await fieldEvents(ctx.db, id)).filter((e) => e.seq > auditBefore);
      expect(newEvents.map((e) => e.fieldPath)).toEqual(["ast"]);

      // Only a conflict: nothing written at all.
      const onlyConflict = await save(
        id,
        { baseVersion: 4, fields: { ferritin: change({ v: 900 }, { v: 800 }) } },
        raRei,
      );
      expect(onlyConflict.version).toBe(4);
      expect(onlyConflict.conflicts).toHaveLength(1);
      expect((await caseSnapshot(ctx.db, id)).version).toBe(4);
      await expectChainIntact();
    });

    it("treats a retried identical save as a no-op: same version, no audit event", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const payload = {
        baseVersion: 1,
        fields: {
          ferritin: change(null, { v: 3000 }),
          haemoglobin: change(null, { v: 8.1, unit: "g_l", entered: 81 }),
        },
      };
      const first = await save(id, payload);
      const before = await caseSnapshot(ctx.db, id);
      const retried = await save(id, payload);
      expect(retried.version).toBe(first.version);
      expect(retried.conflicts).toEqual([]);
      expect(retried.answers.fields).toEqual(first.answers.fields);
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });

    it("serialises saves racing on the same version without losing any of them", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const results = await Promise.all([
        save(id, { baseVersion: 1, fields: { ferritin: change(null, { v: 1000 }) } }, clinRei),
        save(id, { baseVersion: 1, fields: { platelets: change(null, { v: 50 }) } }, raRei),
        save(id, { baseVersion: 1, fields: { ast: change(null, { v: 60 }) } }, clinRei),
      ]);
      expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
      expect(await fieldsOf(id)).toEqual({ ferritin: { v: 1000 }, platelets: { v: 50 }, ast: { v: 60 } });
      expect((await fieldEvents(ctx.db, id)).map((e) => e.fieldPath).sort()).toEqual(["ast", "ferritin", "platelets"]);
      await expectChainIntact();
    });
  });

  describe("conditions", () => {
    it("clears a field hidden by a condition to NA, keeping the previous value in the audit trail, and chains", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await seed(id, { cancer: { v: "yes" }, cancer_type: { v: "breast" }, cancer_date: { v: "2014-06" } });
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.fields.cancer_type).toEqual({ v: "breast" });

      const hidden = await save(id, { baseVersion: 2, fields: { cancer: change({ v: "yes" }, { v: "no" }) } });
      expect(hidden.version).toBe(3);
      const fields = await fieldsOf(id);
      expect(fields).toEqual({ cancer: { v: "no" }, cancer_type: { code: "NA" }, cancer_date: { code: "NA" } });
      const events = await fieldEvents(ctx.db, id);
      expect(
        events.find(
          (e) => e.fieldPath === "cancer_type" && e.newValue !== null && (e.newValue as FieldAnswer).code === "NA",
        ),
      ).toMatchObject({
        oldValue: { v: "breast" },
        newValue: { code: "NA" },
      });

      // Shown again: NA is cleared, the field is empty (nothing is resurrected).
      await save(id, { baseVersion: 3, fields: { cancer: change({ v: "no" }, { v: "yes" }) } });
      expect(await fieldsOf(id)).toEqual({ cancer: { v: "yes" } });

      // A chain: cancer → cancer_type = other → cancer_type_other.
      await save(id, {
        baseVersion: 4,
        fields: { cancer_type: change(null, { v: "other" }), cancer_type_other: change(null, { v: "thymome" }) },
      });
      await save(id, { baseVersion: 5, fields: { cancer: change({ v: "yes" }, { code: "NK" }) } });
      expect(await fieldsOf(id)).toEqual({
        cancer: { code: "NK" },
        cancer_type: { code: "NA" },
        cancer_type_other: { code: "NA" },
      });
      const last = (await fieldEvents(ctx.db, id)).slice(-3);
      expect(last.map((e) => [e.fieldPath, e.oldValue, e.newValue])).toEqual(
        expect.arrayContaining([
          ["cancer_type", { v: "other" }, { code: "NA" }],
          ["cancer_type_other", { v: "thymome" }, { code: "NA" }],
        ]),
      );
      await expectChainIntact();
    });

    it("stores a value sent for a hidden field as NA", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await save(id, { baseVersion: 1, fields: { cancer_type: change(null, { v: "lung" }) } });
      expect(await fieldsOf(id)).toEqual({ cancer_type: { code: "NA" } });
    });

    it("drops the rows of a block hidden by a condition, auditing each removed row and value", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const infection: BlockRow = {
        id: "inf1",
        values: {
          infection_type: { v: "viral" },
          infection_agent: { v: "ebv" },
          infection_method: { v: ["pcr", "serology"] },
        },
      };
      await save(id, {
        baseVersion: 1,
        fields: { trigger_infection: change(null, { v: "yes" }) },
        blocks: { infections: rowsChange([], [infection]) },
      });
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.infections).toEqual([infection]);

      await save(id, { baseVersion: 2, fields: { trigger_infection: change({ v: "yes" }, { v: "no" }) } });
      const record = await getCaseRecord(ctx.db, clinRei, id);
      expect(record.answers.blocks.infections ?? []).toEqual([]);
      const removed = (await fieldEvents(ctx.db, id)).filter(
        (e) => e.fieldPath?.startsWith("infections.") && e.newValue === null,
      );
      expect(removed.map((e) => [e.fieldPath, e.oldValue]).sort()).toEqual(
        [
          ["infections.inf1", { v: "row" }],
          ["infections.inf1.infection_agent", { v: "ebv" }],
          ["infections.inf1.infection_method", { v: ["pcr", "serology"] }],
          ["infections.inf1.infection_type", { v: "viral" }],
        ].sort(),
      );
    });
  });

  describe("repeating blocks and doses", () => {
    it("adds and edits a treatment line, auditing each value under block.row.field", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const added = await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [METHYLPRED_ROW]) } });
      expect(added.version).toBe(2);
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.treatment_lines).toEqual([METHYLPRED_ROW]);
      const paths = (await fieldEvents(ctx.db, id)).map((e) => e.fieldPath);
      expect(paths).toContain("treatment_lines.r1");
      expect(paths).toContain("treatment_lines.r1.dose_value");
      expect(paths.every((p) => p === "treatment_lines.r1" || p?.startsWith("treatment_lines.r1."))).toBe(true);
      expect(paths).toHaveLength(1 + Object.keys(METHYLPRED_ROW.values).length);

      const raised = withValues(METHYLPRED_ROW, { dose_value: { v: 1000 } });
      const edited = await save(id, {
        baseVersion: 2,
        blocks: { treatment_lines: rowsChange([METHYLPRED_ROW], [raised]) },
      });
      expect(edited.version).toBe(3);
      const last = (await fieldEvents(ctx.db, id)).at(-1);
      expect(last).toMatchObject({
        fieldPath: "treatment_lines.r1.dose_value",
        oldValue: { v: 500 },
        newValue: { v: 1000 },
      });

      // Stopping the line reveals end date and stop reason; an answer there survives.
      const stopped = withValues(raised, {
        ongoing: { v: "no" },
        end_date: { v: "2015-03-05" },
        stop_reason: { v: "completed" },
      });
      await save(id, { baseVersion: 3, blocks: { treatment_lines: rowsChange([raised], [stopped]) } });
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.treatment_lines).toEqual([stopped]);
      // Back to ongoing: the now hidden row fields become NA.
      const reopened = withValues(stopped, { ongoing: { v: "yes" } });
      await save(id, { baseVersion: 4, blocks: { treatment_lines: rowsChange([stopped], [reopened]) } });
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.treatment_lines?.[0]?.values).toMatchObject({
        end_date: { code: "NA" },
        stop_reason: { code: "NA" },
      });
      await expectChainIntact();
    });

    it("refuses a 1000-fold dose slip at the row's dose path and writes nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [METHYLPRED_ROW]) } });
      const before = await caseSnapshot(ctx.db, id);

      const slip = withValues(METHYLPRED_ROW, { dose_value: { v: 500000 } });
      const error = await refusal(() =>
        save(id, {
          baseVersion: 2,
          fields: { ferritin: change(null, { v: 1000 }) },
          blocks: { treatment_lines: rowsChange([METHYLPRED_ROW], [slip]) },
        }),
      );
      expect(Object.keys(error.fieldErrors)).toEqual(["treatment_lines.r1.dose_value"]);
      // Both hard limits are exceeded (2000 mg/day, and 30 mg/kg/day even for the heaviest admissible patient).
      const messages = error.fieldErrors["treatment_lines.r1.dose_value"] ?? [];
      // One sentence per refusal, even when the dose is over two bounds (mg/day and mg/kg/day).
      expect(messages.map((m) => m.key)).toEqual(["dose.aboveHard"]);
      expect(messages[0]).toMatchObject({ params: { value: 500000, limit: 2000 } });
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);

      // A new row with the slip, too.
      const newRow: BlockRow = {
        id: "r2",
        values: { drug: { v: "methylprednisolone_iv" }, dose_value: { v: 500000 }, dose_unit: { v: "mg_day" } },
      };
      const added = await refusal(() =>
        save(id, {
          baseVersion: 2,
          blocks: { treatment_lines: rowsChange([METHYLPRED_ROW], [METHYLPRED_ROW, newRow]) },
        }),
      );
      expect(Object.keys(added.fieldErrors)).toEqual(["treatment_lines.r2.dose_value"]);
      expect(keysOf(added)["treatment_lines.r2.dose_value"]?.every((k) => k === "dose.aboveHard")).toBe(true);
      // A unit the drug is not given in is refused the same way.
      const badUnit = withValues(METHYLPRED_ROW, { dose_unit: { v: "g_kg_course" } });
      const unit = await refusal(() =>
        save(id, { baseVersion: 2, blocks: { treatment_lines: rowsChange([METHYLPRED_ROW], [badUnit]) } }),
      );
      expect(keysOf(unit)).toEqual({ "treatment_lines.r1.dose_value": ["dose.unitNotAccepted"] });
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });

    it("refuses a drug outside the controlled list, too many rows, duplicate row ids and bad row ids, writing nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      const unknownDrug = withValues(METHYLPRED_ROW, { drug: { v: "methylprednisolone_po_typo" } });
      const drug = await refusal(() =>
        save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [unknownDrug]) } }),
      );
      expect(keysOf(drug)).toEqual({ "treatment_lines.r1.drug": ["crf.answer.invalidOption"] });

      const many = Array.from({ length: 21 }, (_, i) => ({ ...METHYLPRED_ROW, id: `row${i}` }));
      const tooMany = await refusal(() =>
        save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], many) } }),
      );
      expect(Object.keys(tooMany.fieldErrors)).toEqual(["treatment_lines"]);
      expect(tooMany.fieldErrors.treatment_lines?.[0]).toMatchObject({ key: "generic.tooBig", params: { max: 20 } });
      const dup = await refusal(() =>
        save(id, {
          baseVersion: 1,
          blocks: { treatment_lines: rowsChange([], [METHYLPRED_ROW, { ...METHYLPRED_ROW }]) },
        }),
      );
      expect(keysOf(dup)).toEqual({ treatment_lines: ["crf.block.duplicateRow"] });
      for (const rowId of ["", "a.b", "x".repeat(41), "r 1", "__proto__.x"]) {
        await refusal(() =>
          save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [{ ...METHYLPRED_ROW, id: rowId }]) } }),
        );
      }
      const unknownRowField = await refusal(() =>
        save(id, {
          baseVersion: 1,
          blocks: { treatment_lines: rowsChange([], [withValues(METHYLPRED_ROW, { weight_kg: { v: 70 } })]) },
        }),
      );
      expect(keysOf(unknownRowField)).toEqual({ treatment_lines: ["generic.unknownField"] });
      const unknownBlock = await refusal(() =>
        save(id, { baseVersion: 1, blocks: { treatments: rowsChange([], []) } } as Payload),
      );
      expect(keysOf(unknownBlock)).toEqual({ _form: ["generic.unknownField"] });
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);

      // Twenty rows (maxRows) are allowed.
      const twenty = await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], many.slice(0, 20)) } });
      expect(twenty.answers.blocks.treatment_lines).toHaveLength(20);
    });

    it("merges rows added by two people, and returns a row field both changed as a conflict", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [METHYLPRED_ROW]) } }, clinRei);
      const other: BlockRow = {
        id: "ra1",
        values: { drug: { v: "anakinra" }, dose_value: { v: 200 }, dose_unit: { v: "mg_day" } },
      };
      const added = await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], [other]) } }, raRei);
      expect(added.conflicts).toEqual([]);
      expect(added.version).toBe(3);
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.treatment_lines).toEqual([
        METHYLPRED_ROW,
        other,
      ]);

      await save(
        id,
        {
          baseVersion: 3,
          blocks: {
            treatment_lines: rowsChange(
              [METHYLPRED_ROW, other],
              [withValues(METHYLPRED_ROW, { dose_value: { v: 250 } }), other],
            ),
          },
        },
        clinRei,
      );
      const overtaken = await save(
        id,
        {
          baseVersion: 3,
          blocks: {
            treatment_lines: rowsChange(
              [METHYLPRED_ROW, other],
              [withValues(METHYLPRED_ROW, { dose_value: { v: 300 } }), other],
            ),
          },
        },
        raRei,
      );
      expect(overtaken.conflicts).toEqual([
        {
          kind: "rowField",
          path: "treatment_lines.r1.dose_value",
          block: "treatment_lines",
          rowId: "r1",
          field: "dose_value",
          mine: { v: 300 },
          theirs: { v: 250 },
        },
      ]);
      expect(overtaken.version).toBe(4);
      expect((await getCaseRecord(ctx.db, clinRei, id)).answers.blocks.treatment_lines?.[0]?.values.dose_value).toEqual(
        { v: 250 },
      );
    });
  });

  describe("access", () => {
    it("answers 'not found' to a clinician of another centre, whatever the payload, and writes nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      for (const payload of [
        { baseVersion: 1, fields: { ferritin: change(null, { v: 1000 }) } },
        { nonsense: true },
        null,
        "x",
        { baseVersion: 1, fields: { ferritin: change(null, { v: 600000 }) } },
      ]) {
        expect(await errorOf(() => save(id, payload, clinPar))).toBeInstanceOf(NotFoundError);
      }
      expect(await errorOf(() => save("no-such-case", { baseVersion: 1 }, clinRei))).toBeInstanceOf(NotFoundError);
      expect(await errorOf(() => save("no-such-case", { nonsense: true }, clinRei))).toBeInstanceOf(NotFoundError);
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });

    it("refuses coordinators, who review but never enter answers", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      expect(
        await errorOf(() => save(id, { baseVersion: 1, fields: { ferritin: change(null, { v: 1000 }) } }, coord)),
      ).toBeInstanceOf(ForbiddenError);
      expect(await errorOf(() => save(id, null, coord))).toBeInstanceOf(ForbiddenError);
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
    });

    it("lets a research assistant of the centre save, recorded as the author", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const result = await save(id, { baseVersion: 1, fields: { sex: change(null, { v: "F" }) } }, raRei);
      expect(result.version).toBe(2);
      const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
      expect(row.updatedById).toBe(raRei.id);
      expect((await fieldEvents(ctx.db, id)).map((e) => e.actorId)).toEqual([raRei.id]);
    });

    it("refuses to change a validated or locked case", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      for (const status of ["VALIDATED", "LOCKED"] as const) {
        await ctx.db.case.update({ where: { id }, data: { status } });
        const before = await caseSnapshot(ctx.db, id);
        const error = await refusal(() =>
          save(id, { baseVersion: 1, reason: "correction", fields: { ferritin: change(null, { v: 1000 }) } }),
        );
        expect(keysOf(error)).toEqual({ _form: ["crf.case.notEditable"] });
        expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      }
    });

    it("after submission, accepts a correction only with a reason, and audits the reason", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      for (const status of ["SUBMITTED", "QUERIED"] as const) {
        await ctx.db.case.update({ where: { id }, data: { status } });
        const before = await caseSnapshot(ctx.db, id);
        const error = await refusal(() =>
          save(id, { baseVersion: before.version, fields: { ferritin: change(null, { v: 1000 }) } }),
        );
        expect(keysOf(error)).toEqual({ reason: ["crf.case.reasonRequired"] });
        expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      }
      const saved = await save(id, {
        baseVersion: 1,
        reason: "Valeur vérifiée dans le dossier source",
        fields: { ferritin: change(null, { v: 1000 }) },
      });
      expect(saved.version).toBe(2);
      const event = await ctx.db.auditEvent.findFirstOrThrow({
        where: { caseId: id, type: "case.field_changed", fieldPath: "ferritin" },
      });
      expect(event.reason).toBe("Valeur vérifiée dans le dossier source");
    });
  });

  describe("malformed payloads", () => {
    it("refuses every malformed payload with InputError and writes nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      await seed(id, { ferritin: { v: 1000 } });
      const before = await caseSnapshot(ctx.db, id);
      const cases: [string, unknown, Record<string, string[]> | undefined][] = [
        ["unknown top-level key", { baseVersion: 2, extra: 1 }, { _form: ["generic.unknownField"] }],
        ["own __proto__ key", JSON.parse('{"baseVersion":2,"__proto__":{"x":1}}'), { _form: ["generic.unknownField"] }],
        [
          "__proto__ as a field id",
          JSON.parse('{"baseVersion":2,"fields":{"__proto__":{"from":null,"to":{"v":1}}}}'),
          { _form: ["generic.unknownField"] },
        ],
        [
          "constructor as a field id",
          { baseVersion: 2, fields: { constructor: { from: null, to: { v: 1 } } } },
          { _form: ["generic.unknownField"] },
        ],
        [
          "unknown field id",
          { baseVersion: 2, fields: { ferritine: change(null, { v: 1 }) } },
          { _form: ["generic.unknownField"] },
        ],
        [
          "unknown key in a change",
          { baseVersion: 2, fields: { ferritin: { from: { v: 1000 }, to: { v: 2 }, force: true } } },
          undefined,
        ],
        [
          "unknown key in an answer",
          { baseVersion: 2, fields: { ferritin: change({ v: 1000 }, { v: 2, note: "x" } as FieldAnswer) } },
          undefined,
        ],
        ["change without from", { baseVersion: 2, fields: { ferritin: { to: { v: 2 } } } }, undefined],
        [
          "string for a number",
          { baseVersion: 2, fields: { ferritin: change({ v: 1000 }, { v: "2000" }) } },
          { ferritin: ["generic.invalidType"] },
        ],
        [
          "number for a date",
          { baseVersion: 2, fields: { sam_date: change({ v: SAM_DATE }, { v: 20150301 }) } },
          { sam_date: ["generic.invalidType"] },
        ],
        [
          "string for a list",
          { baseVersion: 2, fields: { haemophagocytosis_site: change(null, { v: "spleen" }) } },
          undefined,
        ],
        [
          "option outside the list",
          { baseVersion: 2, fields: { sex: change(null, { v: "X" }) } },
          { sex: ["crf.answer.invalidOption"] },
        ],
        [
          "repeated option",
          { baseVersion: 2, fields: { haemophagocytosis_site: change(null, { v: ["spleen", "spleen"] }) } },
          { haemophagocytosis_site: ["crf.answer.invalidOption"] },
        ],
        [
          "string for confirmed",
          {
            baseVersion: 2,
            fields: { ferritin: change({ v: 1000 }, { v: 1000, confirmed: "yes" } as unknown as FieldAnswer) },
          },
          undefined,
        ],
        [
          "text over its length",
          { baseVersion: 2, fields: { comments: change(null, { v: "a".repeat(2001) }) } },
          { comments: ["identifierGuard.tooLong"] },
        ],
        [
          "text over the structural cap",
          { baseVersion: 2, fields: { comments: change(null, { v: "a".repeat(5001) }) } },
          { comments: ["generic.tooBig", "identifierGuard.tooLong"] },
        ],
        ["baseVersion 0", { baseVersion: 0 }, undefined],
        ["baseVersion as a string", { baseVersion: "1" }, undefined],
        ["baseVersion not an integer", { baseVersion: 1.5 }, undefined],
        ["no baseVersion", { fields: { ferritin: change({ v: 1000 }, { v: 2 }) } }, undefined],
        ["fields as an array", { baseVersion: 2, fields: [] }, undefined],
        ["null", null, undefined],
        ["an array", [{ baseVersion: 2 }], undefined],
        ["a string", "baseVersion=2", undefined],
        ["a number", 2, undefined],
        ["undefined", undefined, undefined],
      ];
      for (const [what, payload, expected] of cases) {
        const error = await errorOf(() => save(id, payload));
        expect(error, what).toBeInstanceOf(InputError);
        if (expected) expect(keysOf(error as InputError), what).toEqual(expected);
        expect(await caseSnapshot(ctx.db, id), what).toEqual(before);
      }
      // The prototype of plain objects is untouched.
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it("refuses an e-mail address in free text without repeating it, and writes nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      const address = "jean.dupont@chu-reims.fr";
      const error = await refusal(() =>
        save(id, {
          baseVersion: 1,
          fields: { comments: change(null, { v: `Vu avec le Dr, écrire à ${address} si rechute.` }) },
        }),
      );
      const keys = keysOf(error).comments ?? [];
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith("identifierGuard."))).toBe(true);
      expect(keys).toContain("identifierGuard.email");
      expect(JSON.stringify(error.fieldErrors)).not.toContain(address);
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      const trail = await ctx.db.auditEvent.findMany();
      expect(JSON.stringify(trail)).not.toContain(address);
      // Clinical notation passes.
      await save(id, {
        baseVersion: 1,
        fields: { comments: change(null, { v: "Ferritine 12 000 µg/L à J7, EBV PCR+ 03/2015." }) },
      });
    });
  });

  describe("dates", () => {
    // 23:30 UTC on 15 March is already 16 March in French hospitals.
    const NOW = new Date("2026-03-15T12:00:00Z");
    const LATE = new Date("2026-03-15T23:30:00Z");

    it("refuses a date in the future, at each precision, against today in Paris", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      for (const v of ["2026-03-16", "2026-04", "2027"]) {
        const error = await refusal(() =>
          save(id, { baseVersion: 1, fields: { dm_diag_date: change(null, { v }) } }, clinRei, NOW),
        );
        expect(error.fieldErrors.dm_diag_date?.[0], v).toMatchObject({
          key: "crf.date.future",
          params: { today: "2026-03-15" },
        });
      }
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      const today = await save(
        id,
        {
          baseVersion: 1,
          fields: { dm_diag_date: change(null, { v: "2026-03-15" }), dm_onset_date: change(null, { v: "2026-03" }) },
        },
        clinRei,
        NOW,
      );
      expect(today.version).toBe(2);
      const late = await save(
        id,
        { baseVersion: 2, fields: { last_followup_date: change(null, { v: "2026-03-16" }) } },
        clinRei,
        LATE,
      );
      expect(late.version).toBe(3);
    });

    it("accepts month precision where allowed and refuses it where the day is required", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const ok = await save(id, {
        baseVersion: 1,
        fields: { dm_onset_date: change(null, { v: "2015-03" }), dm_diag_date: change(null, { v: "2015" }) },
      });
      expect(ok.answers.fields.dm_onset_date).toEqual({ v: "2015-03" });
      const before = await caseSnapshot(ctx.db, id);
      const sam = await refusal(() =>
        save(id, { baseVersion: 2, fields: { sam_date: change({ v: SAM_DATE }, { v: "2015-03" }) } }),
      );
      expect(keysOf(sam)).toEqual({ sam_date: ["crf.date.precision.day"] });
      for (const [v, key] of [
        ["2015-02-30", "crf.date.invalid"],
        ["2015-13", "crf.date.invalid"],
        ["15-03-2015", "crf.date.invalid"],
        ["1899-12", "crf.date.tooOld"],
      ] as const) {
        const error = await refusal(() =>
          save(id, { baseVersion: 2, fields: { dm_diag_date: change({ v: "2015" }, { v }) } }),
        );
        expect(keysOf(error), v).toEqual({ dm_diag_date: [key] });
      }
      expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      const day = await save(id, {
        baseVersion: 2,
        fields: { sam_date: change({ v: SAM_DATE }, { v: "2015-04-20" }) },
      });
      expect(day.version).toBe(3);
      // Day-precise dates feed the computed delays.
      await save(id, { baseVersion: 3, fields: { dm_diag_date: change({ v: "2015" }, { v: "2015-03-10" }) } });
      expect((await storedComputed(id)).delay_dm_diag_to_sam_days).toBe(41);
    });
  });

  // Defects found while writing these tests, now fixed: each test keeps them fixed.
  describe("regressions", () => {
    it("text PostgreSQL cannot store (U+0000, a lone surrogate) is refused with InputError, not a database error", async () => {
      // Both are valid in a JSON request body. SQLite stores them; PostgreSQL's jsonb refuses them at
      // tx.case.updateMany (22P05 "unsupported Unicode escape sequence", P2007 "invalid input syntax
      // for type json"), so saveDraft throws a PrismaClientKnownRequestError and the route answers 500.
      const id = await newDraftCase(ctx.db, clinRei);
      const before = await caseSnapshot(ctx.db, id);
      for (const to of [{ v: "J7\u0000 : ferritine 12 000" }, { v: "x\uD800y" }, { v: "F", unit: "\u0000" }]) {
        const field = to.v === "F" ? "sex" : "comments";
        const error = await errorOf(() => save(id, { baseVersion: 1, fields: { [field]: change(null, to) } }));
        expect(error).toBeInstanceOf(InputError);
        expect(await caseSnapshot(ctx.db, id)).toEqual(before);
      }
    });

    it("`unit` is free text on fields without units, a way around the identifier guard", async () => {
      // answerShape accepts unit: any string ≤ 40 on every field; checkNumber checks it only for
      // number fields that have units. The address below ends up in Case.answers and the audit trail.
      const id = await newDraftCase(ctx.db, clinRei);
      const address = "jean.dupont@chu-reims.fr";
      await save(id, {
        baseVersion: 1,
        fields: { sex: change(null, { v: "F", unit: address }), mmt8: change(null, { v: 40, unit: "06 12 34 56 78" }) },
      }).catch(() => undefined);
      const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
      expect(JSON.stringify(row.answers)).not.toContain(address);
      expect(JSON.stringify(row.answers)).not.toContain("06 12 34 56 78");
    });

    it("an entered number beside a missing-data code is refused like a value and a code together", async () => {
      // checkFieldAnswer returns early when `code` is set and looks only at `v`.
      const id = await newDraftCase(ctx.db, clinRei);
      const error = await errorOf(() =>
        save(id, { baseVersion: 1, fields: { triglycerides: change(null, { code: "NK", unit: "g_l", entered: 2 }) } }),
      );
      expect(error).toBeInstanceOf(InputError);
    });

    it("an entered number without its canonical value escapes the unit and hard-limit checks", async () => {
      // With `v` absent checkFieldAnswer returns [] before checkNumber: 600 000 000 g/L is stored as "entered".
      const id = await newDraftCase(ctx.db, clinRei);
      const error = await errorOf(() =>
        save(id, { baseVersion: 1, fields: { triglycerides: change(null, { unit: "g_l", entered: 600000000 }) } }),
      );
      expect(error).toBeInstanceOf(InputError);
    });

    it("recordIdentifierBlocked writes whatever text it is given as kinds and field path into the audit trail", async () => {
      // The route checks only "≤ 10 strings of ≤ 40 characters" and "a string ≤ 200": the identifier
      // the guard blocked can be written into the append-only trail, which can never be cleaned.
      const id = await newDraftCase(ctx.db, clinRei);
      const address = "jean.dupont@chu-reims.fr";
      await recordIdentifierBlocked(ctx.db, clinRei, id, "comments", [address]).catch(() => undefined);
      await recordIdentifierBlocked(ctx.db, clinRei, id, `comments ${address}`, ["email"]).catch(() => undefined);
      const trail = await ctx.db.auditEvent.findMany({ where: { caseId: id } });
      expect(JSON.stringify(trail)).not.toContain(address);
    });

    it("an error in a block's `from` rows is reported on the `to` row at the same index", async () => {
      // patchFieldErrors reads the row id from `to` whatever the path ("from" or "to").
      const id = await newDraftCase(ctx.db, clinRei);
      const staleFrom = { id: "old", values: { dose_value: { v: "500" } } } as unknown as BlockRow;
      const newRow = { ...METHYLPRED_ROW, id: "new" };
      const error = await refusal(() =>
        save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([staleFrom], [newRow]) } }),
      );
      expect(Object.keys(error.fieldErrors)).not.toContain("treatment_lines.new.dose_value");
    });
  });

  describe("identifier-guard events", () => {
    it("records that the guard blocked a value with the kinds only", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const caseBefore = await caseSnapshot(ctx.db, id);
      await recordIdentifierBlocked(ctx.db, raRei, id, "comments", ["email", "phone"]);
      const events = await ctx.db.auditEvent.findMany({ where: { caseId: id, type: "case.identifier_blocked" } });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorId: raRei.id,
        actorRole: "RESEARCH_ASSISTANT",
        centre: "REI",
        fieldPath: "comments",
        oldValue: null,
        newValue: null,
      });
      expect(JSON.parse(events[0]?.data ?? "null")).toEqual({ kinds: ["email", "phone"] });
      const after = await caseSnapshot(ctx.db, id);
      expect({ ...after, auditEvents: caseBefore.auditEvents }).toEqual(caseBefore);
      await expectChainIntact();
    });

    it("refuses another centre's case and coordinators, writing nothing", async () => {
      const id = await newDraftCase(ctx.db, clinRei);
      const count = await ctx.db.auditEvent.count();
      expect(await errorOf(() => recordIdentifierBlocked(ctx.db, clinPar, id, "comments", ["email"]))).toBeInstanceOf(
        NotFoundError,
      );
      expect(await errorOf(() => recordIdentifierBlocked(ctx.db, coord, id, "comments", ["email"]))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await ctx.db.auditEvent.count()).toBe(count);
    });
  });
});
