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

const REFUSED: ReadonlySet<DoseIssue["key"]> = new Set(["dose.aboveHard", "dose.belowHard", "dose.unitNotAccepted", "dose.notPositive", "dose.unknownDrug"]);

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
  return result.issues.map((issue) => ({
    key: issue.key,
    params: bilingualParams(issue),
    // A dose outside the hard range is refused; anything else is a flag to confirm.
    level: result.level === "hard" && REFUSED.has(issue.key) ? "error" : "warning",
    confirmable: result.level !== "hard" || undefined,
  }));
}
