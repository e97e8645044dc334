"use client";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/domain/safe-callback";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const format = useFormatter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function describe(code: string | null | undefined): string {
    if (code?.startsWith("LOCKED:")) {
      const until = new Date(code.slice("LOCKED:".length));
      return t("locked", { time: format.dateTime(until, { hour: "2-digit", minute: "2-digit" }) });
    }
    if (code === "DISABLED") return t("disabled");
    return t("invalid");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!email || !password) {
      setError(t("required"));
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(describe(result?.error));
      return;
    }
    // A full page load after sign-in: nothing rendered while signed out survives in the client cache.
    // Checked again here: whatever reaches this component, only a path of this site is followed.
    window.location.assign(safeCallbackPath(callbackUrl));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {error ? (
        <p className="form-errors" role="alert" data-testid="login-error">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={320} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
