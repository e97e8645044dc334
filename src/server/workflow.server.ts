import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/domain/actor";
import { ATTESTATION } from "@/domain/attestation";
import { canonicalJson } from "@/domain/canonical-json";
import { asCaseAnswers, type CaseAnswers } from "@/domain/crf/answers";
import { submissionProblems } from "@/domain/crf/readiness";
import { todayIso } from "@/domain/dates";
import { guardFreeText } from "@/domain/identifier-guard";
import {
  canRaiseQuery,
  canSign,
  canValidate,
  caseStatusOf,
  REASON_MAX,
  signatureState,
  type CaseStatus,
} from "@/domain/lifecycle";
import type { FieldErrors } from "@/domain/messages";
import { authorize, centreScope } from "./access.server";
import { appendAudit, type Tx, type TxClient } from "./audit.server";
import type { Db } from "./db/create-db";
import { withWriteRetry } from "./db/write-retry";
import { InputError, NotFoundError } from "./errors";
import { notify } from "./notifications.server";
import { checkSigningPassword } from "./auth/sign-in.server";
import { entryOpenFor, refuseIfStudyClosed } from "./study.server";

export function answersHash(answers: CaseAnswers): string {
  return createHash("sha256").update(canonicalJson(answers)).digest("hex");
}

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

// ---------------------------------------------------------------------------
// Concurrency. Every workflow change starts by claiming the case row: a
// conditional write on the status and version it has just read. That write
// takes the row's lock (PostgreSQL) or the write lock (SQLite) until commit,
// so two workflow changes of one case run one after the other, and whatever
// the change reads after the claim (open queries, last signature) cannot
// change under it. A status change bumps Case.version, so a draft save that
// read the case before it (saveDraft writes only if the version is still the
// one it read) retries on the new state instead of writing after, say,
// validation. A claim that finds the case changed since it was read runs the
// whole change again on a fresh read, a few times, then gives up with a clear
// message (lifecycle.caseChanged), never a 500.
// ---------------------------------------------------------------------------

/** The case changed between this transaction's read and its conditional write. */
class CaseChanged extends Error {}

/** The change in one transaction, run again on a fresh read when it lost a race (withWriteRetry: P2034, SQLITE_BUSY). */
function onCase<T>(db: Db, body: (tx: TxClient) => Promise<T>): Promise<T> {
  return withWriteRetry(() => db.$transaction((tx) => body(tx)), {
    also: (error) => error instanceof CaseChanged,
    exhausted: () => InputError.form({ key: "lifecycle.caseChanged" }),
  });
}

interface ClaimedCase {
  id: string;
  status: CaseStatus;
  /** The status as stored, for the conditional writes (on SQLite an unknown text would be treated as LOCKED above). */
  storedStatus: CaseStatus;
  version: number;
  answers: CaseAnswers;
  birthDate: string;
}

async function claimCase(tx: TxClient, actor: Actor, caseId: string): Promise<ClaimedCase> {
  const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) } });
  if (!row) throw new NotFoundError();
  // Writes the status it read, only if status and version are still those read: the lock, and the check.
  const claimed = await tx.case.updateMany({
    where: { id: row.id, status: row.status, version: row.version },
    data: { status: row.status },
  });
  if (claimed.count !== 1) throw new CaseChanged();
  return {
    id: row.id,
    status: caseStatusOf(row.status),
    storedStatus: row.status,
    version: row.version,
    answers: asCaseAnswers(row.answers),
    birthDate: row.birthDate,
  };
}

/** Compare-and-set from the claimed status and version; bumps the version. */
async function setStatus(tx: TxClient, actor: Actor, row: ClaimedCase, to: CaseStatus, reason?: string): Promise<void> {
  if (row.status === to) return;
  const done = await tx.case.updateMany({
    where: { id: row.id, status: row.storedStatus, version: row.version },
    data: { status: to, version: row.version + 1 },
  });
  if (done.count !== 1) throw new CaseChanged();
  await appendAudit(tx, [
    { type: "case.status_changed", actor: by(actor), caseId: row.id, oldValue: row.status, newValue: to, reason },
  ]);
  Object.assign(row, { status: to, storedStatus: to, version: row.version + 1 });
}

const openQueryCount = (tx: Tx, caseId: string) => tx.query.count({ where: { caseId, status: { not: "CLOSED" } } });

async function lastSignature(tx: Tx, caseId: string) {
  // By version first: a new signature always follows a change of the answers (a save bumps the version),
  // whereas signedAt is the caller's clock.
  return tx.signature.findFirst({
    where: { caseId },
    orderBy: [{ caseVersion: "desc" }, { signedAt: "desc" }],
    select: { id: true, answersHash: true },
  });
}

/** Readiness as at submission (required fields, unconfirmed unusual values, errors), keyed by field. */
function readinessErrors(row: ClaimedCase, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of submissionProblems(row.answers, { today: todayIso(now), birthDate: row.birthDate }))
    (errors[p.path] ??= []).push({ key: p.key, params: p.params });
  return errors;
}

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const i of parsed.error.issues) {
    const params = (i as { params?: Record<string, string | number> }).params;
    (errors[String(i.path[0] ?? "_form")] ??= []).push({
      key: /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(i.message) ? i.message : "generic.invalid",
      params,
    });
  }
  throw new InputError(errors);
}

// ---------------------------------------------------------------------------
// Signing
// ---------------------------------------------------------------------------

const signSchema = z.strictObject({
  password: z.string().min(1, { message: "sign.passwordRequired" }).max(1024),
  attest: z.literal(true, { message: "sign.attestRequired" }),
  locale: z.enum(["fr", "en"]).default("fr"),
});

/**
 * The clinician signs and submits: password re-entered, attestation accepted,
 * nothing required left empty, no unusual value left unconfirmed. The
 * signature keeps a hash of the answers signed. On a submitted or queried
 * case whose answers changed since the last signature (a correction after a
 * query), the clinician signs again the same way; signing unchanged answers
 * again is refused (it would attest nothing new).
 *
 * After the study's closing, a first signature is refused like any entry;
 * signing again is not — it changes no answer, and without it a correction
 * made in answer to a query could never be validated.
 */
export async function signCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: unknown,
  now: Date = new Date(),
): Promise<{ signatureId: string }> {
  authorize(actor, "case.sign");
  const parsed = signSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const i of parsed.error.issues)
      (errors[String(i.path[0] ?? "_form")] ??= []).push({
        key: i.message.includes(".") ? i.message : "generic.invalid",
      });
    throw new InputError(errors);
  }
  const visible = await db.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { answers: true } });
  if (!visible) throw new NotFoundError();
  const previous = await lastSignature(db, caseId);
  if (signatureState(previous?.answersHash ?? null, answersHash(asCaseAnswers(visible.answers))) !== "stale")
    await refuseIfStudyClosed(db, actor, now, caseId);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  // A wrong password counts with the sign-in failures and is audited (ADR 0011): signing is no guessing oracle.
  const signer = {
    id: user.id,
    email: user.email,
    passwordHash: user.passwordHash,
    role: actor.role,
    centreCode: actor.centreCode,
  };
  if (!(await checkSigningPassword(db, signer, parsed.data.password, caseId, { now }))) {
    throw InputError.field("password", { key: "sign.wrongPassword" });
  }
  return onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    if (!canSign(row.status)) throw InputError.form({ key: "crf.case.notEditable" });
    const problems = readinessErrors(row, now);
    if (Object.keys(problems).length) throw new InputError(problems);
    const hash = answersHash(row.answers);
    const last = await lastSignature(tx, caseId);
    if (signatureState(last?.answersHash ?? null, hash) === "current")
      throw InputError.form({ key: "lifecycle.alreadySigned" });
    const signature = await tx.signature.create({
      data: {
        caseId,
        signedById: actor.id,
        signedAt: now,
        answersHash: hash,
        caseVersion: row.version,
        attestation: ATTESTATION[parsed.data.locale],
      },
    });
    await appendAudit(
      tx,
      [
        {
          type: "case.signed",
          actor: by(actor),
          caseId,
          data: {
            signatureId: signature.id,
            answersHash: hash,
            version: row.version,
            ...(last ? { previousSignatureId: last.id } : {}),
          },
        },
      ],
      now,
    );
    await setStatus(tx, actor, row, (await openQueryCount(tx, caseId)) > 0 ? "QUERIED" : "SUBMITTED");
    return { signatureId: signature.id };
  });
}

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
    await tx.query.update({
      where: { id: query.id },
      data: { status: "ANSWERED", messages: { create: { authorId: actor.id, kind: "answered", body: message } } },
    });
    await appendAudit(
      tx,
      [
        {
          type: "query.answered",
          actor: by(actor),
          caseId,
          fieldPath: query.fieldPath,
          data: { queryId: query.id, message },
        },
      ],
      now,
    );
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
    await tx.query.update({
      where: { id: query.id },
      data: { status: "CLOSED", messages: { create: { authorId: actor.id, kind: "closed", body: message } } },
    });
    await appendAudit(tx, [
      {
        type: "query.closed",
        actor: by(actor),
        caseId,
        fieldPath: query.fieldPath,
        data: { queryId: query.id, message },
      },
    ]);
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
    await tx.query.update({
      where: { id: query.id },
      data: { status: "OPEN", messages: { create: { authorId: actor.id, kind: "reopened", body: message } } },
    });
    await appendAudit(tx, [
      {
        type: "query.reopened",
        actor: by(actor),
        caseId,
        fieldPath: query.fieldPath,
        data: { queryId: query.id, message },
      },
    ]);
    await notify(tx, actor, {
      kind: row.status === "VALIDATED" ? "case_sent_back" : "query_reopened",
      queryId: query.id,
    });
    await setStatus(tx, actor, row, "QUERIED");
  });
}

// ---------------------------------------------------------------------------
// Validation and locking
// ---------------------------------------------------------------------------

/**
 * The coordinator validates a submitted case: no query left open, the last
 * signature covering the answers as they are now (else the clinician must
 * sign again), and the readiness rules of submission still met.
 */
export async function validateCase(db: Db, actor: Actor, caseId: string, now: Date = new Date()): Promise<void> {
  authorize(actor, "case.review");
  await onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    const open = await openQueryCount(tx, caseId);
    if (!canValidate(row.status, open))
      throw InputError.form({ key: open > 0 ? "workflow.openQueries" : "workflow.notSubmitted" });
    const signature = signatureState((await lastSignature(tx, caseId))?.answersHash ?? null, answersHash(row.answers));
    if (signature === "none") throw InputError.form({ key: "lifecycle.notSigned" });
    if (signature === "stale") throw InputError.form({ key: "lifecycle.signatureStale" });
    const problems = readinessErrors(row, now);
    const count = Object.keys(problems).length;
    if (count) throw new InputError({ _form: [{ key: "lifecycle.notReady", params: { count } }], ...problems });
    await setStatus(tx, actor, row, "VALIDATED");
    await notify(tx, actor, { kind: "case_validated", caseId, version: row.version });
  });
}

const reasonSchema = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: "workflow.reasonRequired" })
    .max(REASON_MAX, { message: "workflow.reasonRequired" })
    // Free text kept in the audit trail: the identifier guard reads it (issue 10, finding 6).
    .superRefine((v, ctx) => {
      const guard = guardFreeText(v, REASON_MAX);
      if (!guard.ok) for (const i of guard.issues) ctx.addIssue({ code: "custom", message: i.key, params: i.params });
    }),
});

/** Locking makes a validated case read-only for everyone; unlocking needs a reason. */
export async function lockCase(db: Db, actor: Actor, caseId: string): Promise<void> {
  authorize(actor, "case.review");
  await onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    if (row.status !== "VALIDATED") throw InputError.form({ key: "workflow.notValidated" });
    await setStatus(tx, actor, row, "LOCKED");
  });
}

export async function unlockCase(db: Db, actor: Actor, caseId: string, input: unknown): Promise<void> {
  authorize(actor, "case.review");
  const { reason } = parseOrThrow(reasonSchema, input);
  await onCase(db, async (tx) => {
    const row = await claimCase(tx, actor, caseId);
    if (row.status !== "LOCKED") throw InputError.form({ key: "workflow.notLocked" });
    await setStatus(tx, actor, row, "VALIDATED", reason);
  });
}
