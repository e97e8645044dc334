import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  DOSE_ISSUE_KEYS,
  checkDose,
  doseMessageKey,
  doseMessages,
  localiseDoseParams,
  type DoseIssue,
} from "@/domain/doses";
import { LOCALES, type Locale } from "@/domain/locale";

function translate(locale: Locale, issue: DoseIssue): string {
  const errors: string[] = [];
  const t = createTranslator({
    locale,
    messages: doseMessages[locale],
    namespace: "dose",
    onError: (e) => errors.push(e.message),
  });
  const text = t(doseMessageKey(issue) as "aboveHard", localiseDoseParams(issue, locale) as never);
  expect(errors, `${locale} ${issue.key}`).toEqual([]);
  return text;
}

/** Inputs that make the checker emit every issue key and every select variant. */
const SAMPLES = [
  { drugId: "methylprednisolone_iv", value: 500000, unit: "mg_day", weightKg: 70 }, // aboveHard none + exact
  { drugId: "dexamethasone", value: 10000, unit: "mg_day" }, // aboveHard atLeast
  { drugId: "prednisone", value: 200, unit: "mg_day", weightKg: 70 }, // aboveUsual exact
  { drugId: "methylprednisolone_iv", value: 0.5, unit: "mg_kg_day" }, // belowUsual atMost
  { drugId: "mycophenolate_mofetil", value: 0.002, unit: "g_day" }, // belowHard none
  { drugId: "prednisone", value: 0.001, unit: "mg_kg_day", weightKg: 70 }, // belowHard exact
  { drugId: "ivig", value: 0.5, unit: "g_kg_course" }, // belowUsual none
  { drugId: "tacrolimus", value: 5, unit: "mg_day" }, // unitNotAccepted
  { drugId: "prednisone", value: 50, unit: "mg_day" }, // cannotCheck weight
  { drugId: "dexamethasone", value: 15, unit: "mg_day", weightKg: 70 }, // cannotCheck height
  { drugId: "dexamethasone", value: 15, unit: "mg_day" }, // cannotCheck weight_height
  { drugId: "other", value: -1, unit: "mg_day" }, // notPositive
  { drugId: "alemtuzumab", value: 30, unit: "mg_dose" }, // noReference
  { drugId: "dermocorticoid", value: 1, unit: "mg_day" }, // unknownDrug
] as const;

const ISSUES: DoseIssue[] = SAMPLES.flatMap((s) => checkDose(s).issues);

describe("dose messages", () => {
  it("has the same keys in French and English", () => {
    expect(Object.keys(doseMessages.fr)).toEqual(Object.keys(doseMessages.en));
    expect(Object.keys(doseMessages.fr.dose).sort()).toEqual(Object.keys(doseMessages.en.dose).sort());
  });

  it("has a message for every key the checker can emit, and no other", () => {
    const keys = DOSE_ISSUE_KEYS.map((k) => k.replace(/^dose\./, "")).sort();
    expect(Object.keys(doseMessages.fr.dose).sort()).toEqual(keys);
  });

  it("the samples exercise every key and every variant", () => {
    expect(new Set(ISSUES.map((i) => i.key))).toEqual(new Set(DOSE_ISSUE_KEYS));
    const conversions = new Set(ISSUES.flatMap((i) => ("conversion" in i.params ? [i.params.conversion] : [])));
    expect(conversions).toEqual(new Set(["none", "exact", "atLeast", "atMost"]));
    const missing = new Set(ISSUES.flatMap((i) => (i.key === "dose.cannotCheck" ? [i.params.missing] : [])));
    expect(missing).toEqual(new Set(["weight", "height", "weight_height"]));
  });

  it.each(LOCALES)("formats every emitted issue in %s without leftovers or raw ids", (locale) => {
    for (const issue of ISSUES) {
      const text = translate(locale, issue);
      expect(text).not.toMatch(/[{}]/);
      expect(text).not.toMatch(/\b(mg_day|mg_kg_day|mg_m2_day|g_kg_course|methylprednisolone_iv)\b/);
      expect(text.length).toBeGreaterThan(20);
    }
  });

  it("names the drug, the value, the unit and the limit (French first)", () => {
    const [issue] = checkDose({ drugId: "methylprednisolone_iv", value: 5000, unit: "mg_day" }).issues;
    if (!issue) throw new Error("no issue");
    expect(translate("fr", issue)).toBe(
      "Dose refusée pour Méthylprednisolone (bolus IV) : 5\u202f000 mg/j dépasse la limite de 2\u202f000 mg/j. Vérifiez l'unité (mg / µg, par kg, par m²).",
    );
    expect(translate("en", issue)).toBe(
      "Dose refused for Methylprednisolone (IV pulse): 5,000 mg/day exceeds the limit of 2,000 mg/day. Check the unit (mg / µg, per kg, per m²).",
    );
  });

  it("names the drug, the value, the unit and the lower limit of a dose refused as too low", () => {
    const [issue] = checkDose({ drugId: "mycophenolate_mofetil", value: 0.002, unit: "g_day" }).issues;
    if (!issue) throw new Error("no issue");
    expect(translate("fr", issue)).toBe(
      "Dose refusée pour Mycophénolate mofétil : 0,002 g/j est inférieure à la limite de 0,01 g/j. Vérifiez l'unité (g / mg, mg / µg, par kg, par m²).",
    );
    expect(translate("en", issue)).toBe(
      "Dose refused for Mycophenolate mofetil: 0.002 g/day is below the limit of 0.01 g/day. Check the unit (g / mg, mg / µg, per kg, per m²).",
    );
    const converted = checkDose({ drugId: "methylprednisolone_iv", value: 0.001, unit: "mg_kg_day" }).issues.find(
      (i) => i.key === "dose.belowHard" && i.params.limitUnit === "mg_day",
    );
    if (!converted) throw new Error("no converted issue");
    expect(translate("fr", converted)).toContain(
      "0,001 mg/kg/j (soit au plus 0,35 mg/j pour tout poids et toute taille admissibles) est inférieure à la limite de 2,5 mg/j",
    );
    expect(translate("en", converted)).toContain(
      "0.001 mg/kg/day (at most 0.35 mg/day for any admissible weight and height) is below the limit of 2.5 mg/day",
    );
  });

  it("shows the converted dose when the limit is in another basis", () => {
    const issue = checkDose({ drugId: "hydroxychloroquine", value: 400, unit: "mg_day", weightKg: 60 }).issues[0];
    if (!issue) throw new Error("no issue");
    expect(translate("fr", issue)).toContain(
      "400 mg/j (soit 6,667 mg/kg/j) dépasse la dose usuelle maximale de 5 mg/kg/j",
    );
    expect(translate("en", issue)).toContain(
      "400 mg/day (i.e. 6.667 mg/kg/day) exceeds the usual maximum of 5 mg/kg/day",
    );
  });

  it("localises the accepted units", () => {
    const issue = checkDose({ drugId: "prednisone", value: 5, unit: "mg_week" }).issues[0];
    if (!issue) throw new Error("no issue");
    expect(localiseDoseParams(issue, "fr")).toMatchObject({
      drug: "Prednisone / prednisolone",
      unit: "mg/sem",
      accepted: "mg/j, mg/kg/j",
    });
    expect(translate("en", issue)).toBe(
      "Unit refused for Prednisone / prednisolone: “mg/week” is not accepted. Accepted units: mg/day, mg/kg/day.",
    );
  });
});
