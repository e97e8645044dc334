import "server-only";
import type { Actor } from "@/domain/actor";
import { todayIso } from "@/domain/dates";
import { answerPathLabel } from "@/domain/crf/field-path";
import { CASE_STATUSES, pathsOutsideQueries, type CaseStatus } from "@/domain/lifecycle";
import type { FieldErrors } from "@/domain/messages";
import { isCentreScoped } from "@/domain/roles";
import {
  isEntryOpen,
  resolveCalendar,
  studyPhase,
  type StudyCalendar,
  type StudyDates,
  type StudyPhase,
} from "@/domain/study-calendar";
import { studySettingsSchema } from "@/domain/study-settings-input";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize, centreScope } from "./access.server";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { DEFAULT_STUDY_NAME, loadStudyDates, STUDY_SETTINGS_ID } from "./study-settings";

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

export interface StudyStatus {
  today: string;
  calendar: StudyCalendar | null;
  phase: StudyPhase;
}

async function statusOn(db: Tx, now: Date): Promise<StudyStatus & { dates: StudyDates | null }> {
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
  const [groups, remindersSent] = await Promise.all([
    db.case.groupBy({ by: ["status"], _count: { _all: true } }),
    db.sentReminder.count(),
  ]);
  const casesByStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const g of groups) if (g.status in casesByStatus) casesByStatus[g.status as CaseStatus] = g._count._all;
  return {
    ...status,
    dates: status.dates ?? { openingDate: null, closingDate: null, reminderDate: null, graceDays: 0 },
    casesByStatus,
    remindersSent,
  };
}

/** Saves the calendar (coordinator); audited with the old and new values. Returns the stored dates. */
export async function updateStudySettings(db: Db, actor: Actor, input: unknown): Promise<StudyDates> {
  authorize(actor, "study.manage");
  const parsed = studySettingsSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const next: StudyDates = {
    openingDate: parsed.data.openingDate,
    closingDate: parsed.data.closingDate,
    reminderDate: parsed.data.reminderDate,
    graceDays: parsed.data.graceDays,
  };
  return db.$transaction(async (tx) => {
    const before = await loadStudyDates(tx);
    const same = before && (Object.keys(next) as (keyof StudyDates)[]).every((k) => before[k] === next[k]);
    if (same) return next;
    await tx.studySettings.upsert({
      where: { id: STUDY_SETTINGS_ID },
      update: next,
      create: { id: STUDY_SETTINGS_ID, studyName: DEFAULT_STUDY_NAME, ...next },
    });
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
    const candidates = await tx.case.findMany({
      where: { status: "VALIDATED" },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    const locked: string[] = [];
    for (const { id } of candidates) {
      // Conditional, like lockCase's check: a case unlocked or changed meanwhile is left alone.
      // The version moves too, as for any status change (workflow.server.ts setStatus).
      const done = await tx.case.updateMany({
        where: { id, status: "VALIDATED" },
        data: { status: "LOCKED", version: { increment: 1 } },
      });
      if (done.count === 1) locked.push(id);
    }
    if (locked.length === 0) return { locked: 0 };
    await appendAudit(tx, [
      ...locked.map((caseId) => ({
        type: "case.status_changed" as const,
        actor: by(actor),
        caseId,
        oldValue: "VALIDATED" as const,
        newValue: "LOCKED" as const,
      })),
      { type: "study.validated_locked", actor: by(actor), data: { count: locked.length, caseIds: locked } },
    ]);
    return { locked: locked.length };
  });
}

/**
 * What a centre user may enter now (ADR 0007). Before the closing date and
 * the grace period: everything. After them, nothing — no new case, no change
 * to a case — except on a case with an OPEN query: the fields those queries
 * point at can still be corrected (the answer to a query is often a corrected
 * value, with its reason), the whole case for a query on the whole case. A
 * query answered or closed opens nothing: the centre has said its word, and
 * the coordinator reopens it if more is needed. Answering an open query
 * (answerQuery) is never refused. Coordinators are not bound by it.
 */
export type EntryRule =
  | { open: true; onlyUnderQuery?: undefined }
  /** After closing: only changes that an open query's path covers (null path: the whole case). */
  | { open: true; onlyUnderQuery: { queryPaths: (string | null)[]; calendar: StudyCalendar } }
  | { open: false; calendar: StudyCalendar };

/**
 * May this centre user enter data now (create a case, or edit `caseId`)? For
 * pages, to show the form read-only (or no "new case" button and form) once
 * the study is closed; the functions that write check it with
 * refuseIfStudyClosed and refuseChangesAfterClosing.
 */
export async function entryOpenFor(db: Tx, actor: Actor, now: Date = new Date(), caseId?: string): Promise<EntryRule> {
  if (!isCentreScoped(actor.role)) return { open: true };
  const { today, calendar } = await statusOn(db, now);
  if (!calendar || isEntryOpen(calendar, today)) return { open: true };
  if (caseId) {
    const open = await db.query.findMany({
      where: { caseId, status: "OPEN", case: centreScope(actor) },
      select: { fieldPath: true },
    });
    if (open.length > 0) return { open: true, onlyUnderQuery: { queryPaths: open.map((q) => q.fieldPath), calendar } };
  }
  return { open: false, calendar };
}

function closedError(calendar: StudyCalendar): InputError {
  const { closing, graceEnd, graceDays } = calendar;
  return InputError.form({ key: "study.closed", params: { closing, graceEnd, grace: graceDays > 0 ? "yes" : "no" } });
}

/** The closing rule, called at the top of createCase, saveDraft and signCase (see entryOpenFor); refuses with "study.closed". */
export async function refuseIfStudyClosed(
  db: Tx,
  actor: Actor,
  now: Date = new Date(),
  caseId?: string,
): Promise<void> {
  const entry = await entryOpenFor(db, actor, now, caseId);
  if (!entry.open) throw closedError(entry.calendar);
}

/**
 * The closing rule's exception, checked by saveDraft inside its transaction
 * with the paths the user changed (not those the form's conditions then
 * clear): after closing, each must be covered by an open query of the case;
 * the others are refused, each next to its field.
 */
export async function refuseChangesAfterClosing(
  tx: Tx,
  actor: Actor,
  now: Date,
  caseId: string,
  changedPaths: readonly string[],
): Promise<void> {
  if (changedPaths.length === 0) return;
  const entry = await entryOpenFor(tx, actor, now, caseId);
  if (!entry.open) throw closedError(entry.calendar);
  if (!entry.onlyUnderQuery) return;
  const outside = pathsOutsideQueries(entry.onlyUnderQuery.queryPaths, changedPaths);
  if (outside.length === 0) return;
  const errors: FieldErrors = {};
  const closing = entry.onlyUnderQuery.calendar.closing;
  for (const path of outside)
    (errors[path] ??= []).push({
      key: "lifecycle.notUnderQuery",
      params: { field: answerPathLabel(path), closing },
    });
  throw new InputError(errors);
}
