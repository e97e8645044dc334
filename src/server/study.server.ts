import "server-only";
import type { Actor } from "@/domain/actor";
import { todayIso } from "@/domain/dates";
import { CASE_STATUSES, type CaseStatus } from "@/domain/lifecycle";
import { isCentreScoped } from "@/domain/roles";
import { isEntryOpen, resolveCalendar, studyPhase, type StudyCalendar, type StudyDates, type StudyPhase } from "@/domain/study-calendar";
import { studySettingsSchema } from "@/domain/study-settings-input";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { DEFAULT_STUDY_NAME, loadStudyDates, STUDY_SETTINGS_ID } from "./study-settings";

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

export interface StudyStatus {
  today: string;
  calendar: StudyCalendar | null;
  phase: StudyPhase;
}

async function statusOn(db: Db, now: Date): Promise<StudyStatus & { dates: StudyDates | null }> {
  const today = todayIso(now);
  const dates = await loadStudyDates(db);
  const calendar = resolveCalendar(dates);
  return { today, dates, calendar, phase: studyPhase(calendar, today) };
}

/** Where the study stands (home page line): any signed-in user. */
export async function getStudyStatus(db: Db, actor: Actor, now: Date = new Date()): Promise<StudyStatus> {
  authorize(actor, "case.list");
  const { today, calendar, phase } = await statusOn(db, now);
  return { today, calendar, phase };
}

export interface StudyOverview extends StudyStatus {
  /** As stored: null closing/reminder = the protocol's default. */
  dates: StudyDates;
  casesByStatus: Record<CaseStatus, number>;
  remindersSent: number;
}

/** The settings page: the stored dates, the calendar they give and the cases by status (coordinator). */
export async function getStudyOverview(db: Db, actor: Actor, now: Date = new Date()): Promise<StudyOverview> {
  authorize(actor, "study.manage");
  const status = await statusOn(db, now);
  const [groups, remindersSent] = await Promise.all([db.case.groupBy({ by: ["status"], _count: { _all: true } }), db.sentReminder.count()]);
  const casesByStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const g of groups) if (g.status in casesByStatus) casesByStatus[g.status as CaseStatus] = g._count._all;
  return { ...status, dates: status.dates ?? { openingDate: null, closingDate: null, reminderDate: null, graceDays: 0 }, casesByStatus, remindersSent };
}

/** Saves the calendar (coordinator); audited with the old and new values. Returns the stored dates. */
export async function updateStudySettings(db: Db, actor: Actor, input: unknown): Promise<StudyDates> {
  authorize(actor, "study.manage");
  const parsed = studySettingsSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const next: StudyDates = { openingDate: parsed.data.openingDate, closingDate: parsed.data.closingDate, reminderDate: parsed.data.reminderDate, graceDays: parsed.data.graceDays };
  return db.$transaction(async (tx) => {
    const before = await loadStudyDates(tx);
    const same = before && (Object.keys(next) as (keyof StudyDates)[]).every((k) => before[k] === next[k]);
    if (same) return next;
    await tx.studySettings.upsert({ where: { id: STUDY_SETTINGS_ID }, update: next, create: { id: STUDY_SETTINGS_ID, studyName: DEFAULT_STUDY_NAME, ...next } });
    await appendAudit(tx, [{ type: "study.settings_changed", actor: by(actor), oldValue: before, newValue: next }]);
    return next;
  });
}

/**
 * Locks every validated case in one transaction (coordinator, at the end of
 * the study): the same rule and audit events as locking one case
 * (workflow.server.ts lockCase: VALIDATED → LOCKED, "case.status_changed"),
 * plus one summary event.
 */
export async function lockAllValidated(db: Db, actor: Actor): Promise<{ locked: number }> {
  authorize(actor, "study.manage");
  // The permission lockCase checks: locking one case and locking all are the same review act.
  authorize(actor, "case.review");
  return db.$transaction(async (tx) => {
    const candidates = await tx.case.findMany({ where: { status: "VALIDATED" }, select: { id: true }, orderBy: { createdAt: "asc" } });
    const locked: string[] = [];
    for (const { id } of candidates) {
      // Conditional, like lockCase's check: a case unlocked or changed meanwhile is left alone.
      const done = await tx.case.updateMany({ where: { id, status: "VALIDATED" }, data: { status: "LOCKED" } });
      if (done.count === 1) locked.push(id);
    }
    if (locked.length === 0) return { locked: 0 };
    await appendAudit(tx, [
      ...locked.map((caseId) => ({ type: "case.status_changed" as const, actor: by(actor), caseId, oldValue: "VALIDATED" as const, newValue: "LOCKED" as const })),
      { type: "study.validated_locked", actor: by(actor), data: { count: locked.length, caseIds: locked } },
    ]);
    return { locked: locked.length };
  });
}

/**
 * May this centre user enter data now (create a case, or edit `caseId`)? For
 * pages, to show the form read-only (or no "new case" form) once the study is
 * closed; the functions that write check it with refuseIfStudyClosed. After
 * the closing date and the grace period: no, except for a case with a query
 * not yet closed (the answer to a query often is a corrected value, with a
 * reason). Answering the query itself (answerQuery) is never refused.
 */
export async function entryOpenFor(db: Db, actor: Actor, now: Date = new Date(), caseId?: string): Promise<{ open: true } | { open: false; calendar: StudyCalendar }> {
  if (!isCentreScoped(actor.role)) return { open: true };
  const { today, calendar } = await statusOn(db, now);
  if (!calendar || isEntryOpen(calendar, today)) return { open: true };
  if (caseId) {
    const queried = await db.query.count({ where: { caseId, status: { not: "CLOSED" }, case: centreScope(actor) } });
    if (queried > 0) return { open: true };
  }
  return { open: false, calendar };
}

/** The closing rule, called at the top of createCase and saveDraft (see entryOpenFor); refuses with "study.closed". */
export async function refuseIfStudyClosed(db: Db, actor: Actor, now: Date = new Date(), caseId?: string): Promise<void> {
  const entry = await entryOpenFor(db, actor, now, caseId);
  if (entry.open) return;
  const { closing, graceEnd, graceDays } = entry.calendar;
  throw InputError.form({ key: "study.closed", params: { closing, graceEnd, grace: graceDays > 0 ? "yes" : "no" } });
}
