// Dates known to the day, the month or the year (retrospective records):
// "2015-03-12", "2015-03", "2015". Compared as the range of days they may be.
import type { DatePrecision } from "./types";

const PATTERNS: readonly [DatePrecision, RegExp][] = [
  ["day", /^(\d{4})-(\d{2})-(\d{2})$/],
  ["month", /^(\d{4})-(\d{2})$/],
  ["year", /^(\d{4})$/],
];

export interface PartialDate {
  readonly precision: DatePrecision;
  /** First and last possible day, YYYY-MM-DD. */
  readonly earliest: string;
  readonly latest: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parsePartialDate(value: string): PartialDate | undefined {
  for (const [precision, re] of PATTERNS) {
    const m = re.exec(value);
    if (!m) continue;
    const y = Number(m[1]);
    const yyyy = m[1]!;
    if (precision === "year") return { precision, earliest: `${yyyy}-01-01`, latest: `${yyyy}-12-31` };
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return undefined;
    const last = daysInMonth(y, mo);
    if (precision === "month")
      return { precision, earliest: `${yyyy}-${pad(mo)}-01`, latest: `${yyyy}-${pad(mo)}-${pad(last)}` };
    const d = Number(m[3]);
    if (d < 1 || d > last) return undefined;
    return { precision, earliest: value, latest: value };
  }
  return undefined;
}

/** "a is before b" holds for certain / for no possible day / depends on the unknown part. */
export type Certainty = "yes" | "no" | "maybe";

export function isBefore(a: PartialDate, b: PartialDate, orEqual: boolean): Certainty {
  const ok = (x: string, y: string) => (orEqual ? x <= y : x < y);
  if (ok(a.latest, b.earliest)) return "yes";
  if (!ok(a.earliest, b.latest)) return "no";
  return "maybe";
}

/** The day range a partial date shifted by whole years may be (used for "no more than 2 years before"). */
export function shiftYears(d: PartialDate, years: number): PartialDate {
  return { precision: d.precision, earliest: addYears(d.earliest, years), latest: addYears(d.latest, years) };
}

/** Adds whole years to an ISO day (29 February → 28 February when needed). */
export function addYears(isoDay: string, years: number): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const ny = y + years;
  return `${String(ny).padStart(4, "0")}-${pad(m)}-${pad(Math.min(d, daysInMonth(ny, m)))}`;
}
