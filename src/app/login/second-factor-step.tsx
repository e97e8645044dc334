"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { MFA_CODES } from "@/domain/mfa/sign-in-codes";
import { safeCallbackPath } from "@/domain/safe-callback";
import { beginEnrolmentAction, confirmEnrolmentAction, passkeyOptionsAction } from "./second-factor-actions";
import { TotpEnrolment } from "@/components/mfa/totp-enrolment";

export interface SecondStepInfo {
  step: "verify" | "enrol";
  totp: boolean;
  passkeys: number;
}

/** The sign-in's second step: a code (or recovery code), a passkey, or a first enrolment. */
export function SecondFactorStep({
  ticket,
  info,
  callbackUrl,
}: {
  ticket: string;
  info: SecondStepInfo;
  callbackUrl: string;
}) {
  const t = useTranslations("mfa.signIn");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // The ticket may have come in the address (single sign-on): keep it out of the history.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has("error")) {
      url.searchParams.delete("error");
      window.history.replaceState(null, "", url.pathname + url.search);
    }
  }, []);

  async function finish(credentials: Record<string, string>) {
    setPending(true);
    setError(null);
    const result = await signIn("second-factor", { ticket, ...credentials, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error === MFA_CODES.expired ? t("expired") : t("wrong"));
      return false;
    }
    window.location.assign(safeCallbackPath(callbackUrl));
    return true;
  }

  async function onCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) {
      setError(t("required"));
      return;
    }
    const ok = await finish({ code });
    if (!ok) (event.target as HTMLFormElement).reset();
  }

  async function onPasskey() {
    setError(null);
    const answer = await passkeyOptionsAction(ticket);
    const options = answer.ok ? answer.data : null;
    if (!options) {
      setError(t("expired"));
      return;
    }
    try {
      const response = await startAuthentication({ optionsJSON: options });
      await finish({ passkey: JSON.stringify(response) });
    } catch {
      setError(t("passkeyFailed"));
    }
  }

  if (info.step === "enrol") {
    return (
      <TotpEnrolment
        begin={async () => {
          const answer = await beginEnrolmentAction(ticket);
          return answer.ok ? answer.data : null;
        }}
        confirm={async (code) => {
          const answer = await confirmEnrolmentAction(ticket, code);
          const r = answer.ok ? answer.data : ({ ok: false, reason: "expired" } as const);
          return r.ok
            ? { ok: true, recoveryCodes: r.recoveryCodes }
            : { ok: false, message: r.reason === "expired" ? t("expired") : t("wrong") };
        }}
        onDone={() => finish({ enrolled: "1" })}
        intro={t("enrolIntro")}
      />
    );
  }

  return (
    <div data-testid="second-factor-step">
      <h2>{t("title")}</h2>
      {error ? (
        <p className="form-errors" role="alert" data-testid="mfa-error">
          {error}
        </p>
      ) : null}
      {info.totp ? (
        <form onSubmit={onCode} noValidate className="form">
          <p>{t("codeIntro")}</p>
          <div className="field">
            <label htmlFor="mfa-code">{t("code")}</label>
            <input
              id="mfa-code"
              name="code"
              inputMode="text"
              autoComplete="one-time-code"
              maxLength={24}
              required
              aria-describedby="mfa-code-hint"
            />
            <p id="mfa-code-hint" className="hint">
              {t("codeHint")}
            </p>
          </div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? t("verifying") : t("verify")}
          </button>
        </form>
      ) : null}
      {info.passkeys > 0 ? (
        <p>
          <button type="button" className="button button--secondary" onClick={onPasskey} disabled={pending}>
            {t("usePasskey")}
          </button>
        </p>
      ) : null}
      {!info.totp ? <p className="hint">{t("noCodeHelp")}</p> : <p className="hint">{t("lostHelp")}</p>}
    </div>
  );
}
