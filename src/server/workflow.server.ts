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
import { canRaiseQuery, canSign, canValidate, isCaseStatus, REASON_MAX, type CaseStatus } from "@/domain/lifecycle";
import type { FieldErrors } from "@/domain/messages";
import { authorize, centreScope } from "./access.server";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { verifyPassword } from "./passwords.server";
import { refuseIfStudyClosed } from "./study.server";

export function answersHash(answers: CaseAnswers): string {
  return createHash("sha256").update(canonicalJson(answers)).digest("hex");
}

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

async function scopedCase(tx: Tx, actor: Actor, caseId: string) {
  const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) } });
  if (!row) throw new NotFoundError();
  return { ...row, status: (isCaseStatus(row.status) ? row.status : "LOCKED") as CaseStatus };
}

async function setStatus(tx: Tx, actor: Actor, caseId: string, from: CaseStatus, to: CaseStatus, reason?: string): Promise<void> {
  if (from === to) return;
  await tx.case.update({ where: { id: caseId }, data: { status: to } });
  await appendAudit(tx, [{ type: "case.status_changed", actor: by(actor), caseId, oldValue: from, newValue: to, reason }]);
}

const signSchema = z.strictObject({
  password: z.string().min(1, { message: "sign.passwordRequired" }).max(1024),
  attest: z.literal(true, { message: "sign.attestRequired" }),
  locale: z.enum(["fr", "en"]).default("fr"),
});

/**
 * The clinician signs and submits: password re-entered, attestation accepted,
 * nothing required left empty, no unusual value left unconfirmed. The
 * signature keeps a hash of the answers signed.
 */
export async function signCase(db: Db, actor: Actor, caseId: string, input: unknown, now: Date = new Date()): Promise<{ signatureId: string }> {
  authorize(actor, "case.sign");
  const parsed = signSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const i of parsed.error.issues) (errors[String(i.path[0] ?? "_form")] ??= []).push({ key: i.message.includes(".") ? i.message : "generic.invalid" });
    throw new InputError(errors);
  }
  await refuseIfStudyClosed(db, actor, now, caseId);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
    throw InputError.field("password", { key: "sign.wrongPassword" });
  }
  return db.$transaction(async (tx) => {
    const row = await scopedCase(tx, actor, caseId);
    if (!canSign(row.status)) throw InputError.form({ key: "crf.case.notEditable" });
    const answers = asCaseAnswers(row.answers);
    const problems = submissionProblems(answers, { today: todayIso(now), birthDate: row.birthDate });
    if (problems.length) {
      const errors: FieldErrors = {};
      for (const p of problems) (errors[p.path] ??= []).push({ key: p.key, params: p.params });
      throw new InputError(errors);
    }
    const hash = answersHash(answers);
    const signature = await tx.signature.create({
      data: { caseId, signedById: actor.id, signedAt: now, answersHash: hash, caseVersion: row.version, attestation: ATTESTATION[parsed.data.locale] },
    });
    await appendAudit(tx, [{ type: "case.signed", actor: by(actor), caseId, data: { signatureId: signature.id, answersHash: hash, version: row.version } }], now);
    const open = await tx.query.count({ where: { caseId, status: { not: "CLOSED" } } });
    await setStatus(tx, actor, caseId, row.status, open > 0 ? "QUERIED" : "SUBMITTED");
    return { signatureId: signature.id };
  });
}

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

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const i of parsed.error.issues) {
    const params = (i as { params?: Record<string, string | number> }).params;
    (errors[String(i.path[0] ?? "_form")] ??= []).push({ key: /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(i.message) ? i.message : "generic.invalid", params });
  }
  throw new InputError(errors);
}

const raiseSchema = z.strictObject({ fieldPath: z.string().max(200).nullable(), message: messageSchema(true) });

/** The coordinator asks a question about a field (or the whole case); the case becomes "queried". */
export async function raiseQuery(db: Db, actor: Actor, caseId: string, input: unknown): Promise<{ queryId: string }> {
  authorize(actor, "case.review");
  const { fieldPath, message } = parseOrThrow(raiseSchema, input);
  return db.$transaction(async (tx) => {
    const row = await scopedCase(tx, actor, caseId);
    if (!canRaiseQuery(row.status)) throw InputError.form({ key: "query.notQueryable" });
    const query = await tx.query.create({ data: { caseId, fieldPath: fieldPath || null, createdById: actor.id, messages: { create: { authorId: actor.id, kind: "raised", body: message } } } });
    await appendAudit(tx, [{ type: "query.raised", actor: by(actor), caseId, fieldPath: fieldPath || null, data: { queryId: query.id, message } }]);
    await setStatus(tx, actor, caseId, row.status, "QUERIED");
    return { queryId: query.id };
  });
}

async function scopedQuery(tx: Tx, actor: Actor, queryId: string) {
  const query = await tx.query.findFirst({ where: { id: queryId, case: centreScope(actor) } });
  if (!query) throw new NotFoundError();
  return query;
}

const answerSchema = z.strictObject({ message: messageSchema(true) });

/** The centre answers a query (and may correct the value through the form, with a reason). */
export async function answerQuery(db: Db, actor: Actor, queryId: string, input: unknown): Promise<void> {
  authorize(actor, "case.edit");
  const { message } = parseOrThrow(answerSchema, input);
  await db.$transaction(async (tx) => {
    const query = await scopedQuery(tx, actor, queryId);
    if (query.status === "CLOSED") throw InputError.form({ key: "query.closed" });
    await tx.query.update({ where: { id: query.id }, data: { status: "ANSWERED", messages: { create: { authorId: actor.id, kind: "answered", body: message } } } });
    await appendAudit(tx, [{ type: "query.answered", actor: by(actor), caseId: query.caseId, fieldPath: query.fieldPath, data: { queryId: query.id, message } }]);
  });
}

const closeSchema = z.strictObject({ message: messageSchema(false).optional() });

/** The coordinator closes a query; with none left open the case is "submitted" again. */
export async function closeQuery(db: Db, actor: Actor, queryId: string, input: unknown): Promise<void> {
  authorize(actor, "case.review");
  const { message = "" } = parseOrThrow(closeSchema, input);
  await db.$transaction(async (tx) => {
    const query = await scopedQuery(tx, actor, queryId);
    if (query.status === "CLOSED") return;
    await tx.query.update({ where: { id: query.id }, data: { status: "CLOSED", messages: { create: { authorId: actor.id, kind: "closed", body: message } } } });
    await appendAudit(tx, [{ type: "query.closed", actor: by(actor), caseId: query.caseId, fieldPath: query.fieldPath, data: { queryId: query.id, message } }]);
    const row = await scopedCase(tx, actor, query.caseId);
    const open = await tx.query.count({ where: { caseId: query.caseId, status: { not: "CLOSED" } } });
    if (open === 0 && row.status === "QUERIED") await setStatus(tx, actor, row.id, row.status, "SUBMITTED");
  });
}

const reopenSchema = z.strictObject({ message: messageSchema(true) });

export async function reopenQuery(db: Db, actor: Actor, queryId: string, input: unknown): Promise<void> {
  authorize(actor, "case.review");
  const { message } = parseOrThrow(reopenSchema, input);
  await db.$transaction(async (tx) => {
    const query = await scopedQuery(tx, actor, queryId);
    const row = await scopedCase(tx, actor, query.caseId);
    if (query.status !== "CLOSED" || !canRaiseQuery(row.status)) throw InputError.form({ key: "query.notQueryable" });
    await tx.query.update({ where: { id: query.id }, data: { status: "OPEN", messages: { create: { authorId: actor.id, kind: "reopened", body: message } } } });
    await appendAudit(tx, [{ type: "query.reopened", actor: by(actor), caseId: query.caseId, fieldPath: query.fieldPath, data: { queryId: query.id, message } }]);
    await setStatus(tx, actor, row.id, row.status, "QUERIED");
  });
}

/** The coordinator validates a submitted case with no open query. */
export async function validateCase(db: Db, actor: Actor, caseId: string): Promise<void> {
  authorize(actor, "case.review");
  await db.$transaction(async (tx) => {
    const row = await scopedCase(tx, actor, caseId);
    const open = await tx.query.count({ where: { caseId, status: { not: "CLOSED" } } });
    if (!canValidate(row.status, open)) throw InputError.form({ key: open > 0 ? "workflow.openQueries" : "workflow.notSubmitted" });
    await setStatus(tx, actor, caseId, row.status, "VALIDATED");
  });
}

const reasonSchema = z.strictObject({ reason: z.string().trim().min(1, { message: "workflow.reasonRequired" }).max(REASON_MAX, { message: "workflow.reasonRequired" }) });

/** Locking makes a validated case read-only for everyone; unlocking needs a reason. */
export async function lockCase(db: Db, actor: Actor, caseId: string): Promise<void> {
  authorize(actor, "case.review");
  await db.$transaction(async (tx) => {
    const row = await scopedCase(tx, actor, caseId);
    if (row.status !== "VALIDATED") throw InputError.form({ key: "workflow.notValidated" });
    await setStatus(tx, actor, caseId, row.status, "LOCKED");
  });
}

export async function unlockCase(db: Db, actor: Actor, caseId: string, input: unknown): Promise<void> {
  authorize(actor, "case.review");
  const { reason } = parseOrThrow(reasonSchema, input);
  await db.$transaction(async (tx) => {
    const row = await scopedCase(tx, actor, caseId);
    if (row.status !== "LOCKED") throw InputError.form({ key: "workflow.notLocked" });
    await setStatus(tx, actor, caseId, row.status, "VALIDATED", reason);
  });
}
