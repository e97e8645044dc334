"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MessageForm, ThreadFieldChoice, ThreadPanel, useThreadActions } from "@/components/threads/thread";
import type { ActionResult } from "@/server/action.server";
import type { QuestionView } from "@/server/questions.server";

type Send = (input: unknown) => Promise<ActionResult<unknown>>;

export interface QuestionActions {
  askQuestionAction: (caseId: string, input: unknown) => Promise<ActionResult<{ questionId: string }>>;
  answerQuestionAction: (caseId: string, questionId: string, input: unknown) => Promise<ActionResult<void>>;
  followUpQuestionAction: (caseId: string, questionId: string, input: unknown) => Promise<ActionResult<void>>;
  closeQuestionAction: (caseId: string, questionId: string, input: unknown) => Promise<ActionResult<void>>;
}

interface Props {
  caseId: string;
  questions: QuestionView[];
  /** Centre users ask, follow up and close; coordinators answer. */
  mayAsk: boolean;
  mayAnswer: boolean;
  /** The case route's actions, given by the page (a component imports no route). */
  actions: QuestionActions;
}

/** Questions from the centre to the coordinating centre: help asked, never a change of the case's status. */
export function QuestionsPanel({ caseId, questions, mayAsk, mayAnswer, actions }: Props) {
  const t = useTranslations("collab.questions");
  const { errorText, after } = useThreadActions();
  const [fieldPath, setFieldPath] = useState("");
  if (!mayAsk && questions.length === 0) return null;
  const send = (fn: Send) => async (message: string) => after(await fn({ message }));
  return (
    <ThreadPanel
      id="questions"
      threads={questions}
      labels={t}
      help={t("help")}
      errorText={errorText}
      testId="questions-panel"
      threadTestId="question"
      forms={(q) =>
        q.status === "CLOSED" ? null : (
          <>
            {mayAnswer ? (
              <MessageForm
                label={t("answer")}
                submit={t("sendAnswer")}
                onSend={send((input) => actions.answerQuestionAction(caseId, q.id, input))}
              />
            ) : null}
            {mayAsk ? (
              <>
                <MessageForm
                  label={t("followUp")}
                  submit={t("sendFollowUp")}
                  onSend={send((input) => actions.followUpQuestionAction(caseId, q.id, input))}
                />
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={async () => after(await actions.closeQuestionAction(caseId, q.id, {}))}
                >
                  {t("close")}
                </button>
              </>
            ) : null}
          </>
        )
      }
      after={
        mayAsk ? (
          <div className="raise-form">
            <ThreadFieldChoice
              id="question-field"
              label={t("field")}
              wholeCase={t("wholeCase")}
              value={fieldPath}
              onChange={setFieldPath}
            />
            <MessageForm
              label={t("message")}
              submit={t("ask")}
              onSend={async (message) =>
                after(await actions.askQuestionAction(caseId, { fieldPath: fieldPath || null, message }))
              }
            />
          </div>
        ) : null
      }
    />
  );
}
