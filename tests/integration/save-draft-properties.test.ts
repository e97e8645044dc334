// Properties of saveDraft on a real SQLite database: whatever arrives in the
// request body, the answer is a save or an InputError — never another
// exception — a refusal writes nothing, and what is stored always passes the
// definition's own rules, with one audit event per changed answer in an
// intact hash chain.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { canonicalJson } from "@/domain/canonical-json";
import { todayIso } from "@/domain/dates";
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { blockById, TOP_LEVEL_FIELDS, fieldById } from "@/domain/crf/definition";
import { doseIssues } from "@/domain/crf/dose-issues";
import { toCanonical, unitsOf } from "@/domain/crf/field-rules";
import { diffAnswers } from "@/domain/crf/merge";
import { fieldAnswerSchema } from "@/domain/crf/schema";
import type { FieldDef } from "@/domain/crf/types";
import { applyConditions, isVisible, topLookup } from "@/domain/crf/visibility";
import { DOSE_UNIT_IDS, DRUGS } from "@/domain/doses";
import { getCaseRecord, saveDraft, type SaveResult } from "@/server/case-answers.server";
import { InputError } from "@/server/errors";
import { checkAuditChain } from "../support/audit-log";
import { caseSnapshot, newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser } from "../support/fixtures";
import { openTestDatabase, type TestDatabase } from "../support/test-database";

const NOW = new Date();
const CTX = { today: todayIso(NOW) };
const RUNS = { numRuns: 100 } as const;

const FIELD_IDS = TOP_LEVEL_FIELDS.map((f) => f.id);
const OPTION_VALUES = [
  ...new Set(TOP_LEVEL_FIELDS.flatMap((f) => ("options" in f ? f.options.map((o) => o.value) : []))),
];
const UNIT_IDS = [
  ...new Set(TOP_LEVEL_FIELDS.flatMap((f) => (f.type === "number" ? unitsOf(f).map((u) => u.id) : []))),
];

// ---------------------------------------------------------------- arbitraries

const anyNumber = fc.oneof(
  fc.integer({ min: -10, max: 700000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e7, max: 1e7 }),
  fc.constantFrom(0, -0, 1.5, 2.258, 44, 150000, 200000, 500000, 600000, Number.MAX_SAFE_INTEGER, 1e-9),
);
const dateLike = fc.oneof(
  fc.constantFrom(
    "2015",
    "2015-03",
    "2015-03-04",
    "2015-02-30",
    "2015-13",
    "1899-12-31",
    "2999-01-01",
    CTX.today,
    CTX.today.slice(0, 7),
  ),
  fc
    .tuple(fc.integer({ min: 1890, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
);
const anyString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...OPTION_VALUES),
  dateLike,
  fc.constantFrom("jean.dupont@chu-reims.fr", "06 12 34 56 78", "Mme Jeanne Martin"),
);

/** A value for the field: mostly of its own type (so that some saves pass), often not. */
function valueFor(field: FieldDef): fc.Arbitrary<unknown> {
  const own: fc.Arbitrary<unknown>[] = [];
  switch (field.type) {
    case "yesno":
      own.push(fc.constantFrom("yes", "no"));
      break;
    case "choice":
      own.push(fc.constantFrom(...field.options.map((o) => o.value)));
      break;
    case "multi":
      own.push(
        fc.uniqueArray(fc.constantFrom(...field.options.map((o) => o.value)), { maxLength: field.options.length }),
      );
      break;
    case "number":
    case "dose": {
      const { min = 0, max = 1000 } = field.type === "number" ? field.hard : {};
      own.push(
        fc.double({ noNaN: true, noDefaultInfinity: true, min, max }),
        fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
      );
      break;
    }
    case "date":
      own.push(dateLike);
      break;
    case "text":
      own.push(
        fc.string({ maxLength: 80 }),
        fc.string({ minLength: field.maxLength - 2, maxLength: field.maxLength + 2 }),
      );
      break;
  }
  return fc.oneof(
    { weight: 10, arbitrary: fc.oneof(...own) },
    { weight: 1, arbitrary: anyNumber },
    { weight: 1, arbitrary: anyString },
  );
}

/** An answer for the field: a value, a code, a converted number, a confirmation, junk. */
function answerFor(field: FieldDef): fc.Arbitrary<unknown> {
  const value = valueFor(field);
  const kinds: fc.WeightedArbitrary<unknown>[] = [
    { weight: 12, arbitrary: value.map((v) => ({ v })) },
    { weight: 4, arbitrary: fc.constantFrom("NK", "ND", "NA").map((code) => ({ code })) },
    { weight: 3, arbitrary: fc.record({ v: value, confirmed: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record(
        { v: value, unit: fc.constantFrom(...UNIT_IDS), entered: anyNumber },
        { requiredKeys: ["v"] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ code: "XX" }, { v: "yes", code: "NK" }, { v: 1, unit: "g_l", entered: 2 }),
    },
  ];
  if (field.type === "number" && field.unit) {
    const units = unitsOf(field).map((u) => u.id);
    const typical = fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: (field.hard.max ?? 1000) / 2 });
    // The canonical value the client should send for a number typed in one of the field's units.
    kinds.push({
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...units), fc.oneof(typical, anyNumber))
        .map(([unit, entered]) => ({ v: toCanonical(field, entered, unit), unit, entered })),
    });
  }
  return fc.oneof(...kinds);
}

const fieldEdit = fc.constantFrom(...FIELD_IDS).chain((id) =>
  fc.record({
    id: fc.constant(id),
    to: fc.option(answerFor(fieldById(id)!), { freq: 8 }),
    // Most edits start from what is stored (null here); some from a stale value: a conflict.
    stale: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: answerFor(fieldById(id)!) }),
  }),
);

const rowId = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("r1", "r2", "r3") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const pastDate = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom("2015-03-04", "2015-03", "2016", "2019-12-31") },
  { weight: 1, arbitrary: dateLike },
);

/** A treatment line: mostly a listed drug in one of its units, sometimes anything. */
const treatmentRow: fc.Arbitrary<BlockRow> = fc
  .oneof({ weight: 12, arbitrary: fc.constantFrom(...DRUGS) }, { weight: 1, arbitrary: fc.constant(null) })
  .chain((drug) =>
    fc.record({
      id: rowId,
      values: fc.record(
        {
          drug: (drug ? fc.constant(drug.id) : fc.string({ maxLength: 8 })).map((v) => ({ v })),
          dose_value: fc
            .oneof(
              { weight: 6, arbitrary: fc.double({ noNaN: true, min: 0.01, max: 10 }) },
              { weight: 2, arbitrary: fc.double({ noNaN: true, min: 0.01, max: 3000 }) },
              { weight: 1, arbitrary: anyNumber },
            )
            .map((v) => ({ v })),
          dose_unit: fc
            .oneof(
              { weight: 6, arbitrary: fc.constantFrom(...(drug?.units ?? DOSE_UNIT_IDS)) },
              { weight: 1, arbitrary: fc.constantFrom(...DOSE_UNIT_IDS, "mg") },
            )
            .map((v) => ({ v })),
          start_date: pastDate.map((v) => ({ v })),
          ongoing: fc.constantFrom("yes", "no").map((v) => ({ v })),
          end_date: pastDate.map((v) => ({ v })),
          n_doses: fc
            .oneof(
              { weight: 8, arbitrary: fc.integer({ min: 1, max: 365 }) },
              { weight: 1, arbitrary: fc.integer({ min: -1, max: 400 }) },
            )
            .map((v) => ({ v })),
        },
        { requiredKeys: [] },
      ),
    }),
  );

const patchPlan = fc.record({
  edits: fc.uniqueArray(fieldEdit, { minLength: 0, maxLength: 3, selector: (e) => e.id }),
  rows: fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.uniqueArray(treatmentRow, { minLength: 1, maxLength: 3, selector: (r) => r.id }) },
  ),
});

/** Arbitrary input, from plain JSON to objects a JSON parser never makes. */
const junkPayload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({
    maxDepth: 3,
    maxKeys: 5,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
    withMap: true,
    withSet: true,
    withDate: true,
  }),
  fc.record(
    {
      baseVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.jsonValue({ maxDepth: 1 })),
      fields: fc.oneof(
        fc.dictionary(
          fc.oneof(
            fc.constantFrom(...FIELD_IDS),
            fc.constantFrom("__proto__", "constructor", "toString"),
            fc.string({ maxLength: 8 }),
          ),
          fc.record({ from: fc.jsonValue({ maxDepth: 2 }), to: fc.jsonValue({ maxDepth: 2 }) }),
          { maxKeys: 4 },
        ),
        fc.jsonValue({ maxDepth: 2 }),
      ),
      blocks: fc.oneof(
        fc.record({
          treatment_lines: fc.record({
            from: fc.jsonValue({ maxDepth: 3 }),
            to: fc.oneof(fc.array(treatmentRow, { maxLength: 2 }), fc.jsonValue({ maxDepth: 3 })),
          }),
        }),
        fc.jsonValue({ maxDepth: 3 }),
      ),
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
);

// ---------------------------------------------------------------- checks

/** Every stored answer passes its field's own rules; nothing outside the definition; conditions applied. */
function expectStoredAnswersValid(answers: CaseAnswers): void {
  for (const [id, answer] of Object.entries(answers.fields)) {
    const field = fieldById(id);
    expect(field, `stored field ${id} is in the definition`).toBeDefined();
    const check = fieldAnswerSchema(field!, CTX).safeParse(answer);
    expect(check.success, `${id} = ${JSON.stringify(answer)} passes its rules`).toBe(true);
  }
  for (const [blockId, rows] of Object.entries(answers.blocks)) {
    const block = blockById(blockId);
    expect(block, `stored block ${blockId} is in the definition`).toBeDefined();
    expect(rows.length).toBeLessThanOrEqual(block!.maxRows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const row of rows) {
      for (const [fid, answer] of Object.entries(row.values)) {
        const field = block!.fields.find((f) => f.id === fid);
        expect(field, `${blockId}.${row.id}.${fid} is in the definition`).toBeDefined();
        expect(
          fieldAnswerSchema(field!, CTX).safeParse(answer).success,
          `${blockId}.${row.id}.${fid} = ${JSON.stringify(answer)}`,
        ).toBe(true);
      }
    }
  }
  // Conditions already applied (an absent block and an empty one are the same answer).
  expect(canonicalJson(withoutEmptyBlocks(applyConditions(answers)))).toBe(canonicalJson(withoutEmptyBlocks(answers)));
}

function withoutEmptyBlocks(answers: CaseAnswers): CaseAnswers {
  return {
    fields: answers.fields,
    blocks: Object.fromEntries(Object.entries(answers.blocks).filter(([, rows]) => rows.length > 0)),
  };
}

describe("saveDraft properties [sqlite]", () => {
  let opened: TestDatabase;
  let clin: Actor;

  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    await addCentre(opened.db, "PRP");
    clin = await addUser(opened.db, {
      email: "clin.prp@t.test",
      role: "CLINICIAN",
      centreCode: "PRP",
      withPassword: false,
    });
  });

  afterAll(async () => {
    await opened?.cleanup();
  });

  it("answers any payload with a save or an InputError, and a refusal writes nothing", async () => {
    const db = opened.db;
    const caseId = await newDraftCase(db, clin);
    await fc.assert(
      fc.asyncProperty(junkPayload, async (payload) => {
        const before = await caseSnapshot(db, caseId);
        let result: SaveResult | undefined;
        try {
          result = await saveDraft(db, clin, caseId, payload, NOW);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(Object.keys(error.fieldErrors).length).toBeGreaterThan(0);
          expect(await caseSnapshot(db, caseId)).toEqual(before);
          return;
        }
        const after = await caseSnapshot(db, caseId);
        expect(result.version).toBe(after.version);
        expectStoredAnswersValid((await getCaseRecord(db, clin, caseId)).answers);
      }),
      RUNS,
    );
    expect(await checkAuditChain(db)).toMatchObject({ ok: true });
  });

  it("stores only answers that pass the definition's rules, audited one event per change", async () => {
    const db = opened.db;
    await fc.assert(
      fc.asyncProperty(fc.array(patchPlan, { minLength: 1, maxLength: 3 }), async (plans) => {
        const caseId = await newDraftCase(db, clin);
        for (const plan of plans) {
          const before = await getCaseRecord(db, clin, caseId);
          const snapshot = await caseSnapshot(db, caseId);
          const fields = Object.fromEntries(
            plan.edits.map((e) => [e.id, { from: e.stale ?? before.answers.fields[e.id] ?? null, to: e.to }]),
          );
          const blocks = plan.rows
            ? { treatment_lines: { from: before.answers.blocks.treatment_lines ?? [], to: plan.rows } }
            : undefined;
          const payload = { baseVersion: before.version, fields, ...(blocks ? { blocks } : {}) };

          let result: SaveResult;
          try {
            result = await saveDraft(db, clin, caseId, payload, NOW);
          } catch (error) {
            if (!(error instanceof InputError)) throw error;
            expect(await caseSnapshot(db, caseId)).toEqual(snapshot);
            continue;
          }

          const after = await getCaseRecord(db, clin, caseId);
          expectStoredAnswersValid(after.answers);
          expect(canonicalJson(result.answers)).toBe(canonicalJson(after.answers));

          // One version and one audit event per changed answer — or nothing at all.
          const changes = diffAnswers(before.answers, after.answers);
          const newEvents = await db.auditEvent.findMany({
            where: { seq: { gt: snapshot.auditEvents } },
            orderBy: { seq: "asc" },
          });
          expect(after.version).toBe(before.version + (changes.length > 0 ? 1 : 0));
          expect(result.version).toBe(after.version);
          expect(newEvents.map((e) => e.fieldPath).sort()).toEqual(changes.map((c) => c.path).sort());
          expect(newEvents.every((e) => e.type === "case.field_changed" && e.caseId === caseId)).toBe(true);

          // What was asked is what is stored, unless overtaken (conflict) or hidden by a condition.
          const conflicted = new Set(result.conflicts.map((c) => c.path));
          const lookup = topLookup(after.answers);
          for (const edit of plan.edits) {
            const field = fieldById(edit.id)!;
            if (!isVisible(field, lookup)) {
              expect([undefined, "NA"]).toContain(after.answers.fields[edit.id]?.code);
              continue;
            }
            const stored = after.answers.fields[edit.id] ?? null;
            if (conflicted.has(edit.id)) {
              if (before.answers.fields[edit.id]?.code !== "NA")
                expect(sameAnswer(stored, before.answers.fields[edit.id])).toBe(true);
            } else if ((edit.to as FieldAnswer | null)?.code !== "NA") {
              expect(sameAnswer(stored, edit.to as FieldAnswer | null)).toBe(true);
            }
          }
          // A block that was part of an accepted save holds no impossible dose.
          if (plan.rows && !conflicted.has("treatment_lines")) {
            for (const row of (after.answers.blocks.treatment_lines ?? []) as BlockRow[]) {
              expect(doseIssues(row, after.answers).filter((i) => i.level === "error")).toEqual([]);
            }
          }
        }
      }),
      RUNS,
    );
    expect(await checkAuditChain(db)).toMatchObject({ ok: true });
  });
});
