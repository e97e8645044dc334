"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { RecoveryCodes } from "./recovery-codes";

type Display = { grouped: string; uri: string; qr: string };
export type ConfirmResult = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Authenticator-app enrolment (sign-in or account page): QR code and key, a
 * first code to confirm, then the recovery codes shown once.
 */
export function TotpEnrolment(props: {
  begin: () => Promise<Display | null>;
  confirm: (code: string) => Promise<ConfirmResult>;
  onDone: () => unknown;
  intro: string;
}) {
  const { begin, confirm, onDone, intro } = props;
  const t = useTranslations("mfa.enrol");
  const [display, setDisplay] = useState<Display | null>(null);
  const [failed, setFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);

  // Once per mount: a new secret each time would invalidate the QR code already scanned.
  const beginOnce = useRef(begin);
  useEffect(() => {
    let live = true;
    beginOnce.current().then(
      (d) => live && (d ? setDisplay(d) : setFailed(true)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setError(t("codeFormat"));
      return;
    }
    setPending(true);
    setError(null);
    const result = await confirm(code);
    setPending(false);
    if (result.ok) setCodes(result.recoveryCodes);
    else setError(result.message);
  }

  if (failed)
    return (
      <p className="form-errors" role="alert" data-testid="mfa-error">
        {t("unavailable")}
      </p>
    );
  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} confirmKept />;
  return (
    <div data-testid="totp-enrolment">
      <h2>{t("title")}</h2>
      <p>{intro}</p>
      {display ? (
        <>
          <ol>
            <li>{t("stepScan")}</li>
            <li>{t("stepCode")}</li>
          </ol>
          {/* biome-ignore lint/performance/noImgElement: a data: URL made on the server (CSP img-src allows data:), nothing to optimise */}
          <img src={display.qr} alt={t("qrAlt")} width={200} height={200} />
          <p>
            {t("manualKey")} <code data-testid="totp-secret">{display.grouped}</code>
          </p>
          {error ? (
            <p className="form-errors" role="alert" data-testid="mfa-error">
              {error}
            </p>
          ) : null}
          <form onSubmit={onSubmit} noValidate className="form">
            <div className="field">
              <label htmlFor="enrol-code">{t("code")}</label>
              <input
                id="enrol-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={10}
                required
              />
            </div>
            <button type="submit" className="button" disabled={pending}>
              {t("confirm")}
            </button>
          </form>
        </>
      ) : (
        <p role="status">{t("loading")}</p>
      )}
    </div>
  );
}
