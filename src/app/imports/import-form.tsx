"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ImportOutcome } from "@/domain/import/wide-import";
import { useErrorText } from "@/components/use-error-text";
import type { FieldErrors } from "@/domain/messages";
import { checkImport, confirmImport } from "./actions";

type Result = { ok: true; data: ImportOutcome } | { ok: false; fieldErrors: FieldErrors };

export function ImportForm({
  centres,
  chooseCentre,
}: {
  centres: { code: string; name: string }[];
  chooseCentre: boolean;
}) {
  const t = useTranslations("imports");
  const errorText = useErrorText();
  const form = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [confirmed, setConfirmed] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (action: (f: FormData) => Promise<Result>, confirm: boolean) => {
    if (!form.current) return;
    setBusy(true);
    try {
      const r = await action(new FormData(form.current));
      if (confirm && r.ok) setConfirmed(r.data);
      else {
        setResult(r);
        setConfirmed(null);
      }
    } finally {
      setBusy(false);
    }
  };
  const report = result?.ok ? result.data : null;
  const valid = report?.rows.filter((r) => r.outcome === "created").length ?? 0;
  const errors = result && !result.ok ? Object.values(result.fieldErrors).flat() : [];

  return (
    <>
      <form ref={form} aria-label={t("title")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("files")}{" "}
          <input type="file" name="files" multiple accept=".csv,.xlsx" required onChange={() => setResult(null)} />
        </label>
        <p className="hint">{t("filesHelp")}</p>
        {chooseCentre ? (
          <label>
            {t("centre")}{" "}
            <select name="centreCode" defaultValue="" onChange={() => setResult(null)}>
              <option value="">{t("chooseCentre")}</option>
              {centres.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" disabled={busy} onClick={() => send(checkImport, false)}>
          {t("check")}
        </button>
      </form>
      {errors.length ? (
        <ul role="alert" className="errors" data-testid="import-errors">
          {errors.map((e) => (
            <li key={`${e.key}${JSON.stringify(e.params ?? {})}`}>{errorText(e)}</li>
          ))}
        </ul>
      ) : null}
      {report ? (
        <section aria-label={t("report")} data-testid="import-report">
          <h2>{t("report")}</h2>
          <p>{t("summary", { valid, refused: report.rows.length - valid })}</p>
          <table>
            <thead>
              <tr>
                <th>{t("row")}</th>
                <th>{t("case")}</th>
                <th>{t("outcome")}</th>
                <th>{t("details")}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.row} data-testid={`import-row-${r.row}`}>
                  <td>{r.row}</td>
                  <td>
                    {r.initials} {r.birthDate}
                  </td>
                  <td>{t(`outcomes.${r.outcome}`)}</td>
                  <td>
                    <ul>
                      {r.errors.map((e) => (
                        <li key={e.key}>{errorText(e)}</li>
                      ))}
                      {r.fields
                        .filter((f) => f.outcome !== "created")
                        .map((f) => (
                          <li key={`${f.path}${f.messages[0]?.key}`}>
                            <code>{f.path}</code> — {t(`fieldOutcomes.${f.outcome}`)} :{" "}
                            {f.messages.map(errorText).join(" ")}
                          </li>
                        ))}
                      <li>{t("createdFields", { count: r.fields.filter((f) => f.outcome === "created").length })}</li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {valid > 0 && !confirmed ? (
            <button type="button" disabled={busy} onClick={() => send(confirmImport, true)}>
              {t("confirm", { count: valid })}
            </button>
          ) : null}
        </section>
      ) : null}
      {confirmed ? (
        <p role="status" data-testid="import-done">
          {t("done", { count: confirmed.created.length })}
        </p>
      ) : null}
    </>
  );
}
