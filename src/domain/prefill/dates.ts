// Date matcher: « 05/06/2017 », « 5.6.17 », « 2017-06-05 », « 1er mars 2018 »,
// « janvier 2016 », « en 02/2019 », "5 March 2018", "March 5, 2018",
// "May 2014", « en 2016 », each with its precision (day, month, year).
import type { DatePrecision } from "@/domain/crf/types";
import { isIsoDate } from "@/domain/dates";

export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  readonly value: string;
  readonly precision: DatePrecision;
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  janv: 1,
  jan: 1,
  january: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  feb: 2,
  february: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  sept: 9,
  sep: 9,
  september: 9,
  octobre: 10,
  oct: 10,
  october: 10,
  novembre: 11,
  nov: 11,
  november: 11,
  decembre: 12,
  dec: 12,
  december: 12,
};
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const pad = (n: number) => String(n).padStart(2, "0");

function year(raw: string): number {
  const y = Number(raw);
  return raw.length === 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
}

function day(y: number, m: number, d: number): string | undefined {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso) ? iso : undefined;
}

const B = "(?<![0-9a-z])";
const E = "(?![0-9a-z])";
const PATTERNS: readonly {
  re: RegExp;
  make: (m: RegExpExecArray) => [string, DatePrecision] | undefined;
  first?: boolean;
  /** dd/mm/yyyy, read mm/dd/yyyy in a document that writes dates month first. */
  numeric?: boolean;
}[] = [
  // « du 06/02 au 08/02/2019 »: the first day and month of a range take the year of the last
  // (before the pattern below, which would read « 02 au 08/02/2019 »).
  {
    re: new RegExp(`${B}((\\d{1,2})[/.](\\d{1,2})) ?(?:au|-|to|a) ?(?:\\d{1,2})[/.](?:\\d{1,2})[/.](\\d{4})${E}`, "g"),
    make: (m) => dayOf(m[4]!, m[3]!, m[2]!),
    first: true,
  },
  // « du 14 au 16/01/2019 »: the first day of a range (its span is the first number only).
  {
    re: new RegExp(`${B}(\\d{1,2})(?:er)? ?(?:au|-|to|a) ?(?:\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${E}`, "g"),
    make: (m) => dayOf(m[3]!, m[2]!, m[1]!),
    first: true,
  },
  { re: new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`, "g"), make: (m) => dayOf(m[1]!, m[2]!, m[3]!) },
  // Day first (French and British); "05/14/2018" cannot be, so it is read month first (American).
  {
    // One separator throughout: « (12-13/10) » is a range of days, not 13 December 2010.
    re: new RegExp(`${B}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${E}(?![.,]\\d)`, "g"),
    make: (m) => dayOf(m[4]!, m[3]!, m[1]!) ?? dayOf(m[4]!, m[1]!, m[3]!),
    numeric: true,
  },
  {
    re: new RegExp(`${B}(\\d{1,2})(?:er|st|nd|rd|th)? (?:of )?(${MONTH_ALT})\\.?,? (\\d{4})${E}`, "g"),
    make: (m) => dayOf(m[3]!, String(MONTHS[m[2]!]), m[1]!),
  },
  {
    re: new RegExp(`${B}(${MONTH_ALT})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})${E}`, "g"),
    make: (m) => dayOf(m[3]!, String(MONTHS[m[1]!]), m[2]!),
  },
  { re: new RegExp(`${B}(${MONTH_ALT})\\.?,? (\\d{4})${E}`, "g"), make: (m) => monthOf(m[2]!, MONTHS[m[1]!]!) },
  { re: new RegExp(`${B}(\\d{1,2})[/.-](\\d{4})${E}(?![.,]\\d)`, "g"), make: (m) => monthOf(m[2]!, Number(m[1])) },
  { re: new RegExp(`${B}(\\d{4})[/-](\\d{2})${E}(?![/-]\\d)`, "g"), make: (m) => monthOf(m[1]!, Number(m[2])) },
  {
    // A bare year only where it reads as a date: « en 2016 », "in 2016", « depuis 2015 », « (2014) ».
    re: new RegExp(
      `(?<=(?:${B}(?:en|in|depuis|since|des|from|diagnosed|diagnostiquee?|dx|annee|year|de|of|au|debut|fin|early|late|mid|courant|printemps|ete|automne|hiver|spring|summer|autumn|winter)|\\()\\s?)((?:19|20)\\d{2})${E}(?![.,]\\d|\\s?(?:mg|g|ui|u|µ|/))`,
      "g",
    ),
    make: (m) => (Number(m[1]) >= 1900 ? [m[1]!, "year"] : undefined),
  },
];

function dayOf(y: string, m: string, d: string): [string, DatePrecision] | undefined {
  const v = day(year(y), Number(m), Number(d));
  return v ? [v, "day"] : undefined;
}

function monthOf(y: string, m: number): [string, DatePrecision] | undefined {
  const yy = year(y);
  return m >= 1 && m <= 12 && yy >= 1900 ? [`${yy}-${pad(m)}`, "month"] : undefined;
}

/** Day first unless the document itself writes month first ("3/20/2019" somewhere, no "20/3/2019"). */
function monthFirst(folded: string): boolean {
  let us = 0;
  let eu = 0;
  for (const m of folded.matchAll(/(?<![0-9])(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![0-9])/g)) {
    if (Number(m[1]) > 12) eu++;
    else if (Number(m[3]) > 12) us++;
  }
  return us > eu;
}

/** Every date in folded text, earliest pattern wins on overlaps (full dates before partial ones). */
export function findDates(folded: string): DateMention[] {
  const found: DateMention[] = [];
  const us = monthFirst(folded);
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(folded); m; m = p.re.exec(folded)) {
      const start = m.index + m[0].length - m[0].trimStart().length;
      const end = p.first ? start + m[1]!.length : m.index + m[0].length;
      if (taken(start, end)) continue;
      const made = us && p.numeric ? dayOf(m[4]!, m[1]!, m[3]!) : p.make(m);
      if (made) found.push({ start, end, value: made[0], precision: made[1] });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return withYearless(folded, found);
}

/**
 * « dès le 12/10 », « MP 1 g/j x3 (11-13/10) »: a day and month without a year, after a date cue or as a
 * range of days, take the year of the last full date before them (a note dated once, then day by day).
 * Only after a cue: « 4/8 critères » or « 2/3 » are not dates.
 */
const YEARLESS = new RegExp(
  `(?:${B}(?:le|du|au|des le|depuis le|jusqu'au|on|from|until)\\s|\\()(\\d{1,2})(?:\\s?(?:-|au|a)\\s?(\\d{1,2}))?[/.](\\d{1,2})(?![/.]?\\d)`,
  "g",
);

/** "from 4 March", « le 12 octobre »: the same, with the month's name. */
const YEARLESS_NAMED = new RegExp(
  `${B}(?:le|du|au|des le|on|from|until)\\s(\\d{1,2})(?:er|st|nd|rd|th)? (?:of )?(${MONTH_ALT})${E}(?!\\.?,? ?\\d)`,
  "g",
);

function withYearless(folded: string, found: DateMention[]): DateMention[] {
  const full = found.filter((d) => d.precision !== "year");
  if (!full.length) return found;
  const extra: DateMention[] = [];
  // Groups: first day, last day of a range (numeric only), month.
  const all = [
    ...[...folded.matchAll(YEARLESS)].map((m) => ({ m, range: m[2], month: Number(m[3]) })),
    ...[...folded.matchAll(YEARLESS_NAMED)].map((m) => ({ m, range: undefined, month: MONTHS[m[2]!]! })),
  ];
  for (const { m, range, month } of all) {
    const start = m.index + m[0].search(/\d/);
    const end = m.index + m[0].length;
    if ([...found, ...extra].some((f) => start < f.end && end > f.start)) continue;
    const last = full.filter((d) => d.end <= start).at(-1);
    const y = Number(last?.value.slice(0, 4));
    const made = last ? day(y, month, Number(m[1])) : undefined;
    if (!made) continue;
    // « (11-13/10) »: the first day spans its number, the last day the rest (read as a range end).
    const lastDay = range ? day(y, month, Number(range)) : undefined;
    const cut = range ? start + m[1]!.length : end;
    extra.push({ start, end: cut, value: made, precision: "day" });
    if (lastDay)
      extra.push({
        start: m.index + m[0].lastIndexOf(range!, m[0].search(/[/.]/)),
        end,
        value: lastDay,
        precision: "day",
      });
  }
  return extra.length ? [...found, ...extra].sort((a, b) => a.start - b.start) : found;
}

/** Days between two ISO values (partial dates compared by their first day). */
export function daysBetween(a: string, b: string): number {
  const norm = (v: string) => (v.length === 4 ? `${v}-07-01` : v.length === 7 ? `${v}-15` : v);
  return Math.round((Date.parse(norm(a)) - Date.parse(norm(b))) / 86_400_000);
}

/** Reduces a date to the finest precision a field accepts (sam_date wants a day; a death date a month). */
export function fitPrecision(d: DateMention, accepted: readonly DatePrecision[]): string | undefined {
  if (accepted.includes(d.precision)) return d.value;
  if (d.precision === "day" && accepted.includes("month")) return d.value.slice(0, 7);
  if (d.precision !== "year" && accepted.includes("year")) return d.value.slice(0, 4);
  return undefined;
}

interface SentenceSpan {
  readonly start: number;
  readonly end: number;
  readonly paragraph: number;
}

/**
 * Dates of each sentence, and the last date of the earlier sentences of its paragraph (the date a lab
 * table or a "Bilan du 12/03 :" heading gives to what follows). One pass; sentences and dates are in order.
 */
export function dateIndex(sentences: readonly SentenceSpan[], dates: readonly DateMention[]) {
  const own = new Map<SentenceSpan, DateMention[]>();
  const previous = new Map<SentenceSpan, DateMention | undefined>();
  // A heading's date (« Bilan du 12/03/2018 : », "INVESTIGATIONS (3 May 2017)") carries over the short lines
  // under it; a long narrative sentence stops it.
  const heading = new Map<SentenceSpan, DateMention | undefined>();
  let carried: DateMention | undefined;
  let k = 0;
  let para = -1;
  let last: DateMention | undefined;
  for (const s of sentences) {
    if (s.paragraph !== para) {
      para = s.paragraph;
      last = undefined;
      // A blank line ends what a dated heading covers (the next paragraph may be another section).
      carried = undefined;
    }
    previous.set(s, last);
    heading.set(s, carried);
    while (k < dates.length && dates[k]!.start < s.start) k++;
    const list: DateMention[] = [];
    for (let j = k; j < dates.length && dates[j]!.start < s.end; j++) if (dates[j]!.end <= s.end) list.push(dates[j]!);
    own.set(s, list);
    // The latest date so far is where the narrative stands (« suivie depuis 2018 » does not take it back).
    for (const d of list) if (!last || d.value > last.value) last = d;
    const short = s.end - s.start <= 100;
    if (list.length) carried = short ? list[list.length - 1] : undefined;
    else if (!short) carried = undefined;
  }
  return {
    of: (s: SentenceSpan) => own.get(s) ?? [],
    /** Latest date earlier in the paragraph (when a treatment sentence happened). */
    before: (s: SentenceSpan) => previous.get(s),
    /** Date of the heading a value sits under, if any. */
    heading: (s: SentenceSpan) => heading.get(s),
  };
}

export type DateIndex = ReturnType<typeof dateIndex>;
