import "server-only";
import { z } from "zod";
import type { Actor } from "@/domain/actor";
import { guardFreeText } from "@/domain/identifier-guard";
import { canRaiseQuery } from "@/domain/lifecycle";
import { authorize, centreScope } from "./access.server";
import { appendAudit, type TxClient } from "./audit.server";
import { by, claimCase, onCase, openQueryCount, setStatus } from "./case-claim.server";
import { parseOrThrow } from "./errors";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { notify } from "./notifications.server";
import { entryOpenFor } from "./study.server";

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

const messageSchema = (required: boolean) =>
  z
    .string()
    .trim()
    .max(2000, { message: "query.tooLong" })
    .superRefine((v, ctx) => {
      if (required && v.length === 0) ctx.addIssue({ code: "custom", message: "query.messageRequired" });
      const guard = guardFreeText(v, 2000);
      if (!guard.ok) for (const i of guard.issues) ctx.addIssue({ code: "custom", message: i.key, params: i.params });
    });

const raiseSchema = z.strictObject({ fieldPath: z.string().max(200).nullable(), message: messageSchema(true) });

/** The coordinator (or a monitor) asks a question about a field (or the whole case); the case becomes "queried". */
export async function raiseQuery(db: Db, actor: Actor, caseId: string, input: unknown): Promise<{ queryId: string }> {
  authorize(actor, "query.manage");
  const { fieldPath, message } = parseOrThrow(raiseSchema, input);
  return onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    if (!canRaiseQuery(row.status)) throw InputError.form({ key: "query.notQueryable" });
    const query = await tx.query.create({
      data: {
        caseId,
        fieldPath: fieldPath || null,
        createdById: actor.id,
        messages: { create: { authorId: actor.id, kind: "raised", body: message } },
      },
    });
    await appendAudit(tx, [
      {
        type: "query.raised",
        actor: by(actor),
        caseId,
        fieldPath: fieldPath || null,
        data: { queryId: query.id, message },
      },
    ]);
    // A query on a validated case sends it back to the centre (ADR 0016: one notification, "sent back").
    await notify(tx, actor, {
      kind: row.status === "VALIDATED" ? "case_sent_back" : "query_raised",
      queryId: query.id,
    });
    await setStatus(tx, actor, row, "QUERIED");
    return { queryId: query.id };
  });
}

/** The case of a query the actor may see (another centre's query is "not found"). */
async function caseOfQuery(db: Db, actor: Actor, queryId: string): Promise<string> {
  const query = await db.query.findFirst({
    where: { id: queryId, case: centreScope(actor) },
    select: { caseId: true },
  });
  if (!query) throw new NotFoundError();
  return query.caseId;
}

/** The query as it is once its case is claimed (a concurrent close or reopen has committed by then). */
async function claimedQuery(tx: TxClient, queryId: string) {
  return tx.query.findUniqueOrThrow({ where: { id: queryId } });
}

const STEPS = {
  answered: { status: "ANSWERED", event: "query.answered" },
  closed: { status: "CLOSED", event: "query.closed" },
  reopened: { status: "OPEN", event: "query.reopened" },
} as const;

/** One step of a query's thread, in the case's transaction: its new status, the message, the audit event. */
async function recordQueryStep(
  tx: TxClient,
  actor: Actor,
  query: { id: string; caseId: string; fieldPath: string | null },
  kind: keyof typeof STEPS,
  message: string,
  now?: Date,
): Promise<void> {
  const { status, event } = STEPS[kind];
  await tx.query.update({
    where: { id: query.id },
    data: { status, messages: { create: { authorId: actor.id, kind, body: message } } },
  });
  await appendAudit(
    tx,
    [
      {
        type: event,
        actor: by(actor),
        caseId: query.caseId,
        fieldPath: query.fieldPath,
        data: { queryId: query.id, message },
      },
    ],
    now,
  );
}

const answerSchema = z.strictObject({ message: messageSchema(true) });

/**
 * The centre answers a query (and may correct the value through the form,
 * with a reason). After the study's closing only an OPEN query can be answered
 * (an answered one waits for the coordinator, who may reopen it).
 */
export async function answerQuery(
  db: Db,
  actor: Actor,
  queryId: string,
  input: unknown,
  now: Date = new Date(),
): Promise<void> {
  authorize(actor, "case.edit");
  const { message } = parseOrThrow(answerSchema, input);
  const caseId = await caseOfQuery(db, actor, queryId);
  const entry = await entryOpenFor(db, actor, now);
  await onCase(db, async (tx) => {
    await claimCase(tx, actor, caseId);
    const query = await claimedQuery(tx, queryId);
    if (query.status === "CLOSED") throw InputError.form({ key: "query.closed" });
    if (!entry.open && query.status !== "OPEN") throw InputError.form({ key: "lifecycle.queryNotOpen" });
    await recordQueryStep(tx, actor, query, "answered", message, now);
    await notify(tx, actor, { kind: "query_answered", queryId: query.id });
  });
}

const closeSchema = z.strictObject({ message: messageSchema(false).optional() });

/** The coordinator closes a query; with none left open the case is "submitted" again. */
export async function closeQuery(db: Db, actor: Actor, queryId: string, input: unknown): Promise<void> {
  authorize(actor, "query.manage");
  const { message = "" } = parseOrThrow(closeSchema, input);
  const caseId = await caseOfQuery(db, actor, queryId);
  await onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    const query = await claimedQuery(tx, queryId);
    if (query.status === "CLOSED") return;
    await recordQueryStep(tx, actor, query, "closed", message);
    if ((await openQueryCount(tx, caseId)) === 0 && row.status === "QUERIED")
      await setStatus(tx, actor, row, "SUBMITTED");
  });
}

const reopenSchema = z.strictObject({ message: messageSchema(true) });

export async function reopenQuery(db: Db, actor: Actor, queryId: string, input: unknown): Promise<void> {
  authorize(actor, "query.manage");
  const { message } = parseOrThrow(reopenSchema, input);
  const caseId = await caseOfQuery(db, actor, queryId);
  await onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    const query = await claimedQuery(tx, queryId);
    if (query.status !== "CLOSED" || !canRaiseQuery(row.status)) throw InputError.form({ key: "query.notQueryable" });
    await recordQueryStep(tx, actor, query, "reopened", message);
    await notify(tx, actor, {
      kind: row.status === "VALIDATED" ? "case_sent_back" : "query_reopened",
      queryId: query.id,
    });
    await setStatus(tx, actor, row, "QUERIED");
  });
}
