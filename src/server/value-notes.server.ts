import "server-only";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers } from "@/domain/crf/answers";
import { canEditAnswers, isCaseStatus } from "@/domain/lifecycle";
import { isNotePath, valueNoteSchema } from "@/domain/value-notes";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";

// Notes on values (ADR 0016): written by the centre's users while the case can
// still be changed, read by everyone who can read the case, audited with their
// text (scanned by the identifier guard first). Append-only: a note is never
// edited or removed; a later note corrects an earlier one.

export interface ValueNoteView {
  id: string;
  fieldPath: string;
  body: string;
  author: string;
  role: string;
  at: Date;
}

export async function addValueNote(db: Db, actor: Actor, caseId: string, input: unknown): Promise<{ noteId: string }> {
  authorize(actor, "case.edit");
  const parsed = valueNoteSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const { fieldPath, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const row = await tx.case.findFirst({
      where: { id: caseId, ...centreScope(actor) },
      select: { status: true, answers: true },
    });
    if (!row) throw new NotFoundError();
    if (!isCaseStatus(row.status) || !canEditAnswers(row.status, actor.role))
      throw InputError.form({ key: "valueNote.notAllowed" });
    if (!isNotePath(fieldPath, asCaseAnswers(row.answers)))
      throw InputError.field("fieldPath", { key: "valueNote.fieldUnknown", params: { path: fieldPath } });
    const created = await tx.valueNote.create({
      data: { caseId, fieldPath, body: note, authorId: actor.id },
      select: { id: true },
    });
    await appendAudit(tx, [
      {
        type: "case.note_added",
        actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
        caseId,
        fieldPath,
        data: { noteId: created.id, message: note },
      },
    ]);
    return { noteId: created.id };
  });
}

/** The notes of a case the actor may read, oldest first. */
export async function listValueNotes(db: Db, actor: Actor, caseId: string): Promise<ValueNoteView[]> {
  authorize(actor, "case.read");
  const visible = await db.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { id: true } });
  if (!visible) throw new NotFoundError();
  const notes = await db.valueNote.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { displayName: true, role: true } } },
  });
  return notes.map((n) => ({
    id: n.id,
    fieldPath: n.fieldPath,
    body: n.body,
    author: n.author.displayName,
    role: n.author.role,
    at: n.createdAt,
  }));
}
