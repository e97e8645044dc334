import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/domain/canonical-json";
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { diffAnswers, mergePatch, type IncomingRow, type Patch } from "@/domain/crf/merge";
import { answers, row } from "./helpers";

const stored: CaseAnswers = answers(
  { ferritin: 12000, sex: "F", haemoglobin: { unit: "g_l", v: 8.5, entered: 85 } },
  { treatment_lines: [row("r1", { drug: "anakinra", dose_value: 200 })] },
);

describe("mergePatch — fields", () => {
  it("applies a change whose 'from' matches the stored answer", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { ferritin: { from: { v: 12000 }, to: { v: 15000 } } },
    });
    expect(conflicts).toEqual([]);
    expect(out.fields.ferritin).toEqual({ v: 15000 });
    expect(out.fields.sex).toEqual({ v: "F" });
  });

  it("adds a new answer when the client saw none (from: null)", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ast: { from: null, to: { v: 150 } } } });
    expect(conflicts).toEqual([]);
    expect(out.fields.ast).toEqual({ v: 150 });
  });

  it("returns a conflict, and keeps the stored answer, when 'from' no longer matches", () => {
    const patch: Patch = { fields: { ferritin: { from: { v: 10000 }, to: { v: 15000 } } } };
    const { answers: out, conflicts } = mergePatch(stored, patch);
    expect(conflicts).toEqual([{ kind: "field", path: "ferritin", mine: { v: 15000 }, theirs: { v: 12000 } }]);
    expect(out.fields.ferritin).toEqual({ v: 12000 });
  });

  it("a client that saw nothing conflicts with an answer saved meanwhile", () => {
    const { conflicts } = mergePatch(stored, { fields: { sex: { from: null, to: { v: "M" } } } });
    expect(conflicts).toEqual([{ kind: "field", path: "sex", mine: { v: "M" }, theirs: { v: "F" } }]);
  });

  it("is a no-op when the stored answer already is the target, whatever 'from' says (retried save)", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { ferritin: { from: { v: 1 }, to: { v: 12000 } } },
    });
    expect(conflicts).toEqual([]);
    expect(out).toEqual(stored);
  });

  it("null clears the answer", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ferritin: { from: { v: 12000 }, to: null } } });
    expect(conflicts).toEqual([]);
    expect(out.fields).not.toHaveProperty("ferritin");
  });

  it("clearing an answer that is already absent is a no-op", () => {
    const { answers: out, conflicts } = mergePatch(stored, { fields: { ast: { from: { v: 30 }, to: null } } });
    expect(conflicts).toEqual([]);
    expect(out.fields).not.toHaveProperty("ast");
  });

  it("key order of the stored JSON is irrelevant (stored {unit, v, entered} vs from {v, entered, unit})", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { haemoglobin: { from: { v: 8.5, entered: 85, unit: "g_l" }, to: { v: 9.2, unit: "g_l", entered: 92 } } },
    });
    expect(conflicts).toEqual([]);
    expect(out.fields.haemoglobin).toEqual({ v: 9.2, unit: "g_l", entered: 92 });
  });

  it("a confirmation is a change of its own", () => {
    const { answers: out } = mergePatch(stored, {
      fields: { ferritin: { from: { v: 12000 }, to: { v: 12000, confirmed: true } } },
    });
    expect(out.fields.ferritin).toEqual({ v: 12000, confirmed: true });
  });

  it("applies the matching changes of a patch and reports the others", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: {
        ferritin: { from: { v: 12000 }, to: { v: 13000 } },
        sex: { from: { v: "M" }, to: { v: "F" } },
        ast: { from: { v: 1 }, to: { v: 2 } },
      },
    });
    expect(out.fields.ferritin).toEqual({ v: 13000 });
    expect(conflicts.map((c) => c.path)).toEqual(["ast"]);
  });

  it("does not mutate the stored answers", () => {
    const before = JSON.stringify(stored);
    mergePatch(stored, {
      fields: { ferritin: { from: { v: 12000 }, to: null } },
      blocks: {
        treatment_lines: {
          from: stored.blocks.treatment_lines ?? [],
          to: [row("r1", { drug: "anakinra", dose_value: 300 }), row("r9", { drug: "etoposide" })],
        },
      },
    });
    expect(JSON.stringify(stored)).toBe(before);
  });
});

describe("mergePatch — blocks, row by row and field by field", () => {
  const base = [
    row("r1", { drug: "anakinra", dose_value: 200, route: "sc" }),
    row("r2", { drug: "etoposide", dose_value: 150 }),
  ];
  const storedWith = (rows: BlockRow[]): CaseAnswers => ({ fields: stored.fields, blocks: { treatment_lines: rows } });
  const merge = (theirs: BlockRow[], mine: IncomingRow[], from: IncomingRow[] = base) =>
    mergePatch(storedWith(theirs), { blocks: { treatment_lines: { from, to: mine } } });
  const edit = (r: BlockRow, values: Record<string, FieldAnswer | null>): BlockRow => ({
    id: r.id,
    values: Object.fromEntries(
      Object.entries({ ...r.values, ...values }).filter((e): e is [string, FieldAnswer] => e[1] !== null),
    ),
  });
  const [r1, r2] = base as [BlockRow, BlockRow];

  it("applies my rows when nobody else changed the block", () => {
    const to = [edit(r1, { dose_value: { v: 300 } }), row("r3", { drug: "ruxolitinib" })];
    const { answers: out, conflicts } = merge(base, to);
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines).toEqual(to);
  });

  it("keeps the rows both added: theirs in their order, mine appended in my order", () => {
    const theirs = [r1, row("t1", { drug: "ciclosporin" }), r2];
    const mine = [...base, row("m2", { drug: "ruxolitinib" }), row("m1", { drug: "emapalumab" })];
    const { answers: out, conflicts } = merge(theirs, mine);
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines?.map((r) => r.id)).toEqual(["r1", "t1", "r2", "m2", "m1"]);
  });

  it("a first row added by each to an empty block keeps both", () => {
    const theirs = [row("t1", { relapse_date: "2016-01" })];
    const mine = [row("m1", { relapse_date: "2017-03" })];
    const { answers: out, conflicts } = mergePatch(
      { fields: {}, blocks: { sam_relapses: theirs } },
      { blocks: { sam_relapses: { from: [], to: mine } } },
    );
    expect(conflicts).toEqual([]);
    expect(out.blocks.sam_relapses).toEqual([...theirs, ...mine]);
  });

  it("a row one side deleted and the other left alone is deleted", () => {
    const iDeleted = merge([r1, edit(r2, {})], [r1]);
    expect(iDeleted.conflicts).toEqual([]);
    expect(iDeleted.answers.blocks.treatment_lines).toEqual([r1]);
    const theyDeleted = merge([r2], base);
    expect(theyDeleted.conflicts).toEqual([]);
    expect(theyDeleted.answers.blocks.treatment_lines).toEqual([r2]);
    const bothDeleted = merge([r2], [r2]);
    expect(bothDeleted.conflicts).toEqual([]);
    expect(bothDeleted.answers.blocks.treatment_lines).toEqual([r2]);
  });

  it("a row I deleted while they edited it is a conflict on the row, and stays", () => {
    const edited = edit(r1, { route: { v: "iv" } });
    const { answers: out, conflicts } = merge([edited, r2], [r2]);
    expect(conflicts).toEqual([
      { kind: "row", path: "treatment_lines.r1", block: "treatment_lines", rowId: "r1", mine: null, theirs: edited },
    ]);
    expect(out.blocks.treatment_lines).toEqual([edited, r2]);
  });

  it("a row they deleted while I edited it is a conflict on the row, and stays deleted", () => {
    const edited = edit(r1, { dose_value: { v: 250 } });
    const { answers: out, conflicts } = merge([r2], [edited, r2]);
    expect(conflicts).toEqual([
      { kind: "row", path: "treatment_lines.r1", block: "treatment_lines", rowId: "r1", mine: edited, theirs: null },
    ]);
    expect(out.blocks.treatment_lines).toEqual([r2]);
  });

  it("merges different fields of the same row, and different rows", () => {
    const theirs = [edit(r1, { route: { v: "iv" } }), edit(r2, { dose_value: { v: 100 } })];
    const mine = [edit(r1, { dose_value: { v: 300 } }), r2];
    const { answers: out, conflicts } = merge(theirs, mine);
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines).toEqual([
      edit(r1, { route: { v: "iv" }, dose_value: { v: 300 } }),
      edit(r2, { dose_value: { v: 100 } }),
    ]);
  });

  it("the same change made by both is no conflict", () => {
    const same = edit(r1, { dose_value: { v: 300 } });
    const { answers: out, conflicts } = merge([same, r2], [same, r2]);
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines).toEqual([same, r2]);
  });

  it("a field both changed to different answers is a conflict on that field; the rest of the row merges", () => {
    const theirs = [edit(r1, { dose_value: { v: 250 }, route: { v: "iv" } }), r2];
    const mine = [edit(r1, { dose_value: { v: 300 }, line: { v: "2" } }), r2];
    const { answers: out, conflicts } = merge(theirs, mine);
    expect(conflicts).toEqual([
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
    expect(out.blocks.treatment_lines).toEqual([
      edit(r1, { dose_value: { v: 250 }, route: { v: "iv" }, line: { v: "2" } }),
      r2,
    ]);
  });

  it("clearing a field: applied when they left it, a conflict when they changed it", () => {
    const cleared = merge(base, [edit(r1, { route: null }), r2]);
    expect(cleared.conflicts).toEqual([]);
    expect(cleared.answers.blocks.treatment_lines?.[0]?.values).not.toHaveProperty("route");
    const overtaken = merge([edit(r1, { route: { v: "iv" } }), r2], [edit(r1, { route: null }), r2]);
    expect(overtaken.conflicts).toEqual([
      {
        kind: "rowField",
        path: "treatment_lines.r1.route",
        block: "treatment_lines",
        rowId: "r1",
        field: "route",
        mine: null,
        theirs: { v: "iv" },
      },
    ]);
    const theyCleared = merge([edit(r1, { route: null }), r2], [edit(r1, { route: { v: "oral" } }), r2]);
    expect(theyCleared.conflicts.map((c) => [c.path, c.mine, c.theirs])).toEqual([
      ["treatment_lines.r1.route", { v: "oral" }, null],
    ]);
  });

  it("a field both answered for the first time, differently, is a conflict", () => {
    const { conflicts } = merge([edit(r1, { n_doses: { v: 3 } }), r2], [edit(r1, { n_doses: { v: 5 } }), r2]);
    expect(conflicts.map((c) => c.path)).toEqual(["treatment_lines.r1.n_doses"]);
  });

  it("a confirmation or a missing-data code is a change of its own", () => {
    const confirmed = merge(base, [edit(r1, { dose_value: { v: 200, confirmed: true } }), r2]);
    expect(confirmed.answers.blocks.treatment_lines?.[0]?.values.dose_value).toEqual({ v: 200, confirmed: true });
    const coded = merge([edit(r1, { route: { code: "NK" } }), r2], [edit(r1, { route: { code: "ND" } }), r2]);
    expect(coded.conflicts.map((c) => c.path)).toEqual(["treatment_lines.r1.route"]);
  });

  it("is a no-op when the rows already are the target, whatever 'from' says (retried save)", () => {
    const s = storedWith(base);
    const { answers: out, conflicts } = mergePatch(s, { blocks: { treatment_lines: { from: [], to: base } } });
    expect(conflicts).toEqual([]);
    expect(out).toEqual(s);
    const empty = mergePatch(stored, {
      blocks: { sam_relapses: { from: [row("x", { relapse_date: "2016" })], to: [] } },
    });
    expect(empty.conflicts).toEqual([]);
    expect(empty.answers).toEqual(stored);
  });

  it("a retried save returns the same answers and the same conflicts, and changes nothing more", () => {
    const theirs = [edit(r1, { dose_value: { v: 250 } }), row("t1", { drug: "ciclosporin" })];
    const patch: Patch = {
      blocks: {
        treatment_lines: {
          from: base,
          to: [
            edit(r1, { dose_value: { v: 300 }, route: { v: "iv" } }),
            edit(r2, { n_doses: { v: 2 } }),
            row("m1", { drug: "emapalumab" }),
          ],
        },
      },
    };
    const first = mergePatch(storedWith(theirs), patch);
    expect(first.conflicts.map((c) => c.path)).toEqual(["treatment_lines.r1.dose_value", "treatment_lines.r2"]);
    const retried = mergePatch(first.answers, patch);
    expect(retried.answers).toEqual(first.answers);
    expect(retried.conflicts).toEqual(first.conflicts);
    expect(diffAnswers(first.answers, retried.answers)).toEqual([]);
  });

  it("drops answers sent as undefined in a row", () => {
    const { answers: out } = merge(base, [
      { id: "r1", values: { drug: { v: "anakinra" }, dose_value: undefined } },
      r2,
    ]);
    expect(out.blocks.treatment_lines).toEqual([{ id: "r1", values: { drug: { v: "anakinra" } } }, r2]);
  });

  it("key order inside rows and answers is irrelevant", () => {
    const reordered = [
      { values: { route: { v: "sc" }, dose_value: { v: 200 }, drug: { v: "anakinra" } }, id: "r1" },
      r2,
    ];
    const { answers: out, conflicts } = merge(base, [], reordered);
    expect(conflicts).toEqual([]);
    expect(out.blocks.treatment_lines).toEqual([]);
  });

  it("reports field, row and row-field conflicts of one patch together, and applies the rest", () => {
    const s: CaseAnswers = {
      fields: stored.fields,
      blocks: {
        treatment_lines: [edit(r1, { dose_value: { v: 250 } })],
        sam_relapses: [row("x", { relapse_date: "2016" })],
      },
    };
    const { answers: out, conflicts } = mergePatch(s, {
      fields: { ferritin: { from: { v: 1 }, to: { v: 2 } }, ast: { from: null, to: { v: 40 } } },
      blocks: {
        treatment_lines: { from: base, to: [edit(r1, { dose_value: { v: 300 } }), edit(r2, { route: { v: "iv" } })] },
        sam_relapses: { from: [row("x", { relapse_date: "2016" })], to: [row("x", { relapse_date: "2016-05" })] },
      },
    });
    expect(conflicts.map((c) => `${c.kind}:${c.path}`)).toEqual([
      "field:ferritin",
      "rowField:treatment_lines.r1.dose_value",
      "row:treatment_lines.r2",
    ]);
    expect(diffAnswers(s, out).map((d) => d.path)).toEqual(["ast", "sam_relapses.x.relapse_date"]);
  });
});

// ------------------------------------------------------------ properties

const ANSWERS: FieldAnswer[] = [{ v: 1 }, { v: 2 }, { v: "x" }, { code: "NK" }, { v: 2, confirmed: true }];
const ROW_FIELDS = ["f1", "f2", "f3"] as const;
const answer = fc.constantFrom(...ANSWERS);
const values = fc.dictionary(fc.constantFrom(...ROW_FIELDS), answer, { maxKeys: 3 });
const rowsOf = (ids: readonly string[]) =>
  fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), values }), { selector: (r) => r.id, maxLength: ids.length });
const storedRows = rowsOf(["r1", "r2", "r3", "r4", "r5"]);
const SCALARS = ["ferritin", "ast", "sex"] as const;
const scalars = fc.dictionary(fc.constantFrom(...SCALARS), answer, { maxKeys: 3 });
const block = (a: CaseAnswers) => a.blocks.b ?? [];
const byId = (rows: readonly BlockRow[]) => canonicalJson([...rows].sort((x, y) => (x.id < y.id ? -1 : 1)));
const setValue = (
  vals: Readonly<Record<string, FieldAnswer>>,
  field: string,
  a: FieldAnswer | null,
): Record<string, FieldAnswer> => {
  const out = { ...vals };
  if (a) out[field] = a;
  else delete out[field];
  return out;
};

/** What the form can send from `rows`: rows kept (in order) or removed, fields changed, new rows appended. */
const formEdit = (rows: readonly BlockRow[], newIds: readonly string[]) =>
  fc
    .tuple(
      fc.tuple(
        ...rows.map(() =>
          fc.record({
            keep: fc.boolean(),
            edits: fc.dictionary(fc.constantFrom(...ROW_FIELDS), fc.option(answer), { maxKeys: 3 }),
          }),
        ),
      ),
      fc.uniqueArray(fc.record({ id: fc.constantFrom(...newIds), values }), {
        selector: (r) => r.id,
        maxLength: newIds.length,
      }),
    )
    .map(([plans, added]) => [
      ...rows.flatMap((r, i) => {
        const plan = plans[i]!;
        if (!plan.keep) return [];
        let vals: Record<string, FieldAnswer> = { ...r.values };
        for (const [f, a] of Object.entries(plan.edits)) vals = setValue(vals, f, a);
        return [{ id: r.id, values: vals }];
      }),
      ...added,
    ]);

describe("mergePatch — properties", () => {
  it("a patch whose 'from' is what is stored gives exactly its 'to', without conflicts", () => {
    fc.assert(
      fc.property(
        storedRows.chain((rows) =>
          fc.record({
            rows: fc.constant(rows),
            to: formEdit(rows, ["n1", "n2", "n3"]),
            fields: scalars,
            edits: fc.dictionary(fc.constantFrom(...SCALARS), fc.option(answer), { maxKeys: 3 }),
          }),
        ),
        ({ rows, to, fields, edits }) => {
          const s: CaseAnswers = { fields, blocks: { b: rows } };
          const patch: Patch = {
            fields: Object.fromEntries(
              Object.entries(edits).map(([id, a]) => [id, { from: fields[id] ?? null, to: a }]),
            ),
            blocks: { b: { from: rows, to } },
          };
          const { answers: out, conflicts } = mergePatch(s, patch);
          expect(conflicts).toEqual([]);
          expect(canonicalJson(block(out))).toBe(canonicalJson(to));
          for (const id of SCALARS) expect(sameAnswer(out.fields[id], id in edits ? edits[id] : fields[id])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a patch whose 'to' is what is stored changes nothing (retried save), whatever its 'from'", () => {
    fc.assert(
      fc.property(storedRows, storedRows, (theirs, from) => {
        const s: CaseAnswers = { fields: {}, blocks: { b: theirs } };
        const { answers: out, conflicts } = mergePatch(s, { blocks: { b: { from, to: theirs } } });
        expect(conflicts).toEqual([]);
        expect(diffAnswers(s, out)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("a patch that changes nothing ('to' = 'from') leaves theirs as stored", () => {
    fc.assert(
      fc.property(storedRows, storedRows, (theirs, from) => {
        const s: CaseAnswers = { fields: {}, blocks: { b: theirs } };
        const { answers: out, conflicts } = mergePatch(s, { blocks: { b: { from, to: from } } });
        expect(conflicts).toEqual([]);
        expect(canonicalJson(block(out))).toBe(canonicalJson(theirs));
      }),
      { numRuns: 500 },
    );
  });

  it("merging again is idempotent: same answers, same conflicts, never a duplicate row", () => {
    fc.assert(
      fc.property(storedRows, storedRows, rowsOf(["r1", "r2", "r3", "r4", "r5", "n1", "n2"]), (theirs, from, to) => {
        const patch: Patch = { blocks: { b: { from, to } } };
        const first = mergePatch({ fields: {}, blocks: { b: theirs } }, patch);
        const ids = block(first.answers).map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        const again = mergePatch(first.answers, patch);
        expect(canonicalJson(again.answers)).toBe(canonicalJson(first.answers));
        expect(again.conflicts).toEqual(first.conflicts);
      }),
      { numRuns: 1000 },
    );
  });

  // Two people's edits from the same stored state, touching different rows and fields.
  const disjointEdits = fc.record({ rows: storedRows, fields: scalars }).chain(({ rows, fields }) =>
    fc.record({
      rows: fc.constant(rows),
      fields: fc.constant(fields),
      rowPlans: fc.tuple(
        ...rows.map(() =>
          fc.record({
            deletedBy: fc.constantFrom<"A" | "B" | null>(null, null, "A", "B"),
            edits: fc.dictionary(
              fc.constantFrom(...ROW_FIELDS),
              fc.record({ by: fc.constantFrom<"A" | "B">("A", "B"), to: fc.option(answer) }),
              { maxKeys: 3 },
            ),
          }),
        ),
      ),
      fieldEdits: fc.dictionary(
        fc.constantFrom(...SCALARS),
        fc.record({ by: fc.constantFrom<"A" | "B">("A", "B"), to: fc.option(answer) }),
        { maxKeys: 3 },
      ),
      addedA: fc.uniqueArray(fc.record({ id: fc.constantFrom("a1", "a2"), values }), {
        selector: (r) => r.id,
        maxLength: 2,
      }),
      addedB: fc.uniqueArray(fc.record({ id: fc.constantFrom("b1", "b2"), values }), {
        selector: (r) => r.id,
        maxLength: 2,
      }),
    }),
  );

  it("disjoint edits commute: both orders merge without conflicts to the same answers", () => {
    fc.assert(
      fc.property(disjointEdits, ({ rows, fields, rowPlans, fieldEdits, addedA, addedB }) => {
        const s: CaseAnswers = { fields, blocks: { b: rows } };
        const toOf = (who: "A" | "B"): BlockRow[] => [
          ...rows.flatMap((r, i) => {
            const plan = rowPlans[i]!;
            if (plan.deletedBy === who) return [];
            let vals: Record<string, FieldAnswer> = { ...r.values };
            // A row one deletes, the other does not edit.
            if (plan.deletedBy === null)
              for (const [f, e] of Object.entries(plan.edits)) if (e.by === who) vals = setValue(vals, f, e.to);
            return [{ id: r.id, values: vals }];
          }),
          ...(who === "A" ? addedA : addedB),
        ];
        const patchOf = (who: "A" | "B"): Patch => ({
          fields: Object.fromEntries(
            Object.entries(fieldEdits)
              .filter(([, e]) => e.by === who)
              .map(([id, e]) => [id, { from: fields[id] ?? null, to: e.to }]),
          ),
          blocks: { b: { from: rows, to: toOf(who) } },
        });
        const ab1 = mergePatch(s, patchOf("A"));
        const ab = mergePatch(ab1.answers, patchOf("B"));
        const ba1 = mergePatch(s, patchOf("B"));
        const ba = mergePatch(ba1.answers, patchOf("A"));
        expect([...ab1.conflicts, ...ab.conflicts, ...ba1.conflicts, ...ba.conflicts]).toEqual([]);
        expect(diffAnswers(ab.answers, ba.answers)).toEqual([]);
        expect(byId(block(ab.answers))).toBe(byId(block(ba.answers)));
        // Everyone's rows are there: the stored ones nobody deleted, and both sides' new rows.
        const kept = rows.filter((_, i) => rowPlans[i]!.deletedBy === null).map((r) => r.id);
        expect(block(ab.answers).map((r) => r.id)).toEqual([
          ...kept,
          ...addedA.map((r) => r.id),
          ...addedB.map((r) => r.id),
        ]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("diffAnswers", () => {
  it("lists changed, added and removed fields", () => {
    const after = answers(
      { ferritin: 15000, haemoglobin: { v: 8.5, entered: 85, unit: "g_l" }, ast: 150 },
      stored.blocks,
    );
    expect(diffAnswers(stored, after)).toEqual([
      { path: "ferritin", before: { v: 12000 }, after: { v: 15000 } },
      { path: "sex", before: { v: "F" }, after: null },
      { path: "ast", before: null, after: { v: 150 } },
    ]);
  });

  it("equal content in another key order is no change", () => {
    expect(
      diffAnswers(
        stored,
        answers({ haemoglobin: { entered: 85, v: 8.5, unit: "g_l" }, sex: "F", ferritin: 12000 }, stored.blocks),
      ),
    ).toEqual([]);
  });

  it("row fields are located at block.row.field", () => {
    const after = answers(stored.fields, {
      treatment_lines: [row("r1", { drug: "anakinra", dose_value: 300, route: "sc" })],
    });
    expect(diffAnswers(stored, after)).toEqual([
      { path: "treatment_lines.r1.dose_value", before: { v: 200 }, after: { v: 300 } },
      { path: "treatment_lines.r1.route", before: null, after: { v: "sc" } },
    ]);
  });

  it("a row added or removed is recorded as such, then field by field", () => {
    const added = answers(stored.fields, {
      treatment_lines: [...(stored.blocks.treatment_lines ?? []), row("r2", { drug: "ruxolitinib" })],
    });
    expect(diffAnswers(stored, added)).toEqual([
      { path: "treatment_lines.r2", before: null, after: { v: "row" } },
      { path: "treatment_lines.r2.drug", before: null, after: { v: "ruxolitinib" } },
    ]);
    const removed = answers(stored.fields, { treatment_lines: [] });
    expect(diffAnswers(stored, removed)).toEqual([
      { path: "treatment_lines.r1", before: { v: "row" }, after: null },
      { path: "treatment_lines.r1.drug", before: { v: "anakinra" }, after: null },
      { path: "treatment_lines.r1.dose_value", before: { v: 200 }, after: null },
    ]);
  });

  it("reordering rows is not a change", () => {
    const two = answers({}, { sam_relapses: [row("a", { relapse_date: "2016" }), row("b", { relapse_date: "2017" })] });
    const swapped = answers(
      {},
      { sam_relapses: [row("b", { relapse_date: "2017" }), row("a", { relapse_date: "2016" })] },
    );
    expect(diffAnswers(two, swapped)).toEqual([]);
  });

  it("a merge's result diffs to exactly the applied changes, not the conflicting ones", () => {
    const { answers: out, conflicts } = mergePatch(stored, {
      fields: { ferritin: { from: { v: 12000 }, to: { v: 15000 } }, sex: { from: { v: "M" }, to: { v: "M" } } },
    });
    expect(conflicts.map((c) => c.path)).toEqual(["sex"]);
    expect(diffAnswers(stored, out).map((d) => d.path)).toEqual(["ferritin"]);
  });
});
