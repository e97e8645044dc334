// The study's calendar (protocol: six months of collection, a reminder at
// mid-term that also states the closing date). Pure functions on ISO dates
// (YYYY-MM-DD), no time zone: "today" is given by the caller (todayIso, in
// France).
//
// Conventions, used everywhere (home line, settings page, enforcement, reminders):
// - the opening date is day 1 of collection;
// - the closing date is the LAST day of collection (entries accepted all day);
// - the grace period is the `graceDays` days after the closing date, during which
//   centres may still create and edit; its last day is closing + graceDays;
// - "entry open for centres" = today ≤ closing + graceDays. Before the opening
//   date entry is not refused either (only the upper bound is enforced).
// Answers to open queries are always allowed, whatever the calendar says.

export const DEFAULT_CLOSING_MONTHS = 6;
export const DEFAULT_REMINDER_MONTHS = 3;
/** "Closing soon" during the last this-many days of collection (closing day included). */
export const CLOSING_SOON_DAYS = 14;
export const MAX_GRACE_DAYS = 365;

/** The dates as stored (StudySettings): closing and reminder may be left to their defaults. */
export interface StudyDates {
  readonly openingDate: string | null;
  readonly closingDate: string | null;
  readonly reminderDate: string | null;
  readonly graceDays: number;
}

/** The calendar with its defaults applied. */
export interface StudyCalendar {
  readonly opening: string;
  /** Last day of collection. */
  readonly closing: string;
  readonly reminder: string;
  readonly graceDays: number;
  /** Last day centres may enter data: closing + graceDays. */
  readonly graceEnd: string;
  /** Days of collection, opening and closing days included. */
  readonly totalDays: number;
  /** Which dates were left to their defaults. */
  readonly defaults: { readonly closing: boolean; readonly reminder: boolean };
}

export type StudyPhase =
  | { readonly phase: "unset" }
  | {
      readonly phase: "not_opened";
      readonly opening: string;
      readonly closing: string;
      readonly daysUntil: number;
      readonly totalDays: number;
    }
  | {
      readonly phase: "open" | "closing_soon";
      readonly day: number;
      readonly totalDays: number;
      readonly closing: string;
      readonly daysLeft: number;
    }
  | { readonly phase: "grace"; readonly closing: string; readonly graceEnd: string; readonly daysLeft: number }
  | { readonly phase: "closed"; readonly closing: string; readonly graceEnd: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(iso: string): [number, number, number] {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMs(iso: string): number {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d);
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Same day n months later; a day the month lacks becomes its last day (31 Aug + 6 months = 28 or 29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month1));
  return `${String(year).padStart(4, "0")}-${String(month1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addDays(iso: string, days: number): string {
  return toIso(utcMs(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

export function defaultClosingDate(opening: string): string {
  return addMonths(opening, DEFAULT_CLOSING_MONTHS);
}

export function defaultReminderDate(opening: string): string {
  return addMonths(opening, DEFAULT_REMINDER_MONTHS);
}

/** The calendar with defaults applied, or null while no opening date is set. */
export function resolveCalendar(dates: StudyDates | null): StudyCalendar | null {
  if (!dates?.openingDate) return null;
  const opening = dates.openingDate;
  const closing = dates.closingDate ?? defaultClosingDate(opening);
  const reminder = dates.reminderDate ?? defaultReminderDate(opening);
  const graceDays = Math.max(0, Math.trunc(dates.graceDays));
  return {
    opening,
    closing,
    reminder,
    graceDays,
    graceEnd: addDays(closing, graceDays),
    totalDays: daysBetween(opening, closing) + 1,
    defaults: { closing: dates.closingDate === null, reminder: dates.reminderDate === null },
  };
}

/** Where the study stands on `today`. */
export function studyPhase(calendar: StudyCalendar | null, today: string): StudyPhase {
  if (!calendar) return { phase: "unset" };
  const { opening, closing, graceEnd, totalDays } = calendar;
  if (today < opening)
    return { phase: "not_opened", opening, closing, daysUntil: daysBetween(today, opening), totalDays };
  if (today <= closing) {
    const daysLeft = daysBetween(today, closing);
    return {
      phase: daysLeft < CLOSING_SOON_DAYS ? "closing_soon" : "open",
      day: daysBetween(opening, today) + 1,
      totalDays,
      closing,
      daysLeft,
    };
  }
  if (today <= graceEnd) return { phase: "grace", closing, graceEnd, daysLeft: daysBetween(today, graceEnd) };
  return { phase: "closed", closing, graceEnd };
}

/** May centres create cases and edit drafts on `today`? (No calendar set: yes.) */
export function isEntryOpen(calendar: StudyCalendar | null, today: string): boolean {
  return calendar === null || today <= calendar.graceEnd;
}

/** The mid-term reminder is due from its date until the closing date (a missed run catches up). */
export function isReminderDue(calendar: StudyCalendar | null, today: string): boolean {
  return calendar !== null && calendar.reminder <= today && today <= calendar.closing;
}
