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
import { DOSE_UNITS, DRUGS } from "@/domain/doses";

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
    expect(fieldHints(field("haemoglobin"), "fr", fr).map(plain)).toEqual([
      "Limites : 1–25 g/dL",
      "à vérifier hors 4–20 g/dL",
    ]);
    expect(fieldHints(field("mmt8"), "en", en).map(plain)).toEqual(["Limits: 0–80", "whole number"]);
    expect(fieldHints(field("haemophagocytosis_site"), "fr", fr)).toEqual(["plusieurs réponses possibles"]);
  });
});

describe("conditions", () => {
  it("says a showIf as « field » = value, in the printed language", () => {
    expect(shownIfText(field("biopsy_endomysial_infiltrate").showIf, "fr", fr)).toBe(
      "si « Biopsie musculaire réalisée » = Oui",
    );
    expect(shownIfText(field("ana_titre").showIf, "en", en)).toBe("if “Antinuclear antibodies (ANA)” = Positive");
    expect(shownIfText(field("sex").showIf, "fr", fr)).toBeUndefined();
  });

  it("reads a row field's condition in its own row first", () => {
    const lines = blockById("treatment_lines")!;
    const endDate = lines.fields.find((f) => f.id === "end_date")!;
    expect(shownIfText(endDate.showIf, "fr", fr, lines.fields)).toBe("si « En cours » = Non");
  });

  it("joins compound conditions and lists alternatives", () => {
    const c = {
      all: [
        { field: "cancer", equals: "yes" },
        {
          any: [
            { field: "ana", in: ["positive", "negative"] },
            { field: "haemophagocytosis_site", includes: "spleen" },
          ],
        },
      ],
    } as const;
    expect(conditionText(c, "fr", fr)).toBe(
      "« Cancer associé » = Oui et « Anticorps antinucléaires (AAN) » = Positif ou Négatif ou « Site(s) de l'hémophagocytose » comprend Rate",
    );
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
    expect(plain(valueText(field("fibrinogen"), { v: 1.2, unit: "mg_dl", entered: 120 }, "fr"))).toBe(
      "120 mg/dL (= 1,2 g/L)",
    );
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
  const rowsFr = drugPrintRows("fr", fr);
  const rowsEn = drugPrintRows("en", en);
  const limits = (rows: typeof rowsFr, id: string) =>
    rows.find((r) => r.id === id)!.limits.map((l) => ({ unit: l.unit, usual: plain(l.usual), hard: plain(l.hard) }));

  it("gives each drug its units and, per unit, the usual range and the hard range with its lower limit", () => {
    const mp = rowsFr.find((r) => r.id === "methylprednisolone_iv")!;
    expect(mp.units).toBe("mg/j, mg/kg/j");
    expect(limits(rowsFr, "methylprednisolone_iv")).toEqual([
      { unit: "mg/j", usual: "250–1 000", hard: "2,5–2 000" },
      { unit: "mg/kg/j", usual: "—", hard: "0,05–30" },
    ]);
    expect(limits(rowsEn, "methylprednisolone_iv")).toEqual([
      { unit: "mg/day", usual: "250–1,000", hard: "2.5–2,000" },
      { unit: "mg/kg/day", usual: "—", hard: "0.05–30" },
    ]);
  });

  it("prints the lower hard limit of every drug with ranges, in each accepted unit (the unit-slip check)", () => {
    for (const drug of DRUGS) {
      if (!drug.ranges) continue;
      const rows = drugPrintRows("en", en).find((r) => r.id === drug.id)!.limits;
      for (const unit of drug.units) {
        const row = rows.find((l) => l.unit === DOSE_UNITS[unit].labels.en);
        const min = drug.ranges.hardMin.find((l) => l.length === 1 && l[0].unit === unit);
        expect(row, `${drug.id} ${unit}`).toBeDefined();
        if (min)
          expect(plain(row!.hard), `${drug.id} ${unit}`).toMatch(
            new RegExp(`^(≥ )?${formatNumber(min[0].value, "en").replace(/[.]/g, "\\.")}`),
          );
      }
    }
  });

  it("keeps bounds in their own unit, tightest first, and writes alternatives with their units", () => {
    // Prednisone: its upper limit exists only per kg; the absolute lower one for records without weight.
    expect(limits(rowsFr, "prednisone")).toEqual([
      { unit: "mg/j", usual: "—", hard: "≥ 0,5" },
      { unit: "mg/kg/j", usual: "0,2–1,5", hard: "0,002–5" },
    ]);
    // Rituximab: "375 mg/m² or 1000 mg", either enough.
    expect(limits(rowsFr, "rituximab")).toEqual([
      { unit: "mg/m²/dose", usual: "≤ 375 mg/m²/dose ou 1 000 mg/dose", hard: "≥ 3,75" },
      { unit: "mg/dose", usual: "—", hard: "10–2 000" },
    ]);
    // Hydroxychloroquine: entered in mg/day only, its usual maximum also per kg.
    expect(limits(rowsEn, "hydroxychloroquine")).toEqual([
      { unit: "mg/day", usual: "200–400", hard: "2–800" },
      { unit: "mg/kg/day", usual: "≤ 5", hard: "—" },
    ]);
    expect(rowsFr.find((r) => r.id === "other")).toEqual({
      id: "other",
      label: "Autre (préciser)",
      units: "toute unité",
      limits: [{ unit: "—", usual: "pas de plage de référence", hard: "—" }],
    });
  });
});
