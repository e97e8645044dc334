// One case's survival observation for the Kaplan–Meier curve: time from the
// MAS diagnosis (sam_date) to death (event) or to the last follow-up
// (censored), in days.
//
// Dates known to the month only (last follow-up and death may be: spec §6)
// are placed in the middle of the month, the 15th. When the MAS diagnosis
// falls in that same month after the 1st, the possible days are only those
// from the diagnosis to the end of the month (both dates are ≥ sam_date by
// §8), and the middle of that interval is used instead. A date known only to
// the year is too imprecise for a survival time: the case is excluded and
// counted. Missing or contradictory data exclude the case too, each reason
// counted, never guessed.
import { stringOf, type CaseAnswers } from "../crf/answers";
import { parsePartialDate } from "../crf/partial-dates";
import type { SurvivalObservation } from "./kaplan-meier";

export const SURVIVAL_EXCLUSIONS = [
  /** No usable MAS diagnosis date. */
  "no_start_date",
  /** Death not answered, or NK / ND. */
  "vital_status_unknown",
  /** Neither a date of death nor a last follow-up date. */
  "no_end_date",
  /** A date known only to the year. */
  "imprecise_date",
  /** Death or last follow-up before the MAS diagnosis. */
  "end_before_start",
] as const;
export type SurvivalExclusion = (typeof SURVIVAL_EXCLUSIONS)[number];

export type SurvivalDatum =
  | { readonly kind: "observation"; readonly observation: SurvivalObservation; readonly imputed: boolean }
  | { readonly kind: "excluded"; readonly reason: SurvivalExclusion };

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A date as a day number; month precision → the middle of the possible days not before `notBefore`. */
function resolveDate(
  value: string | undefined,
  notBefore?: number,
): { day: number; imputed: boolean } | SurvivalExclusion | undefined {
  if (value === undefined) return undefined;
  const d = parsePartialDate(value);
  if (!d) return undefined;
  if (d.precision === "day") return { day: dayNumber(d.earliest), imputed: false };
  if (d.precision === "year") return "imprecise_date";
  const first = dayNumber(d.earliest);
  const last = dayNumber(d.latest);
  const from = notBefore !== undefined ? Math.max(first, notBefore) : first;
  if (from > last) return "end_before_start";
  const day = from === first ? first + 14 : from + Math.floor((last - from) / 2);
  return { day, imputed: true };
}

export function survivalDatum(answers: CaseAnswers): SurvivalDatum {
  const f = answers.fields;
  const start = resolveDate(stringOf(f.sam_date));
  if (start === undefined) return { kind: "excluded", reason: "no_start_date" };
  if (typeof start === "string") return { kind: "excluded", reason: start };

  const death = stringOf(f.death);
  if (death !== "yes" && death !== "no") return { kind: "excluded", reason: "vital_status_unknown" };
  const event = death === "yes";
  // The date of death is the last follow-up (spec §6): either will do for a death.
  const endValue = event ? (stringOf(f.death_date) ?? stringOf(f.last_followup_date)) : stringOf(f.last_followup_date);
  const end = resolveDate(endValue, start.day);
  if (end === undefined) return { kind: "excluded", reason: "no_end_date" };
  if (typeof end === "string") return { kind: "excluded", reason: end };
  const time = end.day - start.day;
  if (time < 0) return { kind: "excluded", reason: "end_before_start" };
  return { kind: "observation", observation: { time, event }, imputed: start.imputed || end.imputed };
}

/** For tests and documentation: the day a partial date is placed on. */
export function imputedDay(value: string, notBefore?: string): string | null {
  const r = resolveDate(value, notBefore === undefined ? undefined : dayNumber(notBefore));
  return r && typeof r === "object" ? isoOfDay(r.day) : null;
}
