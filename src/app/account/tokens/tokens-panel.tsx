"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import { TOKEN_MAX_DAYS, TOKEN_NAME_MAX } from "@/domain/api/policy";
import { createTokenAction, revokeTokenAction } from "./actions";

/** Creates a token and shows its secret once (it is never stored, so never shown again). */
export function NewTokenForm({
  scopes,
  defaultDays,
}: {
  scopes: { id: string; label: string }[];
  defaultDays: number;
}) {
  const t = useTranslations("apiTokens");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [errors, setErrors] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setErrors([]);
    setSecret(null);
    setBusy(true);
    try {
      const result = await createTokenAction({
        name: String(data.get("name") ?? ""),
        scopes: data.getAll("scopes").map(String),
        days: String(data.get("days") ?? ""),
      });
      if (result.ok) {
        setSecret(result.data.secret);
        form.reset();
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="form" data-testid="new-token-form">
      {secret ? (
        <div className="notice notice--ok" role="status">
          <p>
            <strong>{t("secretTitle")}</strong>
          </p>
          <p>
            <code data-testid="token-secret">{secret}</code>
          </p>
          <p>{t("secretHelp")}</p>
        </div>
      ) : null}
      <FormErrors messages={errors} />
      <div className="field">
        <label htmlFor="token-name">{t("name")}</label>
        <p className="help" id="token-name-help">
          {t("nameHelp")}
        </p>
        <input id="token-name" name="name" maxLength={TOKEN_NAME_MAX} aria-describedby="token-name-help" required />
      </div>
      <fieldset className="field">
        <legend>{t("scopes")}</legend>
        {scopes.map((s) => (
          <label key={s.id} className="checkbox">
            <input type="checkbox" name="scopes" value={s.id} /> {s.label} <code>{s.id}</code>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="token-days">{t("days")}</label>
        <p className="help" id="token-days-help">
          {t("daysHelp")}
        </p>
        <input
          id="token-days"
          name="days"
          type="number"
          min={1}
          max={TOKEN_MAX_DAYS}
          defaultValue={defaultDays}
          aria-describedby="token-days-help"
          className="input--short"
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("creating") : t("create")}
      </button>
    </form>
  );
}

/** Revokes a token at once; the list then shows it as revoked. */
export function RevokeButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("apiTokens");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      const result = await revokeTokenAction(id);
      if (result.ok) router.refresh();
      else setError(Object.values(result.fieldErrors).flat().map(text).join(" "));
    } catch {
      setError(tc("unexpected"));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={revoke}
        disabled={busy}
        aria-label={t("revokeLabel", { name })}
      >
        {t("revoke")}
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </>
  );
}
