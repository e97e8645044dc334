// The form's state is total (issue: "Autre (préciser)" crashed the form with
// "Cannot read properties of null (reading 'trim')" in stateToAnswer and
// stopped autosave). react-hook-form hands over `any`: a radio group registered
// while its value is unset reads `null` from the page. Generated over every
// field of the definition, top level and in every block, and every malformed
// shape a state can take: no reader throws, and a malformed state means "no
// answer", never a made-up one.
import { describe, expect, it } from "vitest";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { FieldDef } from "@/domain/crf/types";
import {
  emptyState,
  formToAnswers,
  readState,
  rebaseRows,
  rowsToAnswers,
  stateToAnswer,
  type FieldState,
  type FormValues,
  type RowState,
} from "@/components/crf/form-model";

const ALL: { where: string; field: FieldDef }[] = [
  ...TOP_LEVEL_FIELDS.map((field) => ({ where: "top", field })),
  ...BLOCKS.flatMap((b) => b.fields.map((field) => ({ where: b.id, field }))),
];

/** Shapes seen or possible from the form library and from a tab's kept changes. */
const MALFORMED: unknown[] = [
  null,
  undefined,
  0,
  "",
  "text",
  [],
  { value: null, unit: "", code: "", confirmed: false },
  { value: undefined, unit: "", code: "", confirmed: false },
  { value: false, unit: "", code: "", confirmed: false },
  { value: null },
  { value: [null, 3], unit: null, code: null, confirmed: null },
  { value: "", unit: 7, code: "XX", confirmed: "yes" },
  {},
];

describe("the form's state is total (generated over the definition)", () => {
  it(`covers every field (${ALL.length}) of the definition`, () => {
    expect(ALL.length).toBeGreaterThan(100);
  });

  for (const { where, field } of ALL) {
    it(`${where}.${field.id} (${field.type}): every malformed state reads as no answer, without throwing`, () => {
      for (const raw of MALFORMED) {
        const state = readState(field, raw);
        expect(field.type === "multi" ? Array.isArray(state.value) : typeof state.value === "string").toBe(true);
        expect(typeof state.unit).toBe("string");
        expect(typeof state.confirmed).toBe("boolean");
        const c = stateToAnswer(field, raw as FieldState);
        expect(c).toEqual({ ok: true, answer: null });
      }
    });
  }

  it("returns a well-formed state as the same object (no re-render churn)", () => {
    for (const { field } of ALL) {
      const s = emptyState(field);
      if (field.type !== "multi") expect(readState(field, s)).toBe(s);
    }
  });

  it("keeps a null radio value from stopping a whole block or the whole record (the crash's path)", () => {
    const block = BLOCKS.find((b) => b.id === "treatment_lines")!;
    const values = Object.fromEntries(block.fields.map((f) => [f.id, emptyState(f)])) as Record<string, FieldState>;
    const row: RowState = {
      rowId: "r1",
      values: {
        ...values,
        drug: { ...values.drug!, value: "other" },
        drug_other: { ...values.drug_other!, value: "nicardipril" },
        dose_unit: { ...values.dose_unit!, value: "mg_kg_day" },
        dose_value: { ...values.dose_value!, value: "1" },
        // What the form library reads from a radio group with nothing checked.
        line: { value: null, unit: "", code: "", confirmed: false } as unknown as FieldState,
        route: null as unknown as FieldState,
      },
    };
    const { rows, errors } = rowsToAnswers(block.fields, [row]);
    expect(errors).toEqual({});
    expect(rows[0]?.values).toMatchObject({
      drug: { v: "other" },
      drug_other: { v: "nicardipril" },
      dose_value: { v: 1 },
      dose_unit: { v: "mg_kg_day" },
    });
    expect(rows[0]?.values.line).toBeUndefined();
    const form = { f: { department: { value: null } }, b: { treatment_lines: [row] } } as unknown as FormValues;
    expect(() => formToAnswers(form)).not.toThrow();
    expect(() => rebaseRows(block.fields, block.id, [], [row], [], () => false)).not.toThrow();
  });
});
