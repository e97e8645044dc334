// The panel's items: grouped by CRF section in form order, numbers kept as written with their unit (so the
// form stores them like typed values), block rows as whole new rows.
import { describe, expect, it } from "vitest";
import { prefillItems } from "@/components/crf/prefill/proposals";
import { extract } from "@/domain/prefill/extract";

describe("pre-fill panel items", () => {
  const items = prefillItems(
    extract("Sexe : F. Triglycérides 2,1 g/L. Splénomégalie. SAM le 14/03/2018 traité par Kineret 100 mg/j SC."),
    "fr",
  );

  it("orders items by the form's sections", () => {
    expect(items.map((i) => i.section)).toEqual(["identification", "identification", "mas", "mas", "treatment"]);
  });

  it("keeps a converted lab value as entered, with its unit", () => {
    const tg = items.find((i) => i.key === "f:triglycerides")!;
    expect(tg.target).toMatchObject({ kind: "field", answer: { v: 2.3709, unit: "g_l", entered: 2.1 } });
    expect(tg.shown).toBe("2,1 g/L");
    expect(tg.note).toBe("→ 2,3709 mmol/L");
  });

  it("proposes a treatment as one new row", () => {
    const row = items.find((i) => i.key === "b:treatment_lines:0")!;
    expect(row.target).toMatchObject({
      kind: "row",
      values: { drug: { v: "anakinra" }, dose_value: { v: 100 }, dose_unit: { v: "mg_day" }, route: { v: "sc" } },
    });
  });
});
