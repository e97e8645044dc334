import { describe, expect, it } from "vitest";
import { printTranslator } from "@/components/print/print-i18n";
import {
  blankRowCount,
  boxesFitInCell,
  cellText,
  chunkFields,
  conditionText,
  dateFormatText,
  drugPrintRows,
  fieldHints,
  formatNumber,
  printLang,
  rangeText,
  shownIfText,
  valueText,
} from "@/components/print/print-model";
import { blockById, fieldById } from "@/domain/crf/definition";
import type { DateField, FieldDef, NumberField } from "@/domain/crf/types";

const fr = printTranslator("fr");
const en = printTranslator("en");
const field = (id: string): FieldDef => {
  const f = fieldById(id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
};
/** Intl puts narrow no-break spaces in French numbers; compare with plain spaces. */
const plain = (s: string | undefined) => s?.replace(/[\u00a0\u202f]/g, " ").replace(/\u2060/g, "");

describe("printed language", () => {
  it("takes fr or en from the URL, the interface language otherwise", () => {
    expect(printLang("en", "fr")).toBe("en");
    expect(printLang(["fr", "en"], "en")).toBe("fr");
    expect(printLang("de", "en")).toBe("en");
    expect(printLang(undefined, "fr")).toBe("fr");
  });
});

describe("limits and numbers", () => {
  it("writes hard limits in the canonical unit, with the locale's digits", () => {
    const ferritin = field("ferritin") as NumberField;
    expect(plain(rangeText(ferritin.hard, "fr", ferritin.unit?.label))).toBe("0–500 000 µg/L");
    expect(plain(rangeText(ferritin.hard, "en", ferritin.unit?.label))).toBe("0–500,000 µg/L");
    expect(plain(rangeText({ min: 1 }, "fr"))).toBe("≥ 1");
    expect(plain(rangeText({ max: 80 }, "en"))).toBe("≤ 80");
    expect(rangeText({}, "fr")).toBeUndefined();
    expect(formatNumber(1.611, "fr")).toBe("1,611");
  });

  it("lists hard limits, the usual range and whole numbers as hints", () => {
    expect(fieldHints(field("haemoglobin"), "fr", fr).map(plain)).toEqual(["Limites : 1–25 g/dL", "à vérifier hors 4–20 g/dL"]);
    expect(fieldHints(field("mmt8"), "en", en).map(plain)).toEqual(["Limits: 0–80", "whole number"]);
    expect(fieldHints(field("haemophagocytosis_site"), "fr", fr)).toEqual(["plusieurs réponses possibles"]);
  });
});

describe("conditions", () => {
  it("says a showIf as « field » = value, in the printed language", () => {
    expect(shownIfText(field("biopsy_endomysial_infiltrate").showIf, "fr", fr)).toBe("si « Biopsie musculaire réalisée » = Oui");
    expect(shownIfText(field("ana_titre").showIf, "en", en)).toBe("if “Antinuclear antibodies (ANA)” = Positive");
    expect(shownIfText(field("sex").showIf, "fr", fr)).toBeUndefined();
  });

  it("reads a row field's condition in its own row first", () => {
    const lines = blockById("treatment_lines")!;
    const endDate = lines.fields.find((f) => f.id === "end_date")!;
    expect(shownIfText(endDate.showIf, "fr", fr, lines.fields)).toBe("si « En cours » = Non");
  });

  it("joins compound conditions and lists alternatives", () => {
    const c = { all: [{ field: "cancer", equals: "yes" }, { any: [{ field: "ana", in: ["positive", "negative"] }, { field: "haemophagocytosis_site", includes: "spleen" }] }] } as const;
    expect(conditionText(c, "fr", fr)).toBe("« Cancer associé » = Oui et « Anticorps antinucléaires (AAN) » = Positif ou Négatif ou « Site(s) de l'hémophagocytose » comprend Rate");
  });
});

describe("dates", () => {
  it("shows the accepted precisions", () => {
    expect(dateFormatText(field("sam_date") as DateField, fr)).toBe("jj/mm/aaaa");
    expect(dateFormatText(field("dm_onset_date") as DateField, fr)).toBe("jj/mm/aaaa, mm/aaaa ou aaaa");
    expect(dateFormatText(field("last_followup_date") as DateField, en)).toBe("dd/mm/yyyy or mm/yyyy");
  });
});

describe("answers", () => {
  it("prints a converted number as entered, then the canonical value", () => {
    expect(plain(valueText(field("fibrinogen"), { v: 1.2, unit: "mg_dl", entered: 120 }, "fr"))).toBe("120 mg/dL (= 1,2 g/L)");
    expect(plain(valueText(field("ferritin"), { v: 180000, unit: "ug_l" }, "fr"))).toBe("180 000 µg/L");
    expect(valueText(field("dm_diag_date"), { v: "2016-05" }, "en")).toBe("05/2016");
    expect(valueText(field("anti_mda5"), { v: "positive" }, "en")).toBe("Positive");
    expect(valueText(field("ferritin"), { code: "NK" }, "fr")).toBeUndefined();
  });

  it("prints codes as on screen: NR/NF in French, NK/ND in English; NA for hidden", () => {
    expect(cellText(field("ferritin"), { code: "NK" }, "fr", fr)).toBe("NR");
    expect(cellText(field("ferritin"), { code: "ND" }, "en", en)).toBe("ND");
    expect(cellText(field("ferritin"), { code: "NA" }, "fr", fr)).toBe("NA");
    expect(plain(cellText(field("ferritin"), { v: 180000, confirmed: true }, "fr", fr))).toBe("180 000 µg/L ✔");
  });
});

describe("repeating blocks", () => {
  it("splits a wide block into tables that keep a dose with its unit", () => {
    const lines = blockById("treatment_lines")!;
    const chunks = chunkFields(lines.fields, 7);
    expect(chunks.flat().map((f) => f.id)).toEqual(lines.fields.map((f) => f.id));
    expect(chunks.every((c) => c.at(-1)?.type !== "dose")).toBe(true);
    expect(chunkFields(blockById("infections")!.fields, 7)).toHaveLength(1);
  });

  it("prints short options in the cells and long lists in the legend", () => {
    const lines = blockById("treatment_lines")!;
    const byId = (id: string) => lines.fields.find((f) => f.id === id)!;
    expect(boxesFitInCell(byId("route"), "fr")).toBe(true);
    expect(boxesFitInCell(byId("ongoing"), "en")).toBe(true);
    expect(boxesFitInCell(byId("frequency"), "fr")).toBe(false);
    expect(boxesFitInCell(byId("drug"), "fr")).toBe(false);
    expect(blankRowCount(20)).toBe(7);
    expect(blankRowCount(3)).toBe(3);
  });
});

describe("drug appendix", () => {
  it("gives each drug its units, usual range and hard limit", () => {
    const rows = drugPrintRows("fr", fr);
    const mp = rows.find((r) => r.id === "methylprednisolone_iv")!;
    expect(mp.units).toBe("mg/j, mg/kg/j");
    expect(plain(mp.usual)).toBe("250–1 000 mg/j");
    expect(plain(mp.hard)).toBe("≤ 2 000 mg/j ; ≤ 30 mg/kg/j");
    expect(rows.find((r) => r.id === "other")?.usual).toBe("pas de plage de référence");
  });
});
