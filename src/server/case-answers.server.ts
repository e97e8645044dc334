import "server-only";
import type { Actor } from "@/domain/actor";
import { todayIso } from "@/domain/dates";
import { asCaseAnswers, type CaseAnswers } from "@/domain/crf/answers";
import { computeResults, type ComputedResults } from "@/domain/crf/computed";
import { CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import { doseIssues } from "@/domain/crf/dose-issues";
import { diffAnswers, mergePatch, type Conflict } from "@/domain/crf/merge";
import { blockById } from "@/domain/crf/definition";
import { resolveAnswerPath } from "@/domain/crf/field-path";
import { patchFieldErrors } from "@/domain/crf/patch-errors";
import { draftPatchSchema, ROW_ID } from "@/domain/crf/schema";
import { IDENTIFIER_KINDS, type IdentifierKind } from "@/domain/identifier-guard";
import { applyConditions } from "@/domain/crf/visibility";
import type { FieldErrors } from "@/domain/messages";
import { canEditAnswers, caseStatusOf, changeNeedsReason } from "@/domain/lifecycle";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { withWriteRetry } from "./db/write-retry";
import { InputError, NotFoundError } from "./errors";
import { refuseChangesAfterClosing, refuseIfStudyClosed } from "./study.server";

export interface SaveResult {
  readonly version: number;
  readonly savedAt: string;
  readonly answers: CaseAnswers;
  readonly computed: ComputedResults;
  /** Changes overtaken by someone else's save: not applied, to be resolved by the user. */
  readonly conflicts: readonly Conflict[];
}

export interface CaseRecord {
  readonly id: string;
  readonly initials: string;
  readonly birthDate: string;
  readonly centreCode: string;
  readonly status: string;
  readonly version: number;
  readonly answers: CaseAnswers;
  readonly updatedAt: Date;
}

/** The case with its answers, if the actor may see it. */
export async function getCaseRecord(db: Db, actor: Actor, id: string): Promise<CaseRecord> {
  authorize(actor, "case.read");
  const row = await db.case.findFirst({
    where: { id, ...centreScope(actor) },
    include: { centre: { select: { code: true } } },
  });
  if (!row) throw new NotFoundError();
  return {
    id: row.id,
    initials: row.initials,
    birthDate: row.birthDate,
    centreCode: row.centre.code,
    status: row.status,
    version: row.version,
    answers: asCaseAnswers(row.answers),
    updatedAt: row.updatedAt,
  };
}

class VersionRace extends Error {}

/** A dose outside its hard range (a 1000-fold slip) is refused like any impossible value (§5). */
function refuseImpossibleDoses(answers: CaseAnswers, blockIds: readonly string[]): void {
  const errors: FieldErrors = {};
  for (const blockId of blockIds) {
    for (const row of answers.blocks[blockId] ?? []) {
      const refused = doseIssues(row, answers).filter((i) => i.level === "error");
      if (refused.length)
        errors[`${blockId}.${row.id}.dose_value`] = refused.map(({ key, params }) => ({ key, params }));
    }
  }
  if (Object.keys(errors).length) throw new InputError(errors);
}

/** Rows added by two people at once may, merged, exceed the block's limit: refused like too many rows sent. */
function refuseTooManyRows(answers: CaseAnswers, blockIds: readonly string[]): void {
  for (const blockId of blockIds) {
    const block = blockById(blockId);
    if (block && (answers.blocks[blockId]?.length ?? 0) > block.maxRows) {
      throw InputError.field(blockId, { key: "merge.tooManyRows", params: { block: block.label, max: block.maxRows } });
    }
  }
}

/**
 * Saves part of a draft: validates the patch with the definition's schemas,
 * merges it — fields, and blocks row by row and field by field — (conflicting
 * changes are returned, not applied), clears what
 * conditions hide, recomputes the scores, and writes the case with one audit
 * event per changed field — in one transaction, or not at all.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  caseId: string,
  payload: unknown,
  now: Date = new Date(),
): Promise<SaveResult> {
  authorize(actor, "case.edit");
  // After the closing date and grace period, edits are refused (except corrections of a case under query).
  await refuseIfStudyClosed(db, actor, now, caseId);
  const parsed = draftPatchSchema({ today: todayIso(now) }).safeParse(payload);
  if (!parsed.success) {
    // Check visibility first: another centre's case is "not found", whatever was sent.
    await getCaseRecord(db, actor, caseId);
    throw new InputError(patchFieldErrors(parsed.error, payload));
  }
  // A field or a whole row accepted from the pre-fill panel: its changes are marked as such.
  const prefilled = parsed.data.prefilled ?? [];
  const fromPrefill = (path: string) => prefilled.some((p) => path === p || path.startsWith(`${p}.`));
  // Two saves that read the same version at once: the loser merges again on top of the winner (VersionRace);
  // a PostgreSQL serialization failure or deadlock, or SQLite's busy lock, is run again the same way.
  return withWriteRetry(
    () =>
      db.$transaction(async (tx) => {
        const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) } });
        if (!row) throw new NotFoundError();
        const status = caseStatusOf(row.status);
        if (!canEditAnswers(status, actor.role)) throw InputError.form({ key: "crf.case.notEditable" });
        const reason = parsed.data.reason?.trim() || undefined;
        if (changeNeedsReason(status) && !reason) throw InputError.field("reason", { key: "crf.case.reasonRequired" });
        // Answers of an older form version are brought forward by crf:migrate only, never mixed with new ones (ADR 0021).
        if (row.formVersionSaved !== CURRENT_FORM_VERSION)
          throw InputError.form({
            key: "crf.case.formVersionPending",
            params: { version: row.formVersionSaved, current: CURRENT_FORM_VERSION },
          });
        const stored = asCaseAnswers(row.answers);
        const { answers: merged, conflicts } = mergePatch(stored, parsed.data);
        // After closing, only what an open query points at (study.server.ts, ADR 0007).
        await refuseChangesAfterClosing(
          tx,
          actor,
          now,
          row.id,
          diffAnswers(stored, merged).map((c) => c.path),
        );
        const answers = applyConditions(merged);
        const sentBlocks = parsed.data.blocks ? Object.keys(parsed.data.blocks) : [];
        refuseTooManyRows(answers, sentBlocks);
        refuseImpossibleDoses(answers, sentBlocks);
        const changes = diffAnswers(stored, answers);
        const computed = computeResults(answers, row.birthDate);
        if (changes.length === 0) {
          return { version: row.version, savedAt: row.updatedAt.toISOString(), answers: stored, computed, conflicts };
        }
        const updated = await tx.case.updateMany({
          where: { id: row.id, version: row.version },
          data: {
            answers: answers as object,
            computed: computed as object,
            version: row.version + 1,
            formVersionSaved: CURRENT_FORM_VERSION,
            updatedById: actor.id,
          },
        });
        if (updated.count !== 1) throw new VersionRace();
        const by = { id: actor.id, role: actor.role, centreCode: actor.centreCode };
        await appendAudit(
          tx,
          changes.map((c) => ({
            type: "case.field_changed" as const,
            actor: by,
            caseId: row.id,
            fieldPath: c.path,
            oldValue: c.before,
            newValue: c.after,
            reason,
            ...(fromPrefill(c.path) ? { data: { source: "prefill" as const } } : {}),
          })),
          now,
        );
        return { version: row.version + 1, savedAt: now.toISOString(), answers, computed, conflicts };
      }),
    {
      also: (error) => error instanceof VersionRace,
      exhausted: () => InputError.form({ key: "lifecycle.caseChanged" }),
    },
  );
}

/** A real field path: "comments", or "<block>.<row id>.<field>". */
function isFieldPath(path: string): boolean {
  const p = resolveAnswerPath(path);
  if (p?.kind === "field") return p.field.type === "text";
  return p?.kind === "rowField" && ROW_ID.test(p.rowId) && p.field.type === "text";
}

/** Records that the identifier guard blocked a value (kinds only, never the text). */
export async function recordIdentifierBlocked(
  db: Db,
  actor: Actor,
  caseId: string,
  fieldPath: string,
  kinds: string[],
): Promise<void> {
  authorize(actor, "case.edit");
  await getCaseRecord(db, actor, caseId);
  // Only known words reach the append-only trail: never text the user typed.
  const known = kinds.filter((k): k is IdentifierKind => (IDENTIFIER_KINDS as readonly string[]).includes(k));
  if (!isFieldPath(fieldPath) || known.length === 0 || known.length !== kinds.length)
    throw InputError.form({ key: "generic.invalid" });
  await db.$transaction((tx) =>
    appendAudit(tx, [
      {
        type: "case.identifier_blocked",
        actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
        caseId,
        fieldPath,
        data: { kinds: [...new Set(known)] },
      },
    ]),
  );
}
