"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useErrorText } from "@/components/use-error-text";
import { rootOf } from "@/domain/crf/field-path";
import type { FieldErrors } from "@/domain/messages";
import type { ActionResult } from "@/server/action.server";
import type { ValueNoteView } from "@/server/value-notes.server";
import { type NoteTarget, noteTargetLabel } from "./note-targets";

interface Props {
  caseId: string;
  notes: ValueNoteView[];
  targets: NoteTarget[];
  /** A centre user on a case that can still change. */
  canWrite: boolean;
  /** The case route's action, given by the page (a component imports no route). */
  addValueNoteAction: (caseId: string, input: unknown) => Promise<ActionResult<{ noteId: string }>>;
}

/** Notes on values: where a value comes from, what was redone. Not a query — nothing to answer. */
export function NotesPanel({ caseId, notes, targets, canWrite, addValueNoteAction }: Props) {
  const t = useTranslations("collab.notes");
  const tc = useTranslations("common");
  const text = useErrorText();
  const format = useFormatter();
  const router = useRouter();
  const [fieldPath, setFieldPath] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  if (!canWrite && notes.length === 0) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await addValueNoteAction(caseId, { fieldPath, note });
      if (result.ok) {
        setErrors({});
        setNote("");
        router.refresh();
      } else setErrors(result.fieldErrors);
    } catch {
      setErrors({ _form: [{ key: "generic.unexpected" }] });
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (name: string) => (errors[name] ?? []).map(text).join(" ");
  const formError = errors._form
    ? errors._form[0]?.key === "generic.unexpected"
      ? tc("unexpected")
      : errorOf("_form")
    : "";

  return (
    <section className="panel notes-panel" aria-labelledby="notes-title" data-testid="notes-panel">
      <h2 id="notes-title">{t("title", { count: notes.length })}</h2>
      {notes.length ? (
        <ul className="notes" data-testid="notes">
          {notes.map((n) => (
            <li key={n.id} data-path={n.fieldPath}>
              <strong>
                <a href={`#field-${rootOf(n.fieldPath) ?? n.fieldPath}`}>{noteTargetLabel(n.fieldPath, targets)}</a>
              </strong>{" "}
              : {n.body}{" "}
              <span className="muted">
                ({n.author} · {format.dateTime(n.at, { dateStyle: "short", timeStyle: "short" })})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <form onSubmit={onSubmit} className="form form--inline" noValidate>
          {formError ? (
            <p className="error" role="alert">
              {formError}
            </p>
          ) : null}
          <label htmlFor="note-field">{t("field")}</label>
          <select
            id="note-field"
            value={fieldPath}
            onChange={(e) => setFieldPath(e.target.value)}
            aria-invalid={Boolean(errors.fieldPath)}
          >
            <option value="">{t("chooseField")}</option>
            {targets.map((o) => (
              <option key={o.path} value={o.path}>
                {o.label}
              </option>
            ))}
          </select>
          {errors.fieldPath ? (
            <p className="error" role="alert">
              {errorOf("fieldPath")}
            </p>
          ) : null}
          <label htmlFor="note-text">{t("note")}</label>
          <input
            id="note-text"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={300}
            aria-describedby="note-help"
            aria-invalid={Boolean(errors.note)}
          />
          <p id="note-help" className="muted">
            {t("help")}
          </p>
          {errors.note ? (
            <p className="error" role="alert">
              {errorOf("note")}
            </p>
          ) : null}
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
