// Dose checks (§5) for one treatment row, as record issues with bilingual
// parameters (the checker itself speaks in ids).
import { checkDose, isDoseUnitId, localiseDoseParams, type DoseIssue } from "../doses";
import type { MessageParam } from "../messages";
import { numberOf, stringOf, type BlockRow, type CaseAnswers } from "./answers";
import type { FieldIssue } from "./issues";

function bilingualParams(issue: DoseIssue): Record<string, MessageParam> {
  const fr = localiseDoseParams(issue, "fr");
  const en = localiseDoseParams(issue, "en");
  const out: Record<string, MessageParam> = {};
  for (const [k, v] of Object.entries(fr)) {
    const other = en[k];
    out[k] = typeof v === "string" && typeof other === "string" && v !== other ? { fr: v, en: other } : v;
  }
  return out;
}

const conversionOf = (issue: DoseIssue): string | undefined =>
  "conversion" in issue.params ? String(issue.params.conversion) : undefined;

const REFUSED: ReadonlySet<DoseIssue["key"]> = new Set([
  "dose.aboveHard",
  "dose.belowHard",
  "dose.unitNotAccepted",
  "dose.notPositive",
  "dose.unknownDrug",
]);

/** Issues of a row's dose, or none while drug, value or unit is missing. */
export function doseIssues(row: BlockRow, answers: CaseAnswers): FieldIssue[] {
  const drugId = stringOf(row.values.drug);
  const value = numberOf(row.values.dose_value);
  const unit = stringOf(row.values.dose_unit);
  if (!drugId || value === undefined || !unit || !isDoseUnitId(unit)) return [];
  const weight = answers.fields.weight_kg;
  const height = answers.fields.height_cm;
  const result = checkDose({
    drugId,
    value,
    unit,
    weightKg: weight?.code ?? numberOf(weight),
    heightCm: height?.code ?? numberOf(height),
  });
  // One sentence per kind of issue: a dose above two bounds (mg/day and mg/kg/day) is one
  // refusal, said in the unit it was entered in when a bound is written in it.
  const byKey = new Map<string, DoseIssue>();
  for (const issue of result.issues) {
    const had = byKey.get(issue.key);
    if (!had || (conversionOf(had) !== "none" && conversionOf(issue) === "none")) byKey.set(issue.key, issue);
  }
  // "Other (specify)": the drug is the one typed, not the words "other (specify)".
  const typedDrug = drugId === "other" ? stringOf(row.values.drug_other)?.trim() : undefined;
  return [...byKey.values()].map((issue) => ({
    key: issue.key,
    params: typedDrug ? { ...bilingualParams(issue), drug: typedDrug } : bilingualParams(issue),
    // A dose outside the hard range is refused; anything else is a flag to confirm.
    level: result.level === "hard" && REFUSED.has(issue.key) ? "error" : "warning",
    confirmable: result.level !== "hard" || undefined,
  }));
}
