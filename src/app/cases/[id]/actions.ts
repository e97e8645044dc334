"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { deliverOutbox } from "@/server/outbox.server";
import { requireActor } from "@/server/session.server";
import { answerQuestion, askQuestion, closeQuestion, followUpQuestion } from "@/server/questions.server";
import { addValueNote } from "@/server/value-notes.server";
import {
  answerQuery,
  closeQuery,
  lockCase,
  raiseQuery,
  reopenQuery,
  signCase,
  unlockCase,
  validateCase,
} from "@/server/workflow.server";

async function run<T>(
  caseId: string,
  body: (actor: Awaited<ReturnType<typeof requireActor>>) => Promise<T>,
): Promise<ActionResult<T>> {
  const actor = await requireActor();
  const result = await runAction(() => body(actor));
  if (result.ok) {
    revalidatePath(`/cases/${caseId}`);
    // Notification mails queued by the change go out after the response (SMTP configured), else stay in the outbox.
    after(() => deliverOutbox(db()));
  }
  return result;
}

// Access: clinicians of the case's centre ("case.sign"); research assistants and coordinators are refused.
export async function signCaseAction(caseId: string, input: unknown) {
  return run(caseId, (actor) => signCase(db(), actor, caseId, input));
}

// Access: coordinators and monitors ("query.manage").
export async function raiseQueryAction(caseId: string, input: unknown) {
  return run(caseId, (actor) => raiseQuery(db(), actor, caseId, input));
}

// Access: clinicians and research assistants of the case's centre ("case.edit").
export async function answerQueryAction(caseId: string, queryId: string, input: unknown) {
  return run(caseId, (actor) => answerQuery(db(), actor, queryId, input));
}

// Access: coordinators and monitors ("query.manage").
export async function closeQueryAction(caseId: string, queryId: string, input: unknown) {
  return run(caseId, (actor) => closeQuery(db(), actor, queryId, input));
}

// Access: coordinators and monitors ("query.manage").
export async function reopenQueryAction(caseId: string, queryId: string, input: unknown) {
  return run(caseId, (actor) => reopenQuery(db(), actor, queryId, input));
}

// Access: coordinators ("case.review").
export async function validateCaseAction(caseId: string) {
  return run(caseId, (actor) => validateCase(db(), actor, caseId));
}

// Access: coordinators ("case.review").
export async function lockCaseAction(caseId: string) {
  return run(caseId, (actor) => lockCase(db(), actor, caseId));
}

// Access: coordinators ("case.review"); a reason is required.
export async function unlockCaseAction(caseId: string, input: unknown) {
  return run(caseId, (actor) => unlockCase(db(), actor, caseId, input));
}

// Access: clinicians and research assistants of the case's centre ("case.edit"), while the case can change.
export async function addValueNoteAction(caseId: string, input: unknown) {
  return run(caseId, (actor) => addValueNote(db(), actor, caseId, input));
}

// Questions from the centre to the coordinating centre (ADR 0016).
// Access: clinicians and research assistants of the case's centre ("question.ask").
export async function askQuestionAction(caseId: string, input: unknown) {
  return run(caseId, (actor) => askQuestion(db(), actor, caseId, input));
}

// Access: coordinators ("question.answer").
export async function answerQuestionAction(caseId: string, questionId: string, input: unknown) {
  return run(caseId, (actor) => answerQuestion(db(), actor, questionId, input));
}

// Access: clinicians and research assistants of the case's centre ("question.ask").
export async function followUpQuestionAction(caseId: string, questionId: string, input: unknown) {
  return run(caseId, (actor) => followUpQuestion(db(), actor, questionId, input));
}

// Access: clinicians and research assistants of the case's centre ("question.ask").
export async function closeQuestionAction(caseId: string, questionId: string, input: unknown) {
  return run(caseId, (actor) => closeQuestion(db(), actor, questionId, input));
}
