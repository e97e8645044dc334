import { describe, expect, it } from "vitest";
import {
  planReminders,
  pseudonymisedKey,
  reminderDedupeKey,
  type Investigator,
  type PendingCase,
} from "@/domain/reminders";
import { resolveCalendar } from "@/domain/study-calendar";

const calendar = resolveCalendar({ openingDate: "2026-01-05", closingDate: null, reminderDate: null, graceDays: 0 });
const people: Investigator[] = [
  { email: "ra.rei@t.test", displayName: "RA Reims", centreCode: "REI" },
  { email: "clin.rei@t.test", displayName: "Clin Reims", centreCode: "REI" },
  { email: "clin.par@t.test", displayName: "Clin Paris", centreCode: "PAR" },
  { email: "clin.lyo@t.test", displayName: "Clin Lyon", centreCode: "LYO" },
];
const pending: PendingCase[] = [
  { id: "c2", initials: "ZZ", birthDate: "1960-01-01", centreCode: "REI", draft: false, openQueries: 2 },
  { id: "c1", initials: "MB", birthDate: "1962-04-18", centreCode: "REI", draft: true, openQueries: 0 },
  { id: "c3", initials: "AB", birthDate: "1970-05-05", centreCode: "PAR", draft: true, openQueries: 1 },
  { id: "c4", initials: "CD", birthDate: "1971-05-05", centreCode: "LYO", draft: false, openQueries: 0 },
];
const plan = (today: string, alreadySent: string[] = []) =>
  planReminders({ calendar, today, investigators: people, pendingCases: pending, alreadySent: new Set(alreadySent) });

describe("planReminders", () => {
  it("plans nothing before the reminder date, after the closing date, or without a calendar", () => {
    expect(plan("2026-04-04")).toEqual([]);
    expect(plan("2026-07-06")).toEqual([]);
    expect(
      planReminders({
        calendar: null,
        today: "2026-04-05",
        investigators: people,
        pendingCases: pending,
        alreadySent: new Set(),
      }),
    ).toEqual([]);
  });

  it("on the reminder date: every investigator gets the mid-term reminder; centres with drafts or open queries a specific one", () => {
    const plans = plan("2026-04-05");
    expect(plans.map((p) => `${p.kind} ${p.recipient.email}`)).toEqual([
      "midterm clin.lyo@t.test",
      "midterm clin.par@t.test",
      "pending clin.par@t.test",
      "midterm clin.rei@t.test",
      "pending clin.rei@t.test",
      "midterm ra.rei@t.test",
      "pending ra.rei@t.test",
    ]);
    expect(plans.every((p) => p.dueDate === "2026-04-05")).toBe(true);
  });

  it("lists only the recipient's centre's cases, drafts first", () => {
    const rei = plan("2026-04-05").find((p) => p.kind === "pending" && p.recipient.centreCode === "REI")!;
    expect(rei.cases.map((c) => c.id)).toEqual(["c1", "c2"]);
    const par = plan("2026-04-05").find((p) => p.kind === "pending" && p.recipient.centreCode === "PAR")!;
    expect(par.cases.map((c) => c.id)).toEqual(["c3"]);
  });

  it("catches up after a missed run, and skips what was already sent (dedupe key: kind, due date, recipient)", () => {
    const sent = plan("2026-04-05").map((p) => p.dedupeKey);
    expect(sent).toContain(reminderDedupeKey("midterm", "2026-04-05", "clin.rei@t.test"));
    expect(plan("2026-05-01", sent)).toEqual([]);
    expect(plan("2026-05-01", sent.slice(1)).map((p) => p.dedupeKey)).toEqual([sent[0]]);
  });

  it("plans again when the coordinator moves the reminder date (a new due date)", () => {
    const sent = plan("2026-04-05").map((p) => p.dedupeKey);
    const moved = resolveCalendar({
      openingDate: "2026-01-05",
      closingDate: null,
      reminderDate: "2026-05-01",
      graceDays: 0,
    });
    expect(
      planReminders({
        calendar: moved,
        today: "2026-05-01",
        investigators: people,
        pendingCases: pending,
        alreadySent: new Set(sent),
      }),
    ).toHaveLength(7);
  });

  it("writes the pseudonymised key only: initials · birth date · centre", () => {
    expect(pseudonymisedKey(pending[1]!)).toBe("MB · 1962-04-18 · REI");
  });
});
