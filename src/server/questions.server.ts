import "server-only";
import { z } from "zod";
import type { Actor } from "@/domain/actor";
import { guardFreeText } from "@/domain/identifier-guard";
import { authorize, centreScope } from "./access.server";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError, parseOrThrow } from "./errors";
import { notify } from "./notifications.server";

// Questions from centres to the coordinating centre (ADR 0016): the same
// thread model as queries, the other way round. A centre user asks about a
// case or a field; a coordinator answers; the centre closes it (or asks again
// by answering the thread). A question never changes the case's status and
// never blocks its validation: it asks for help, it does not question data.

export interface QuestionView {
  id: string;
  fieldPath: string | null;
  status: "OPEN" | "ANSWERED" | "CLOSED";
  createdAt: Date;
  messages: { kind: string; body: string; author: string; role: string; at: Date }[];
}

const message = (required: boolean) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (required && v.length === 0) ctx.addIssue({ code: "custom", message: "query.messageRequired" });
      const guard = guardFreeText(v, 2000);
      if (!guard.ok) for (const i of guard.issues) ctx.addIssue({ code: "custom", message: i.key, params: i.params });
    });

const askSchema = z.strictObject({ fieldPath: z.string().max(200).nullable(), message: message(true) });
const replySchema = z.strictObject({ message: message(true) });
const closeSchema = z.strictObject({ message: message(false).optional() });

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

/** A question the actor may see (another centre's is "not found"). */
async function visibleQuestion(tx: Tx, actor: Actor, questionId: string) {
  const q = await tx.caseQuestion.findFirst({ where: { id: String(questionId), case: centreScope(actor) } });
  if (!q) throw new NotFoundError();
  return q;
}

/** A centre user asks the coordinators about a case or one of its fields. */
export async function askQuestion(
  db: Db,
  actor: Actor,
  caseId: string,
  input: unknown,
): Promise<{ questionId: string }> {
  authorize(actor, "question.ask");
  const { fieldPath, message: body } = parseOrThrow(askSchema, input);
  return db.$transaction(async (tx) => {
    const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { id: true } });
    if (!row) throw new NotFoundError();
    const q = await tx.caseQuestion.create({
      data: {
        caseId,
        fieldPath: fieldPath || null,
        createdById: actor.id,
        messages: { create: { authorId: actor.id, kind: "asked", body } },
      },
    });
    await appendAudit(tx, [
      {
        type: "question.asked",
        actor: by(actor),
        caseId,
        fieldPath: fieldPath || null,
        data: { questionId: q.id, message: body },
      },
    ]);
    await notify(tx, actor, { kind: "question_asked", questionId: q.id });
    return { questionId: q.id };
  });
}

/** A reply on an open thread: who may post it, the status it leaves, and how it is recorded and told. */
const REPLIES = {
  answer: {
    permission: "question.answer",
    status: "ANSWERED",
    kind: "answered",
    event: "question.answered",
    notice: "question_answered",
  },
  followUp: {
    permission: "question.ask",
    status: "OPEN",
    kind: "asked",
    event: "question.asked",
    notice: "question_asked",
  },
} as const;

async function reply(
  db: Db,
  actor: Actor,
  questionId: string,
  input: unknown,
  step: keyof typeof REPLIES,
): Promise<void> {
  const r = REPLIES[step];
  authorize(actor, r.permission);
  const { message: body } = parseOrThrow(replySchema, input);
  await db.$transaction(async (tx) => {
    const q = await visibleQuestion(tx, actor, questionId);
    if (q.status === "CLOSED") throw InputError.form({ key: "query.closed" });
    await tx.caseQuestion.update({
      where: { id: q.id },
      data: { status: r.status, messages: { create: { authorId: actor.id, kind: r.kind, body } } },
    });
    await appendAudit(tx, [
      {
        type: r.event,
        actor: by(actor),
        caseId: q.caseId,
        fieldPath: q.fieldPath,
        data: { questionId: q.id, message: body },
      },
    ]);
    await notify(tx, actor, {
      kind: r.notice,
      questionId: q.id,
    });
  });
}

/** A coordinator answers; the centre is told. */
export function answerQuestion(db: Db, actor: Actor, questionId: string, input: unknown): Promise<void> {
  return reply(db, actor, questionId, input, "answer");
}

/** The centre follows up on its question (it is open again for the coordinators) … */
export function followUpQuestion(db: Db, actor: Actor, questionId: string, input: unknown): Promise<void> {
  return reply(db, actor, questionId, input, "followUp");
}

/** … or closes it once answered. */
export async function closeQuestion(db: Db, actor: Actor, questionId: string, input: unknown): Promise<void> {
  authorize(actor, "question.ask");
  const { message: body = "" } = parseOrThrow(closeSchema, input);
  await db.$transaction(async (tx) => {
    const q = await visibleQuestion(tx, actor, questionId);
    if (q.status === "CLOSED") return;
    await tx.caseQuestion.update({
      where: { id: q.id },
      data: { status: "CLOSED", messages: { create: { authorId: actor.id, kind: "closed", body } } },
    });
    await appendAudit(tx, [
      {
        type: "question.closed",
        actor: by(actor),
        caseId: q.caseId,
        fieldPath: q.fieldPath,
        data: { questionId: q.id, message: body },
      },
    ]);
  });
}

/** The questions of a case the actor may read (coordinators and monitors read them too). */
export async function caseQuestions(db: Db, actor: Actor, caseId: string): Promise<QuestionView[]> {
  authorize(actor, "case.read");
  const visible = await db.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { id: true } });
  if (!visible) throw new NotFoundError();
  const rows = await db.caseQuestion.findMany({
    where: { caseId },
    orderBy: { createdAt: "asc" },
    include: {
      messages: { orderBy: { createdAt: "asc" }, include: { author: { select: { displayName: true, role: true } } } },
    },
  });
  return rows.map((q) => ({
    id: q.id,
    fieldPath: q.fieldPath,
    status: q.status === "ANSWERED" || q.status === "CLOSED" ? q.status : "OPEN",
    createdAt: q.createdAt,
    messages: q.messages.map((m) => ({
      kind: m.kind,
      body: m.body,
      author: m.author.displayName,
      role: m.author.role,
      at: m.createdAt,
    })),
  }));
}
