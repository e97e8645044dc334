// Counting answers over cases: how many took each option of a choice field,
// how many carry a missing-data code, how many were left empty; binned
// distributions; months. Pure and incremental (add one case at a time), so
// that any number of cases can be summarised in constant memory.
import type { FieldAnswer } from "../crf/answers";

/** One choice field's answers over cases. */
export interface ChoiceCounts {
  /** Cases per option value, in the definition's order. */
  readonly options: Readonly<Record<string, number>>;
  /** Not known (in the records). */
  readonly NK: number;
  /** Not done. */
  readonly ND: number;
  /** Not applicable: the form hid the field. */
  readonly NA: number;
  /** No answer yet (drafts), or a value outside the options (older definitions). */
  readonly unanswered: number;
  /** Every case counted: the options, the codes and the unanswered add up to it. */
  readonly total: number;
}

export type MutableChoiceCounts = {
  options: Record<string, number>;
  NK: number;
  ND: number;
  NA: number;
  unanswered: number;
  total: number;
};

export function emptyChoiceCounts(optionValues: readonly string[]): MutableChoiceCounts {
  return { options: Object.fromEntries(optionValues.map((v) => [v, 0])), NK: 0, ND: 0, NA: 0, unanswered: 0, total: 0 };
}

/** Counts one case's answer to a single-choice (or yes/no) field. */
export function countChoice(counts: MutableChoiceCounts, answer: FieldAnswer | undefined): void {
  counts.total += 1;
  if (answer?.code === "NK" || answer?.code === "ND" || answer?.code === "NA") {
    counts[answer.code] += 1;
    return;
  }
  const v = answer?.v;
  if (typeof v === "string" && Object.hasOwn(counts.options, v)) counts.options[v]! += 1;
  else counts.unanswered += 1;
}

/** Cases with no usable value: NK, ND and unanswered (NA, not applicable, is apart). */
export function missingOf(c: ChoiceCounts): number {
  return c.NK + c.ND + c.unanswered;
}

/** Cases with one of the options. */
export function knownOf(c: ChoiceCounts): number {
  return Object.values(c.options).reduce((a, b) => a + b, 0);
}

/** A share in percent, or null when the denominator is 0 (shown as "—", never as 0 %). */
export function percentOf(count: number, of: number): number | null {
  return of > 0 ? (100 * count) / of : null;
}

/** Fixed-width bins over [0, upper): a value v falls in bin ⌊v / width⌋; values ≥ upper go to the last bin. */
export interface Bins {
  readonly width: number;
  /** Lower bound of each bin (0, width, 2·width…). */
  readonly from: readonly number[];
  readonly counts: readonly number[];
}

export type MutableBins = { width: number; from: number[]; counts: number[] };

export function emptyBins(width: number, upper: number): MutableBins {
  const n = Math.ceil(upper / width);
  return { width, from: Array.from({ length: n }, (_, i) => i * width), counts: Array.from({ length: n }, () => 0) };
}

export function addToBins(bins: MutableBins, value: number): void {
  if (!Number.isFinite(value) || value < 0) return;
  const i = Math.min(bins.counts.length - 1, Math.floor(value / bins.width));
  bins.counts[i]! += 1;
}

/** Counts per key, kept in a Map (insertion order) and returned sorted. */
export class Counter<K extends string | number> {
  private readonly map = new Map<K, number>();

  add(key: K, by = 1): void {
    this.map.set(key, (this.map.get(key) ?? 0) + by);
  }

  get(key: K): number {
    return this.map.get(key) ?? 0;
  }

  entries(): [K, number][] {
    return [...this.map.entries()];
  }
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** Every month from `first` to `last` (YYYY-MM), both included. */
export function monthRange(first: string, last: string): string[] {
  const a = MONTH.exec(first);
  const b = MONTH.exec(last);
  if (!a || !b) return [];
  const out: string[] = [];
  let y = Number(a[1]);
  let m = Number(a[2]);
  const endY = Number(b[1]);
  const endM = Number(b[2]);
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export interface MonthCount {
  /** YYYY-MM */
  readonly month: string;
  readonly count: number;
}

/** Counts per month as a continuous series (months without cases are 0), oldest first. */
export function monthSeries(counter: Counter<string>): MonthCount[] {
  const months = counter
    .entries()
    .map(([m]) => m)
    .sort();
  if (months.length === 0) return [];
  return monthRange(months[0]!, months[months.length - 1]!).map((month) => ({ month, count: counter.get(month) }));
}

/** The calendar month (YYYY-MM) of an instant in a time zone (the study's: Europe/Paris). */
export function monthFormatter(timeZone = "Europe/Paris"): (instant: Date) => string {
  // en-CA writes YYYY-MM-DD; one formatter for every call.
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (instant) => format.format(instant).slice(0, 7);
}

export interface YearOfMonths {
  readonly year: string;
  /** January … December. */
  readonly months: readonly number[];
  readonly total: number;
}

/** A monthly series as a year × month grid (the accessible table under a monthly chart). */
export function byYearAndMonth(series: readonly MonthCount[]): {
  years: YearOfMonths[];
  monthTotals: number[];
  total: number;
} {
  const years = new Map<string, number[]>();
  for (const { month, count } of series) {
    const year = month.slice(0, 4);
    const row = years.get(year) ?? Array.from({ length: 12 }, () => 0);
    row[Number(month.slice(5, 7)) - 1]! += count;
    years.set(year, row);
  }
  const monthTotals = Array.from({ length: 12 }, () => 0);
  const out = [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, months]) => {
      months.forEach((n, i) => {
        monthTotals[i]! += n;
      });
      return { year, months, total: months.reduce((a, b) => a + b, 0) };
    });
  return { years: out, monthTotals, total: monthTotals.reduce((a, b) => a + b, 0) };
}

/** A month × category table (inclusions per month and centre): months continuous, oldest first. */
export interface MonthByCategory {
  /** YYYY-MM, every month from the first to the last with a count. */
  readonly months: readonly string[];
  /** Categories with at least one count, in the order asked for (others after, sorted). */
  readonly categories: readonly string[];
  /** counts[month][category], in the orders above. */
  readonly counts: readonly (readonly number[])[];
  readonly monthTotals: readonly number[];
  readonly categoryTotals: readonly number[];
  readonly total: number;
}

/** Counts per (month, category), one at a time, as a MonthByCategory. */
export class MonthByCategoryCounter {
  private readonly byMonth = new Map<string, Map<string, number>>();

  add(month: string, category: string, by = 1): void {
    if (!MONTH.test(month)) return;
    let row = this.byMonth.get(month);
    if (!row) this.byMonth.set(month, (row = new Map()));
    row.set(category, (row.get(category) ?? 0) + by);
  }

  result(order: readonly string[] = []): MonthByCategory {
    const seen = new Set<string>();
    for (const row of this.byMonth.values()) for (const [c, n] of row) if (n > 0) seen.add(c);
    const categories = [...order.filter((c) => seen.has(c)), ...[...seen].filter((c) => !order.includes(c)).sort()];
    const sorted = [...this.byMonth.keys()].sort();
    const months = sorted.length ? monthRange(sorted[0]!, sorted[sorted.length - 1]!) : [];
    const counts = months.map((m) => categories.map((c) => this.byMonth.get(m)?.get(c) ?? 0));
    const monthTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
    const categoryTotals = categories.map((_, i) => counts.reduce((a, row) => a + row[i]!, 0));
    return { months, categories, counts, monthTotals, categoryTotals, total: monthTotals.reduce((a, b) => a + b, 0) };
  }
}
