"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { action, type ActionContext } from "@/server/action.server";
import { deliverOutbox } from "@/server/outbox.server";
import { answerQuestion, askQuestion, closeQuestion, followUpQuestion } from "@/server/questions.server";
import { addValueNote } from "@/server/value-notes.server";
import { lockCase, signCase, unlockCase, validateCase } from "@/server/workflow.server";
import { answerQuery, closeQuery, raiseQuery, reopenQuery } from "@/server/case-queries.server";

/** An action on one case (its id first): once it succeeded, the case page is rendered again. */
function onCase<A extends unknown[], T>(body: (ctx: ActionContext, caseId: string, ...args: A) => Promise<T>) {
  return action(async (ctx, caseId: string, ...args: A) => {
    const result = await body(ctx, caseId, ...args);
    revalidatePath(`/cases/${caseId}`);
    // Notification mails queued by the change go out after the response (SMTP configured), else stay in the outbox.
    after(() => deliverOutbox(ctx.db));
    return result;
  });
}

// Access: clinicians of the case's centre ("case.sign"); research assistants and coordinators are refused.
export const signCaseAction = onCase(({ actor, db }, caseId, input: unknown) => signCase(db, actor, caseId, input));

// Access: coordinators and monitors ("query.manage").
export const raiseQueryAction = onCase(({ actor, db }, caseId, input: unknown) => raiseQuery(db, actor, caseId, input));

// Access: clinicians and research assistants of the case's centre ("case.edit").
export const answerQueryAction = onCase(({ actor, db }, _caseId, queryId: string, input: unknown) =>
  answerQuery(db, actor, queryId, input),
);

// Access: coordinators and monitors ("query.manage").
export const closeQueryAction = onCase(({ actor, db }, _caseId, queryId: string, input: unknown) =>
  closeQuery(db, actor, queryId, input),
);

// Access: coordinators and monitors ("query.manage").
export const reopenQueryAction = onCase(({ actor, db }, _caseId, queryId: string, input: unknown) =>
  reopenQuery(db, actor, queryId, input),
);

// Access: coordinators ("case.review").
export const validateCaseAction = onCase(({ actor, db }, caseId) => validateCase(db, actor, caseId));

// Access: coordinators ("case.review").
export const lockCaseAction = onCase(({ actor, db }, caseId) => lockCase(db, actor, caseId));

// Access: coordinators ("case.review"); a reason is required.
export const unlockCaseAction = onCase(({ actor, db }, caseId, input: unknown) => unlockCase(db, actor, caseId, input));

// Access: clinicians and research assistants of the case's centre ("case.edit"), while the case can change.
export const addValueNoteAction = onCase(({ actor, db }, caseId, input: unknown) =>
  addValueNote(db, actor, caseId, input),
);

// Questions from the centre to the coordinating centre (ADR 0016).
// Access: clinicians and research assistants of the case's centre ("question.ask").
export const askQuestionAction = onCase(({ actor, db }, caseId, input: unknown) =>
  askQuestion(db, actor, caseId, input),
);

// Access: coordinators ("question.answer").
export const answerQuestionAction = onCase(({ actor, db }, _caseId, questionId: string, input: unknown) =>
  answerQuestion(db, actor, questionId, input),
);

// Access: clinicians and research assistants of the case's centre ("question.ask").
export const followUpQuestionAction = onCase(({ actor, db }, _caseId, questionId: string, input: unknown) =>
  followUpQuestion(db, actor, questionId, input),
);

// Access: clinicians and research assistants of the case's centre ("question.ask").
export const closeQuestionAction = onCase(({ actor, db }, _caseId, questionId: string, input: unknown) =>
  closeQuestion(db, actor, questionId, input),
);
