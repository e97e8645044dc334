"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";
import { useErrorText } from "@/components/use-error-text";
import { fieldPathLabel } from "@/components/workflow/field-path-label";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { FieldErrors } from "@/domain/messages";
import { asLocale } from "@/i18n/locales";
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

function MessageForm({
  label,
  submit,
  onSend,
  optional = false,
}: {
  label: string;
  submit: string;
  onSend: (message: string) => Promise<boolean>;
  optional?: boolean;
}) {
  const id = useId();
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    if (await onSend(message)) setMessage("");
    setBusy(false);
  };
  return (
    <form onSubmit={onSubmit} className="form form--inline">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        rows={2}
        maxLength={2000}
        required={!optional}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

/** Questions from the centre to the coordinating centre: help asked, never a change of the case's status. */
export function QuestionsPanel({ caseId, questions, mayAsk, mayAnswer, actions }: Props) {
  const t = useTranslations("collab.questions");
  const locale = asLocale(useLocale());
  const format = useFormatter();
  const text = useErrorText();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [fieldPath, setFieldPath] = useState("");
  if (!mayAsk && questions.length === 0) return null;
  const after = (r: ActionResult<unknown>) => {
    if (r.ok) {
      setErrors({});
      router.refresh();
    } else setErrors(r.fieldErrors);
    return r.ok;
  };
  const send = (fn: Send) => async (message: string) => after(await fn({ message }));
  const errorText = Object.values(errors).flat().map(text).join(" ");
  return (
    <section className="panel query-panel" aria-labelledby="questions-title" data-testid="questions-panel">
      <h2 id="questions-title">{t("title", { count: questions.filter((q) => q.status !== "CLOSED").length })}</h2>
      <p className="muted">{t("help")}</p>
      {errorText ? (
        <p className="error" role="alert">
          {errorText}
        </p>
      ) : null}
      {questions.length === 0 ? <p className="empty">{t("none")}</p> : null}
      {questions.map((q) => (
        <article key={q.id} className={`query query--${q.status.toLowerCase()}`} data-testid="question">
          <header>
            <strong>{fieldPathLabel(q.fieldPath, locale, t("wholeCase"))}</strong>{" "}
            <span className="badge">{t(`status.${q.status}`)}</span>
          </header>
          <ol className="messages">
            {q.messages.map((m) => (
              <li key={`${m.kind}-${String(m.at)}-${m.author}`}>
                <span className="muted">
                  {t(`kind.${m.kind}`)} · {m.author} ·{" "}
                  {format.dateTime(m.at, { dateStyle: "short", timeStyle: "short" })}
                </span>
                {m.body ? <p>{m.body}</p> : null}
              </li>
            ))}
          </ol>
          {mayAnswer && q.status !== "CLOSED" ? (
            <MessageForm
              label={t("answer")}
              submit={t("sendAnswer")}
              onSend={send((input) => actions.answerQuestionAction(caseId, q.id, input))}
            />
          ) : null}
          {mayAsk && q.status !== "CLOSED" ? (
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
        </article>
      ))}
      {mayAsk ? (
        <div className="raise-form">
          <label htmlFor="question-field">{t("field")}</label>
          <select id="question-field" value={fieldPath} onChange={(e) => setFieldPath(e.target.value)}>
            <option value="">{t("wholeCase")}</option>
            {TOP_LEVEL_FIELDS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label[locale]}
              </option>
            ))}
          </select>
          <MessageForm
            label={t("message")}
            submit={t("ask")}
            onSend={async (message) =>
              after(await actions.askQuestionAction(caseId, { fieldPath: fieldPath || null, message }))
            }
          />
        </div>
      ) : null}
    </section>
  );
}
