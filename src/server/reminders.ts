// `npm run reminders` (scripts/reminders.ts, from cron): sends the reminders
// that are due (src/domain/reminders.ts decides which). Each one is recorded
// in SentReminder (unique dedupe key) in the same transaction as its mail in
// the outbox, so a second run — or two runs at once — never sends one twice.
// A plain module (no "server-only") so that the script can use it outside Next.js.
import { todayIso } from "../domain/dates";
import { planReminders, pseudonymisedKey, type Investigator, type PendingCase, type PlannedReminder } from "../domain/reminders";
import { resolveCalendar, studyPhase, type StudyCalendar, type StudyPhase } from "../domain/study-calendar";
import type { Db } from "./db/create-db";
import { queueMail } from "./mail";
import { isUniqueViolation } from "./prisma-errors";
import { loadStudyDates } from "./study-settings";

const longDate = (locale: "fr-FR" | "en-GB", iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T12:00:00Z`));

function caseLines(cases: readonly PendingCase[], baseUrl: string, fr: boolean): string[] {
  return cases.map((c) => {
    const what = [c.draft ? (fr ? "brouillon" : "draft") : null, c.openQueries > 0 ? `${c.openQueries} ${fr ? (c.openQueries > 1 ? "queries ouvertes" : "query ouverte") : c.openQueries > 1 ? "open queries" : "open query"}` : null]
      .filter(Boolean)
      .join(", ");
    return `- ${pseudonymisedKey(c)}, ${fr ? "dossier" : "record"} ${c.id} (${what})${fr ? " :" : ":"} ${baseUrl}/cases/${c.id}`;
  });
}

/** The reminder's mail, French then English in one message (like the invitation). Pseudonymised keys only. */
export function reminderMail(plan: PlannedReminder, calendar: StudyCalendar, baseUrl: string): { subject: string; body: string } {
  const base = baseUrl.replace(/\/$/, "");
  const name = plan.recipient.displayName;
  const closingFr = longDate("fr-FR", calendar.closing);
  const closingEn = longDate("en-GB", calendar.closing);
  const graceFr = calendar.graceDays > 0 ? ` Les dossiers pourront encore être complétés jusqu'au ${longDate("fr-FR", calendar.graceEnd)} (délai de grâce).` : "";
  const graceEn = calendar.graceDays > 0 ? ` Records can still be completed until ${longDate("en-GB", calendar.graceEnd)} (grace period).` : "";
  if (plan.kind === "midterm") {
    return {
      subject: `DM-SAM eCRF — relance à mi-étude : clôture le ${closingFr} / mid-study reminder: closing on ${closingEn}`,
      body: [
        `Bonjour ${name},`,
        "",
        `L'étude DM-SAM est à mi-parcours du recueil. La clôture du recueil est fixée au ${closingFr} : merci de saisir vos observations de dermatomyosite compliquée de SAM avant cette date.${graceFr}`,
        `${base}/`,
        "",
        "—",
        "",
        `Hello ${name},`,
        "",
        `The DM-SAM study is halfway through data collection. Collection closes on ${closingEn}: please enter your cases of dermatomyositis complicated by macrophage activation syndrome before that date.${graceEn}`,
        `${base}/`,
      ].join("\n"),
    };
  }
  const centre = plan.recipient.centreCode;
  return {
    subject: `DM-SAM eCRF — dossiers à compléter (${centre}) / records to complete (${centre})`,
    body: [
      `Bonjour ${name},`,
      "",
      `Votre centre (${centre}) a des dossiers en cours — brouillons à compléter et signer, ou queries en attente de votre réponse. La clôture du recueil est fixée au ${closingFr}.${graceFr}`,
      ...caseLines(plan.cases, base, true),
      "",
      "—",
      "",
      `Hello ${name},`,
      "",
      `Your centre (${centre}) has records in progress — drafts to complete and sign, or queries awaiting your answer. Collection closes on ${closingEn}.${graceEn}`,
      ...caseLines(plan.cases, base, false),
    ].join("\n"),
  };
}

/** Active clinicians and research assistants (with their centre). */
async function investigators(db: Db): Promise<Investigator[]> {
  const users = await db.user.findMany({
    where: { active: true, role: { in: ["CLINICIAN", "RESEARCH_ASSISTANT"] }, centreId: { not: null } },
    select: { email: true, displayName: true, centre: { select: { code: true } } },
    orderBy: { email: "asc" },
  });
  return users.flatMap((u) => (u.centre ? [{ email: u.email, displayName: u.displayName, centreCode: u.centre.code }] : []));
}

/** Drafts, and cases with queries waiting for the centre (OPEN). */
async function pendingCases(db: Db): Promise<PendingCase[]> {
  const rows = await db.case.findMany({
    where: { OR: [{ status: "DRAFT" }, { queries: { some: { status: "OPEN" } } }] },
    select: { id: true, initials: true, birthDate: true, status: true, centre: { select: { code: true } }, _count: { select: { queries: { where: { status: "OPEN" } } } } },
  });
  return rows.map((r) => ({ id: r.id, initials: r.initials, birthDate: r.birthDate, centreCode: r.centre.code, draft: r.status === "DRAFT", openQueries: r._count.queries }));
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
export async function runReminders(db: Db, options: { now?: Date; baseUrl: string; dryRun?: boolean }): Promise<ReminderRun> {
  const today = todayIso(options.now ?? new Date());
  const calendar = resolveCalendar(await loadStudyDates(db));
  const run: ReminderRun = { today, phase: studyPhase(calendar, today), reminderDate: calendar?.reminder ?? null, queued: [], skipped: 0, planned: [] };
  if (!calendar) return run;
  const [people, cases, sent] = await Promise.all([investigators(db), pendingCases(db), db.sentReminder.findMany({ select: { dedupeKey: true } })]);
  const plans = planReminders({ calendar, today, investigators: people, pendingCases: cases, alreadySent: new Set(sent.map((s) => s.dedupeKey)) });
  run.planned = plans.map((p) => ({ kind: p.kind, to: p.recipient.email }));
  if (options.dryRun) return run;
  for (const plan of plans) {
    try {
      const mailId = await db.$transaction(async (tx) => {
        // The unique dedupe key first: a concurrent run that got there before makes this one fail and write nothing.
        const record = await tx.sentReminder.create({ data: { kind: plan.kind, recipient: plan.recipient.email, dedupeKey: plan.dedupeKey } });
        const id = await queueMail(tx, { to: plan.recipient.email, kind: "reminder", ...reminderMail(plan, calendar, options.baseUrl) });
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
