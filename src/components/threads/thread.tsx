"use client";
// A case's threads of messages, as the query panel (data queries, coordinators
// ↔ centre) and the questions panel (the centre asking the coordinating centre)
// show them: one panel, one article per thread (its field, its status, the
// messages in order), and the one-message forms that answer, follow up or close.
// The panels decide who may do what; the server checks it again.
import { useFormatter, useLocale } from "next-intl";
import { useRouter } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { useErrorText } from "@/components/use-error-text";
import { fieldPathLabel } from "@/components/field-path-label";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { FieldErrors } from "@/domain/messages";
import { asLocale } from "@/i18n/locales";
import type { ActionResult } from "@/server/action.server";

export interface ThreadView {
  id: string;
  fieldPath: string | null;
  status: "OPEN" | "ANSWERED" | "CLOSED";
  messages: { kind: string; body: string; author: string; at: Date }[];
}

/**
 * The texts of a panel's namespace: "title" (with the count of threads not closed), "none",
 * "wholeCase", "status.<STATUS>", "kind.<kind>".
 */
type Labels = (key: string, values?: Record<string, number>) => string;

/**
 * A panel's refusals and refreshes: `after(result)` shows a refused action's
 * messages, or clears them and reloads the page's data; true when accepted
 * (the form then empties itself).
 */
export function useThreadActions(): { errorText: string; after: (r: ActionResult<unknown>) => boolean } {
  const text = useErrorText();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const after = (r: ActionResult<unknown>) => {
    if (r.ok) {
      setErrors({});
      router.refresh();
    } else setErrors(r.fieldErrors);
    return r.ok;
  };
  return { errorText: Object.values(errors).flat().map(text).join(" "), after };
}

/** The panel: its title (how many threads are still open), its threads each with the forms `forms` gives, then `after`. */
export function ThreadPanel<V extends ThreadView>(props: {
  id: string;
  threads: readonly V[];
  labels: Labels;
  help?: string;
  errorText: string;
  testId: string;
  threadTestId: string;
  forms: (thread: V) => ReactNode;
  after?: ReactNode;
}) {
  const { threads, labels } = props;
  const titleId = `${props.id}-title`;
  return (
    <section className="panel query-panel" aria-labelledby={titleId} data-testid={props.testId}>
      <h2 id={titleId}>{labels("title", { count: threads.filter((q) => q.status !== "CLOSED").length })}</h2>
      {props.help ? <p className="muted">{props.help}</p> : null}
      {props.errorText ? (
        <p className="error" role="alert">
          {props.errorText}
        </p>
      ) : null}
      {threads.length === 0 ? <p className="empty">{labels("none")}</p> : null}
      {threads.map((thread) => (
        <Thread key={thread.id} thread={thread} labels={labels} testId={props.threadTestId}>
          {props.forms(thread)}
        </Thread>
      ))}
      {props.after}
    </section>
  );
}

/** One thread: its field (a link to it in the form), its status, its messages; then the forms the panel allows. */
function Thread({
  thread,
  labels,
  testId,
  children,
}: {
  thread: ThreadView;
  labels: Labels;
  testId: string;
  children?: ReactNode;
}) {
  const locale = asLocale(useLocale());
  const format = useFormatter();
  const status = thread.status.toLowerCase();
  return (
    <article className={`query query--${status}`} data-testid={testId}>
      <header>
        <strong>
          {thread.fieldPath ? (
            <a href={`#field-${thread.fieldPath}`}>{fieldPathLabel(thread.fieldPath, locale, labels("wholeCase"))}</a>
          ) : (
            labels("wholeCase")
          )}
        </strong>
        <span className={`badge badge--query-${status}`}>{labels(`status.${thread.status}`)}</span>
      </header>
      <ol className="messages">
        {thread.messages.map((m) => (
          <li key={`${m.kind}-${String(m.at)}-${m.author}`}>
            <span className="muted">
              {labels(`kind.${m.kind}`)} · {m.author} ·{" "}
              {format.dateTime(m.at, { dateStyle: "short", timeStyle: "short" })}
            </span>
            {m.body ? <p>{m.body}</p> : null}
          </li>
        ))}
      </ol>
      {children}
    </article>
  );
}

/** The field a new thread is about (a top-level field of the form), or the whole case: a label and its list. */
export function ThreadFieldChoice(props: {
  id: string;
  label: string;
  wholeCase: string;
  value: string;
  onChange: (fieldPath: string) => void;
}) {
  const locale = asLocale(useLocale());
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{props.wholeCase}</option>
        {TOP_LEVEL_FIELDS.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label[locale]}
          </option>
        ))}
      </select>
    </>
  );
}

/** A one-message form (answer, follow up, close, reopen…): emptied once the message is accepted. */
export function MessageForm({
  label,
  submit,
  optional = false,
  onSend,
}: {
  label: string;
  submit: string;
  /** The message may be empty (closing). */
  optional?: boolean;
  onSend: (message: string) => Promise<boolean>;
}) {
  const id = useId();
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
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
