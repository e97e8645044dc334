"use client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { fieldPathLabel } from "./field-path-label";
import type { FieldErrors } from "@/domain/messages";
import { can, type Role } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import type { ActionResult } from "@/server/action.server";
import type { QueryView } from "@/server/case-views.server";
import { useErrorText } from "@/components/use-error-text";

interface Props {
  caseId: string;
  role: Role;
  queries: QueryView[];
  canRaise: boolean;
  actions: QueryActions;
}

type Refusable = Promise<ActionResult<unknown>>;
/** The case route's query actions (app/cases/[id]/actions.ts), given by the page: a component imports no route. */
export interface QueryActions {
  raiseQueryAction: (caseId: string, input: unknown) => Refusable;
  answerQueryAction: (caseId: string, queryId: string, input: unknown) => Refusable;
  closeQueryAction: (caseId: string, queryId: string, input: unknown) => Refusable;
  reopenQueryAction: (caseId: string, queryId: string, input: unknown) => Refusable;
}

export function QueryPanel({ caseId, role, queries, canRaise, actions }: Props) {
  const { answerQueryAction, closeQueryAction, reopenQueryAction, raiseQueryAction } = actions;
  const t = useTranslations("queries");
  const locale = asLocale(useLocale());
  const format = useFormatter();
  const text = useErrorText();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const after = (r: { ok: true } | { ok: false; fieldErrors: FieldErrors }) => {
    if (r.ok) {
      setErrors({});
      router.refresh();
    } else setErrors(r.fieldErrors);
    return r.ok;
  };
  const errorText = Object.values(errors).flat().map(text).join(" ");
  // Centre users answer; coordinators and monitors raise, close and reopen (the server checks the same permissions).
  const answers = can(role, "case.edit");
  const manages = can(role, "query.manage");
  return (
    <section className="panel query-panel" aria-labelledby="queries-title" data-testid="query-panel">
      <h2 id="queries-title">{t("title", { count: queries.filter((q) => q.status !== "CLOSED").length })}</h2>
      {errorText ? (
        <p className="error" role="alert">
          {errorText}
        </p>
      ) : null}
      {queries.length === 0 ? <p className="empty">{t("none")}</p> : null}
      {queries.map((q) => (
        <article key={q.id} className={`query query--${q.status.toLowerCase()}`} data-testid="query">
          <header>
            <strong>
              {q.fieldPath ? (
                <a href={`#field-${q.fieldPath}`}>{fieldPathLabel(q.fieldPath, locale, t("wholeCase"))}</a>
              ) : (
                t("wholeCase")
              )}
            </strong>
            <span className={`badge badge--query-${q.status.toLowerCase()}`}>{t(`status.${q.status}`)}</span>
          </header>
          <ol className="messages">
            {q.messages.map((m, i) => (
              <li key={i}>
                <span className="muted">
                  {t(`kind.${m.kind}`)} · {m.author} ·{" "}
                  {format.dateTime(m.at, { dateStyle: "short", timeStyle: "short" })}
                </span>
                {m.body ? <p>{m.body}</p> : null}
              </li>
            ))}
          </ol>
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
        </article>
      ))}
      {manages && canRaise ? <RaiseForm caseId={caseId} onResult={after} raiseQueryAction={raiseQueryAction} /> : null}
    </section>
  );
}

function MessageForm({
  label,
  submit,
  optional,
  onSend,
}: {
  label: string;
  submit: string;
  optional?: boolean;
  onSend: (message: string) => Promise<boolean>;
}) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ok = await onSend(message);
        setBusy(false);
        if (ok) setMessage("");
      }}
    >
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        required={!optional}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

function RaiseForm(props: {
  caseId: string;
  onResult: (r: { ok: true } | { ok: false; fieldErrors: FieldErrors }) => boolean;
  raiseQueryAction: QueryActions["raiseQueryAction"];
}) {
  const { caseId, onResult, raiseQueryAction } = props;
  const t = useTranslations("queries");
  const locale = asLocale(useLocale());
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
        <label htmlFor="raise-field">{t("field")}</label>
        <select id="raise-field" value={field} onChange={(e) => setField(e.target.value)}>
          <option value="">{t("wholeCase")}</option>
          {TOP_LEVEL_FIELDS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label[locale]}
            </option>
          ))}
        </select>
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
