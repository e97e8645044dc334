"use client";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/domain/safe-callback";
import { describeSignInError } from "./sign-in-error";
import { MFA_CODES, parseSecondStep } from "@/domain/mfa/sign-in-codes";
import { secondStepInfoAction } from "./second-factor-actions";
import { SecondFactorStep, type SecondStepInfo } from "./second-factor-step";
import { SsoButton } from "./sso-button";

/** `ssoName`: the hospital's provider, when single sign-on is configured (ADR 0012). */
export function LoginForm({ callbackUrl, ssoName = null }: { callbackUrl: string; ssoName?: string | null }) {
  const t = useTranslations("login");
  const ts = useTranslations("security.login");
  const format = useFormatter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const tm = useTranslations("mfa.signIn");
  const [second, setSecond] = useState<{ ticket: string; info: SecondStepInfo } | null>(null);

  // Only the server's codes are read (src/server/auth/credentials.server.ts): never a text from the URL.
  function describe(code: string | null | undefined): string {
    return describeSignInError(code, {
      invalid: t("invalid"),
      unavailable: ts("unavailable"),
      throttled: (until) => ts("throttled", { time: format.dateTime(until, { hour: "2-digit", minute: "2-digit" }) }),
    });
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
    // A right password for an account with (or required to have) a second factor: the second step (ADR 0012).
    const step = parseSecondStep(result?.error);
    const answer = step ? await secondStepInfoAction(step.ticket) : null;
    const info = answer?.ok ? answer.data : null;
    if (step && info) {
      setSecond({ ticket: step.ticket, info });
      return;
    }
    if (!result || result.error) {
      setError(result?.error === MFA_CODES.throttled ? tm("throttled") : describe(result?.error));
      return;
    }
    // A full page load after sign-in: nothing rendered while signed out survives in the client cache.
    // Checked again here: whatever reaches this component, only a path of this site is followed.
    window.location.assign(safeCallbackPath(callbackUrl));
  }

  if (second) return <SecondFactorStep ticket={second.ticket} info={second.info} callbackUrl={callbackUrl} />;
  return (
    <>
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
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
          />
        </div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {ssoName ? <SsoButton name={ssoName} callbackUrl={callbackUrl} /> : null}
    </>
  );
}
