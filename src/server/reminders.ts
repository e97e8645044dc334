// `npm run reminders` (scripts/reminders.ts, from cron): sends the reminders
// that are due (src/domain/reminders.ts decides which). Each one is recorded
// in SentReminder (unique dedupe key) in the same transaction as its mail in
// the outbox, so a second run — or two runs at once — never sends one twice.
// A plain module (no "server-only") so that the script can use it outside Next.js.
import { todayIso } from "@/domain/dates";
import { planReminders, type Investigator, type PendingCase, type PlannedReminder } from "@/domain/reminders";
import { resolveCalendar, studyPhase, type StudyCalendar, type StudyPhase } from "@/domain/study-calendar";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/locales";
import type { Db } from "./db/create-db";
import { queueMail } from "./mail";
import { mailLocale, reminderMail as renderReminderMail } from "./mail-templates";
import { isUniqueViolation } from "./prisma-errors";
import { loadStudyDates } from "./study-settings";

/** The reminder's mail in the recipient's language (French unless their account says English). Pseudonymised keys only. */
export function reminderMail(
  plan: PlannedReminder,
  calendar: StudyCalendar,
  baseUrl: string,
  locale: Locale = DEFAULT_LOCALE,
): { subject: string; body: string } {
  return renderReminderMail(locale, plan, calendar, baseUrl);
}

/** Active clinicians and research assistants (with their centre), and the language each reads their mail in. */
async function investigators(db: Db): Promise<{ people: Investigator[]; localeOf: Map<string, Locale> }> {
  const users = await db.user.findMany({
    where: { active: true, role: { in: ["CLINICIAN", "RESEARCH_ASSISTANT"] }, centreId: { not: null } },
    select: { email: true, displayName: true, locale: true, centre: { select: { code: true } } },
    orderBy: { email: "asc" },
  });
  return {
    people: users.flatMap((u) =>
      u.centre ? [{ email: u.email, displayName: u.displayName, centreCode: u.centre.code }] : [],
    ),
    localeOf: new Map(users.map((u) => [u.email, mailLocale(u.locale)])),
  };
}

/** Drafts, and cases with queries waiting for the centre (OPEN). */
async function pendingCases(db: Db): Promise<PendingCase[]> {
  const rows = await db.case.findMany({
    where: { OR: [{ status: "DRAFT" }, { queries: { some: { status: "OPEN" } } }] },
    select: {
      id: true,
      initials: true,
      birthDate: true,
      status: true,
      centre: { select: { code: true } },
      _count: { select: { queries: { where: { status: "OPEN" } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    initials: r.initials,
    birthDate: r.birthDate,
    centreCode: r.centre.code,
    draft: r.status === "DRAFT",
    openQueries: r._count.queries,
  }));
}

export interface ReminderRun {
  today: string;
  phase: StudyPhase;
  /** The reminder date, when a calendar is set. */
  reminderDate: string | null;
  /** Reminders written to the outbox by this run. */
  queued: { kind: PlannedReminder["kind"]; to: string; mailId: string }[];
  /** Planned but already recorded by a concurrent run. */
  skipped: number;
  /** Dry run: what would have been queued. */
  planned: { kind: PlannedReminder["kind"]; to: string }[];
}

/** Queues the reminders due on `now` (in France) that were not sent before. */
export async function runReminders(
  db: Db,
  options: { now?: Date; baseUrl: string; dryRun?: boolean },
): Promise<ReminderRun> {
  const today = todayIso(options.now ?? new Date());
  const calendar = resolveCalendar(await loadStudyDates(db));
  const run: ReminderRun = {
    today,
    phase: studyPhase(calendar, today),
    reminderDate: calendar?.reminder ?? null,
    queued: [],
    skipped: 0,
    planned: [],
  };
  if (!calendar) return run;
  const [{ people, localeOf }, cases, sent] = await Promise.all([
    investigators(db),
    pendingCases(db),
    db.sentReminder.findMany({ select: { dedupeKey: true } }),
  ]);
  const plans = planReminders({
    calendar,
    today,
    investigators: people,
    pendingCases: cases,
    alreadySent: new Set(sent.map((s) => s.dedupeKey)),
  });
  run.planned = plans.map((p) => ({ kind: p.kind, to: p.recipient.email }));
  if (options.dryRun) return run;
  for (const plan of plans) {
    try {
      const mailId = await db.$transaction(async (tx) => {
        // The unique dedupe key first: a concurrent run that got there before makes this one fail and write nothing.
        const record = await tx.sentReminder.create({
          data: { kind: plan.kind, recipient: plan.recipient.email, dedupeKey: plan.dedupeKey },
        });
        const id = await queueMail(tx, {
          to: plan.recipient.email,
          kind: "reminder",
          ...reminderMail(plan, calendar, options.baseUrl, localeOf.get(plan.recipient.email)),
        });
        await tx.sentReminder.update({ where: { id: record.id }, data: { mailId: id } });
        return id;
      });
      run.queued.push({ kind: plan.kind, to: plan.recipient.email, mailId });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      run.skipped++;
    }
  }
  return run;
}
