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
import { canSign, canValidate, REASON_MAX, signatureState } from "@/domain/lifecycle";
import type { FieldErrors } from "@/domain/messages";
import { authorize, centreScope } from "./access.server";
import { by, type ClaimedCase, claimCase, onCase, openQueryCount, setStatus } from "./case-claim.server";
import { parseOrThrow } from "./errors";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { notify } from "./notifications.server";
import { checkSigningPassword } from "./auth/sign-in.server";
import { refuseIfStudyClosed } from "./study.server";

export function answersHash(answers: CaseAnswers): string {
  return createHash("sha256").update(canonicalJson(answers)).digest("hex");
}

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
