"use client";
// The data queries of a case, beside the case page that shows them: centre users
// answer; coordinators and monitors raise, close and reopen. The threads are
// drawn by the shared thread component (components/threads), as the questions are.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { MessageForm, ThreadFieldChoice, ThreadPanel, useThreadActions } from "@/components/threads/thread";
import { can, type Role } from "@/domain/roles";
import type { ActionResult } from "@/server/action.server";
import type { QueryView } from "@/server/case-views.server";
import { answerQueryAction, closeQueryAction, raiseQueryAction, reopenQueryAction } from "./actions";

interface Props {
  caseId: string;
  role: Role;
  queries: QueryView[];
  canRaise: boolean;
}

export function QueryPanel({ caseId, role, queries, canRaise }: Props) {
  const t = useTranslations("queries");
  const { errorText, after } = useThreadActions();
  // Centre users answer; coordinators and monitors raise, close and reopen (the server checks the same permissions).
  const answers = can(role, "case.edit");
  const manages = can(role, "query.manage");
  return (
    <ThreadPanel
      id="queries"
      threads={queries}
      labels={t}
      errorText={errorText}
      testId="query-panel"
      threadTestId="query"
      forms={(q) => (
        <>
          {answers && q.status !== "CLOSED" ? (
            <MessageForm
              label={t("answer")}
              submit={t("sendAnswer")}
              onSend={async (message) => after(await answerQueryAction(caseId, q.id, { message }))}
            />
          ) : null}
          {manages && q.status !== "CLOSED" ? (
            <MessageForm
              label={t("closeMessage")}
              submit={t("close")}
              optional
              onSend={async (message) => after(await closeQueryAction(caseId, q.id, { message }))}
            />
          ) : null}
          {manages && q.status === "CLOSED" && canRaise ? (
            <MessageForm
              label={t("reopenMessage")}
              submit={t("reopen")}
              onSend={async (message) => after(await reopenQueryAction(caseId, q.id, { message }))}
            />
          ) : null}
        </>
      )}
      after={manages && canRaise ? <RaiseForm caseId={caseId} onResult={after} /> : null}
    />
  );
}

function RaiseForm({ caseId, onResult }: { caseId: string; onResult: (r: ActionResult<unknown>) => boolean }) {
  const t = useTranslations("queries");
  const [field, setField] = useState("");
  const [message, setMessage] = useState("");
  return (
    <form
      className="form raise-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (onResult(await raiseQueryAction(caseId, { fieldPath: field || null, message }))) {
          setMessage("");
          setField("");
        }
      }}
    >
      <h3>{t("raiseTitle")}</h3>
      <div className="field">
        <ThreadFieldChoice
          id="raise-field"
          label={t("field")}
          wholeCase={t("wholeCase")}
          value={field}
          onChange={setField}
        />
      </div>
      <div className="field">
        <label htmlFor="raise-message">{t("message")}</label>
        <textarea
          id="raise-message"
          rows={3}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t("raise")}
      </button>
    </form>
  );
}
