// Issues carry ids (drug, units) so that they stay language-neutral; this turns
// them into the labels the messages display, for one locale.

import type { DoseIssue } from "./dose-check";
import { findDrug } from "./drugs";
import type { Locale } from "../locale";
import { doseUnitLabel, isDoseUnitId } from "./units";

/** Message params with drug and unit ids replaced by their labels in `locale`. */
export type LocalisedDoseParams = Readonly<Record<string, string | number>>;

function unitLabel(id: string, locale: Locale): string {
  return isDoseUnitId(id) ? doseUnitLabel(id, locale) : id;
}

/** The message key under the "dose" namespace of doseMessages ("dose.aboveHard" → "aboveHard"). */
export function doseMessageKey(issue: DoseIssue): string {
  return issue.key.slice("dose.".length);
}

export function localiseDoseParams(issue: DoseIssue, locale: Locale): LocalisedDoseParams {
  const params: Record<string, string | number> = { ...issue.params };
  params.drug = findDrug(issue.params.drug)?.labels[locale] ?? issue.params.drug;
  params.unit = unitLabel(issue.params.unit, locale);
  if ("limitUnit" in issue.params) params.limitUnit = unitLabel(issue.params.limitUnit, locale);
  if ("accepted" in issue.params) {
    params.accepted = issue.params.accepted
      .split(",")
      .filter((u) => u !== "")
      .map((u) => unitLabel(u, locale))
      .join(", ");
  }
  return Object.freeze(params);
}
