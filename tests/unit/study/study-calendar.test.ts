import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  CLOSING_SOON_DAYS,
  daysBetween,
  isEntryOpen,
  isReminderDue,
  resolveCalendar,
  studyPhase,
  type StudyCalendar,
  type StudyDates,
} from "@/domain/study-calendar";

const dates = (over: Partial<StudyDates> = {}): StudyDates => ({
  openingDate: "2026-01-05",
  closingDate: null,
  reminderDate: null,
  graceDays: 0,
  ...over,
});
const cal = (over: Partial<StudyDates> = {}): StudyCalendar => {
  const c = resolveCalendar(dates(over));
  if (!c) throw new Error("no calendar");
  return c;
};

describe("addMonths (end-of-month safe)", () => {
  it("keeps the day when the month has it", () => {
    expect(addMonths("2026-01-05", 6)).toBe("2026-07-05");
    expect(addMonths("2026-01-05", 3)).toBe("2026-04-05");
    expect(addMonths("2026-09-15", 6)).toBe("2027-03-15");
  });
  it("clamps to the last day of a shorter month", () => {
    expect(addMonths("2025-12-31", 6)).toBe("2026-06-30");
    expect(addMonths("2026-05-31", 3)).toBe("2026-08-31");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-03-31", 6)).toBe("2026-09-30");
  });
  it("knows leap years: 29 February exists in 2028, not in 2027 (nor 2100)", () => {
    expect(addMonths("2027-08-31", 6)).toBe("2028-02-29");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-11-29", 3)).toBe("2028-02-29");
    expect(addMonths("2028-02-29", 6)).toBe("2028-08-29");
    expect(addMonths("2028-02-29", 12)).toBe("2029-02-28");
    expect(addMonths("2099-08-31", 6)).toBe("2100-02-28");
    expect(addMonths("2399-08-31", 6)).toBe("2400-02-29");
  });
  it("crosses year ends both ways", () => {
    expect(addMonths("2026-10-31", 3)).toBe("2027-01-31");
    expect(addMonths("2026-01-31", -2)).toBe("2025-11-30");
  });
});

describe("days", () => {
  it("counts whole days, leap day included", () => {
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-02-28", "2027-03-01")).toBe(1);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // daylight saving time change in France: no effect
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("resolveCalendar", () => {
  it("has no calendar without an opening date", () => {
    expect(resolveCalendar(null)).toBeNull();
    expect(resolveCalendar(dates({ openingDate: null }))).toBeNull();
  });
  it("defaults: closing = opening + 6 months, reminder = opening + 3 months", () => {
    expect(cal()).toMatchObject({
      opening: "2026-01-05",
      closing: "2026-07-05",
      reminder: "2026-04-05",
      graceEnd: "2026-07-05",
      defaults: { closing: true, reminder: true },
    });
  });
  it("keeps dates that were set, and counts days with both ends included", () => {
    const c = cal({ openingDate: "2025-12-31", closingDate: "2026-06-30", reminderDate: "2026-03-15", graceDays: 10 });
    expect(c).toMatchObject({
      closing: "2026-06-30",
      reminder: "2026-03-15",
      graceEnd: "2026-07-10",
      totalDays: 182,
      defaults: { closing: false, reminder: false },
    });
  });
  it("counts the leap day in a leap year's collection", () => {
    expect(cal({ openingDate: "2028-01-01", closingDate: "2028-06-30" }).totalDays).toBe(182);
    expect(cal({ openingDate: "2027-01-01", closingDate: "2027-06-30" }).totalDays).toBe(181);
  });
});

describe("studyPhase and entry around the closing date", () => {
  const c = cal({ openingDate: "2025-12-31", closingDate: "2026-06-30" });

  it("is 'not opened' before the opening date, yet entry is not refused then", () => {
    expect(studyPhase(c, "2025-12-30")).toEqual({
      phase: "not_opened",
      opening: "2025-12-31",
      closing: "2026-06-30",
      daysUntil: 1,
      totalDays: 182,
    });
    expect(isEntryOpen(c, "2025-12-30")).toBe(true);
  });
  it("is day 1 on the opening date, and 'day 45 of 182' 44 days later", () => {
    expect(studyPhase(c, "2025-12-31")).toMatchObject({ phase: "open", day: 1, totalDays: 182 });
    expect(studyPhase(c, "2026-02-13")).toEqual({
      phase: "open",
      day: 45,
      totalDays: 182,
      closing: "2026-06-30",
      daysLeft: 137,
    });
  });
  it(`is 'closing soon' during the last ${CLOSING_SOON_DAYS} days`, () => {
    expect(studyPhase(c, addDays("2026-06-30", -CLOSING_SOON_DAYS)).phase).toBe("open");
    expect(studyPhase(c, addDays("2026-06-30", -(CLOSING_SOON_DAYS - 1))).phase).toBe("closing_soon");
  });
  it("the day before closing and the closing day itself: open (the closing date is the last day of entry)", () => {
    expect(studyPhase(c, "2026-06-29")).toMatchObject({ phase: "closing_soon", day: 181, daysLeft: 1 });
    expect(studyPhase(c, "2026-06-30")).toMatchObject({ phase: "closing_soon", day: 182, totalDays: 182, daysLeft: 0 });
    expect(isEntryOpen(c, "2026-06-29")).toBe(true);
    expect(isEntryOpen(c, "2026-06-30")).toBe(true);
  });
  it("the day after closing, without grace period: closed", () => {
    expect(studyPhase(c, "2026-07-01")).toEqual({ phase: "closed", closing: "2026-06-30", graceEnd: "2026-06-30" });
    expect(isEntryOpen(c, "2026-07-01")).toBe(false);
  });
  it("grace period: its first and last day are open, the day after is closed", () => {
    const g = cal({ openingDate: "2025-12-31", closingDate: "2026-06-30", graceDays: 15 });
    expect(studyPhase(g, "2026-07-01")).toEqual({
      phase: "grace",
      closing: "2026-06-30",
      graceEnd: "2026-07-15",
      daysLeft: 14,
    });
    expect(isEntryOpen(g, "2026-07-01")).toBe(true);
    expect(studyPhase(g, "2026-07-15")).toEqual({
      phase: "grace",
      closing: "2026-06-30",
      graceEnd: "2026-07-15",
      daysLeft: 0,
    });
    expect(isEntryOpen(g, "2026-07-15")).toBe(true);
    expect(studyPhase(g, "2026-07-16").phase).toBe("closed");
    expect(isEntryOpen(g, "2026-07-16")).toBe(false);
  });
  it("a one-day grace period is a single open day after closing", () => {
    const g = cal({ openingDate: "2025-12-31", closingDate: "2026-06-30", graceDays: 1 });
    expect(studyPhase(g, "2026-07-01").phase).toBe("grace");
    expect(studyPhase(g, "2026-07-02").phase).toBe("closed");
  });
  it("closing on 29 February of a leap year, with a grace period across March", () => {
    const g = cal({ openingDate: "2027-08-31", graceDays: 1 });
    expect(g.closing).toBe("2028-02-29");
    expect(studyPhase(g, "2028-02-28")).toMatchObject({ phase: "closing_soon", daysLeft: 1 });
    expect(studyPhase(g, "2028-02-29")).toMatchObject({ phase: "closing_soon", daysLeft: 0, day: g.totalDays });
    expect(studyPhase(g, "2028-03-01")).toMatchObject({ phase: "grace", graceEnd: "2028-03-01", daysLeft: 0 });
    expect(isEntryOpen(g, "2028-03-01")).toBe(true);
    expect(isEntryOpen(g, "2028-03-02")).toBe(false);
  });
  it("without a calendar everything is open", () => {
    expect(studyPhase(null, "2030-01-01")).toEqual({ phase: "unset" });
    expect(isEntryOpen(null, "2030-01-01")).toBe(true);
  });
});

describe("isReminderDue", () => {
  const c = cal({ openingDate: "2026-01-05" });
  it("is due from the reminder date up to the closing date, not before nor after", () => {
    expect(isReminderDue(c, "2026-04-04")).toBe(false);
    expect(isReminderDue(c, "2026-04-05")).toBe(true);
    expect(isReminderDue(c, "2026-07-05")).toBe(true);
    expect(isReminderDue(c, "2026-07-06")).toBe(false);
    expect(isReminderDue(null, "2026-04-05")).toBe(false);
  });
});
