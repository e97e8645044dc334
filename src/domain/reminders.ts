// Who gets which reminder, and when (protocol: a reminder at mid-term that also
// states the closing date). Pure: the caller reads the database and writes what
// is planned. Each reminder has a dedupe key (kind, due date, recipient) stored
// in SentReminder with a unique index, so running the reminders again never
// sends one twice, while an investigator added later still gets theirs.
import { isReminderDue, type StudyCalendar } from "./study-calendar";

/** midterm: to every active investigator; pending: to the investigators of a centre with drafts or open queries. */
export type ReminderKind = "midterm" | "pending";

export interface Investigator {
  readonly email: string;
  readonly displayName: string;
  readonly centreCode: string;
}

/** A case the centre still has to act on, by its pseudonymised key only. */
export interface PendingCase {
  readonly id: string;
  readonly initials: string;
  readonly birthDate: string;
  readonly centreCode: string;
  readonly draft: boolean;
  /** Queries waiting for the centre's answer (status OPEN). */
  readonly openQueries: number;
}

export interface PlannedReminder {
  readonly kind: ReminderKind;
  readonly recipient: Investigator;
  readonly dueDate: string;
  readonly dedupeKey: string;
  /** For "pending": the centre's cases, drafts first, then by key. Empty for "midterm". */
  readonly cases: readonly PendingCase[];
}

export function reminderDedupeKey(kind: ReminderKind, dueDate: string, email: string): string {
  return `${kind}:${dueDate}:${email}`;
}

/** "MB · 1962-04-18 · REI": the key the protocol allows (initials, birth date, centre). */
export function pseudonymisedKey(c: Pick<PendingCase, "initials" | "birthDate" | "centreCode">): string {
  return `${c.initials} · ${c.birthDate} · ${c.centreCode}`;
}

export interface ReminderPlanInput {
  readonly calendar: StudyCalendar | null;
  readonly today: string;
  readonly investigators: readonly Investigator[];
  readonly pendingCases: readonly PendingCase[];
  /** Dedupe keys already in SentReminder. */
  readonly alreadySent: ReadonlySet<string>;
}

/** The reminders due on `today` and not sent yet, in a stable order (by recipient, midterm before pending). */
export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { calendar, today } = input;
  if (!calendar || !isReminderDue(calendar, today)) return [];
  const dueDate = calendar.reminder;
  const byCentre = new Map<string, PendingCase[]>();
  for (const c of input.pendingCases) {
    if (!c.draft && c.openQueries === 0) continue;
    const list = byCentre.get(c.centreCode) ?? [];
    list.push(c);
    byCentre.set(c.centreCode, list);
  }
  for (const list of byCentre.values()) {
    list.sort(
      (a, b) =>
        Number(b.draft) - Number(a.draft) ||
        pseudonymisedKey(a).localeCompare(pseudonymisedKey(b)) ||
        a.id.localeCompare(b.id),
    );
  }
  const out: PlannedReminder[] = [];
  const seen = new Set<string>();
  for (const recipient of [...input.investigators].sort((a, b) => a.email.localeCompare(b.email))) {
    if (seen.has(recipient.email)) continue;
    seen.add(recipient.email);
    const midterm = reminderDedupeKey("midterm", dueDate, recipient.email);
    if (!input.alreadySent.has(midterm))
      out.push({ kind: "midterm", recipient, dueDate, dedupeKey: midterm, cases: [] });
    const cases = byCentre.get(recipient.centreCode);
    const pending = reminderDedupeKey("pending", dueDate, recipient.email);
    if (cases?.length && !input.alreadySent.has(pending))
      out.push({ kind: "pending", recipient, dueDate, dedupeKey: pending, cases });
  }
  return out;
}
