// Reading the form for a save (src/components/crf/form-patch.ts): which change a form event names,
// and the patch of what is pending — a value the rules refuse stays in the form with its message.
import { describe, expect, it } from "vitest";
import type { UseFormReturn } from "react-hook-form";
import type { CaseAnswers } from "@/domain/crf/answers";
import { toFormValues, type FormValues } from "@/components/crf/form-model";
import { buildPatch, changeOf, guardPatch, unsentOf } from "@/components/crf/form-patch";
import { startSession } from "@/components/crf/save-session";

const STORED: CaseAnswers = { fields: { ferritin: { v: 12000 } }, blocks: {} };

function fakeForm(values: FormValues) {
  const errors: Record<string, string | undefined> = {};
  const form = {
    getValues: () => values,
    setError: (name: string, e: { message?: string }) => void (errors[name] = e.message),
  } as unknown as UseFormReturn<FormValues>;
  return { form, errors };
}

describe("changeOf", () => {
  const values = toFormValues(STORED);
  values.b.treatment_lines = [{ rowId: "r1", values: {} }];
  const { form } = fakeForm(values);
  it("names the pending key and the record path of a change", () => {
    expect(changeOf(form, "f.ferritin.value")).toEqual({ key: "f.ferritin", path: "ferritin" });
    expect(changeOf(form, "f.ferritin")).toEqual({ key: "f.ferritin", path: "ferritin" });
    expect(changeOf(form, "b.treatment_lines.0.values.drug.value")).toEqual({
      key: "b.treatment_lines",
      path: "treatment_lines.r1.drug",
    });
  });
  it("a row added or removed is a change of its block without a field path", () => {
    expect(changeOf(form, "b.treatment_lines")).toEqual({ key: "b.treatment_lines", path: undefined });
    expect(changeOf(form, "b.treatment_lines.0.rowId")).toEqual({ key: "b.treatment_lines", path: undefined });
    expect(changeOf(form, "b.treatment_lines.7.values.drug")).toEqual({ key: "b.treatment_lines", path: undefined });
  });
  it("anything else is no answer", () => {
    for (const name of ["root.server", "f", "b", "x.ferritin", ""]) expect(changeOf(form, name)).toBeNull();
  });
});

describe("buildPatch", () => {
  it("sends a pending field with the stored answer it replaces", () => {
    const values = toFormValues(STORED);
    values.f.ferritin = { ...values.f.ferritin!, value: "13000" };
    const { form } = fakeForm(values);
    const s = { ...startSession(STORED, 7), pending: new Set(["f.ferritin", "f.not_a_field"]) };
    const built = buildPatch(form, s, "2026-12-06", (m) => m.key, "typo");
    expect(built.sent).toEqual(["f.ferritin"]);
    expect(built.invalid).toBe(false);
    expect(built.patch).toMatchObject({ baseVersion: 7, reason: "typo" });
    expect(built.patch.fields.ferritin).toMatchObject({ from: { v: 12000 }, to: { v: 13000 } });
  });

  it("a value the rules refuse is held back, with its message under the field", () => {
    const values = toFormValues(STORED);
    values.f.ferritin = { ...values.f.ferritin!, value: "900000" };
    const { form, errors } = fakeForm(values);
    const s = { ...startSession(STORED, 7), pending: new Set(["f.ferritin"]) };
    const built = buildPatch(form, s, "2026-12-06", (m) => m.key);
    expect(built.sent).toEqual([]);
    expect(built.invalid).toBe(true);
    expect(errors["f.ferritin.value"]).toBeTruthy();
  });

  it("the server's schema, when loaded, holds back what it refuses and keeps the rest", () => {
    const values = toFormValues(STORED);
    const { form, errors } = fakeForm(values);
    const s = { ...startSession(STORED, 7), pending: new Set(["f.ferritin", "f.weight_kg"]) };
    const built = buildPatch(form, s, "2026-12-06", (m) => m.key);
    const check = () => ({
      patch: { ...built.patch, fields: {} },
      withheld: new Set(["ferritin"]),
      errors: { ferritin: [{ key: "schema" }] },
    });
    const guarded = guardPatch(
      form,
      check,
      { ...built, sent: ["f.ferritin", "f.weight_kg"] },
      "2026-12-06",
      (m) => m.key,
    );
    expect(guarded.sent).toEqual(["f.weight_kg"]);
    expect(guarded.invalid).toBe(true);
    expect(errors["f.ferritin.value"]).toBe("schema");
    expect(guardPatch(form, null, built, "2026-12-06", (m) => m.key)).toBe(built);
  });
});

describe("unsentOf", () => {
  it("keeps each pending key with the answer it was typed over and its state as shown", () => {
    const values = toFormValues(STORED);
    const { form } = fakeForm(values);
    const s = { ...startSession(STORED, 1), pending: new Set(["f.ferritin", "b.treatment_lines"]) };
    const kept = unsentOf(form, s);
    expect(kept["f.ferritin"]).toEqual({ from: { v: 12000 }, state: values.f.ferritin });
    expect(kept["b.treatment_lines"]).toEqual({ from: [], state: [] });
  });
});
