// Body surface area and date arithmetic used by the computed CRF fields.
// Dates are handled as calendar days (no time zone): a DST change or the
// server's zone must never shift an age or a delay by one day.

import { roundTo } from "./decimal";
import { isKnown, type Maybe } from "./tri-state";

/** A calendar date, month 1–12. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a strict `YYYY-MM-DD` that names a real day (no 2021-02-29), else null. */
export function parseIsoDate(value: Maybe<string>): CalendarDate | null {
  if (!isKnown(value)) return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function dayNumber(date: CalendarDate): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(Date.UTC(2000, date.month - 1, date.day));
  d.setUTCFullYear(date.year);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/**
 * Age in completed years on `onDate`, or null if a date is invalid or
 * `onDate` precedes the birth. Someone born on 29 February turns a year older
 * on 1 March in common years (the birthday has not been reached on 28 February).
 */
export function ageInYears(birthDate: Maybe<string>, onDate: Maybe<string>): number | null {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (!birth || !on) return null;
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  const age = on.year - birth.year - (beforeBirthday ? 1 : 0);
  return age < 0 ? null : age;
}

/** Days from `fromDate` to `toDate`, negative when `toDate` is earlier; null if a date is invalid. */
export function daysBetween(fromDate: Maybe<string>, toDate: Maybe<string>): number | null {
  const from = parseIsoDate(fromDate);
  const to = parseIsoDate(toDate);
  if (!from || !to) return null;
  return dayNumber(to) - dayNumber(from);
}

/**
 * Mosteller body surface area √(cm·kg/3600) in m², rounded to 2 decimals
 * (the precision dose checks use); null when a measure is unknown or not positive.
 */
export function bsaMosteller(heightCm: Maybe<number>, weightKg: Maybe<number>): number | null {
  if (!isKnown(heightCm) || !isKnown(weightKg) || heightCm <= 0 || weightKg <= 0) return null;
  return roundTo(Math.sqrt((heightCm * weightKg) / 3600), 2);
}
