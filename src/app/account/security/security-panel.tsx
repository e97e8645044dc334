"use client";
import { startRegistration } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormErrors } from "@/components/form-errors";
import { RecoveryCodes } from "@/components/mfa/recovery-codes";
import { TotpEnrolment } from "@/components/mfa/totp-enrolment";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/server/action.server";
import {
  addPasskeyAction,
  beginTotpAction,
  confirmTotpAction,
  passkeyOptionsAction,
  removePasskeyAction,
  removeTotpAction,
  renewRecoveryCodesAction,
} from "./actions";

interface PasskeyRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The user's own second factors: authenticator app, recovery codes, passkeys. */
export function SecurityPanel({
  totpSince,
  recoveryLeft,
  passkeys,
}: {
  totpSince: string | null;
  recoveryLeft: number;
  passkeys: PasskeyRow[];
}) {
  const t = useTranslations("mfa.account");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [enrolling, setEnrolling] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(action: () => Promise<ActionResult<T>>, onOk: (data: T) => void) {
    setBusy(true);
    setErrors([]);
    setNotice(null);
    try {
      const result = await action();
      if (result.ok) {
        onOk(result.data);
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(false);
    }
  }

  async function addPasskey(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    setErrors([]);
    const options = await passkeyOptionsAction();
    if (!options.ok) {
      setErrors(Object.values(options.fieldErrors).flat().map(text));
      return;
    }
    let response: unknown;
    try {
      response = await startRegistration({ optionsJSON: options.data });
    } catch {
      setErrors([t("passkeyCancelled")]);
      return;
    }
    await run(
      () => addPasskeyAction(JSON.stringify(response), name),
      (first) => {
        form.reset();
        setNotice(t("passkeyAdded", { name }));
        if (first) setCodes(first);
      },
    );
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;

  return (
    <>
      {notice ? (
        <p className="notice notice--ok" role="status" data-testid="mfa-notice">
          {notice}
        </p>
      ) : null}
      <FormErrors messages={errors} />

      <h2>{t("totpTitle")}</h2>
      {/* The enrolment stays on screen until its recovery codes are put away, even once the page knows the app. */}
      {enrolling ? (
        <TotpEnrolment
          begin={async () => {
            const r = await beginTotpAction();
            return r.ok ? r.data : null;
          }}
          confirm={async (code) => {
            const r = await confirmTotpAction(code);
            return r.ok
              ? { ok: true, recoveryCodes: r.data }
              : { ok: false, message: Object.values(r.fieldErrors).flat().map(text).join(" ") };
          }}
          onDone={() => {
            setEnrolling(false);
            router.refresh();
          }}
          intro={t("totpIntro")}
        />
      ) : totpSince ? (
        <p data-testid="totp-state">
          {t("totpOn", { since: totpSince })}{" "}
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => run(removeTotpAction, () => setNotice(t("totpRemoved")))}
          >
            {t("totpRemove")}
          </button>
        </p>
      ) : (
        <p data-testid="totp-state">
          {t("totpOff")}{" "}
          <button type="button" className="button" onClick={() => setEnrolling(true)}>
            {t("totpSetUp")}
          </button>
        </p>
      )}

      <h2>{t("codesTitle")}</h2>
      <p data-testid="recovery-left">{t("codesLeft", { count: recoveryLeft })}</p>
      {totpSince || passkeys.length > 0 ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => run(renewRecoveryCodesAction, (c) => setCodes(c))}
        >
          {t("codesRenew")}
        </button>
      ) : null}

      <h2>{t("passkeysTitle")}</h2>
      <p>{t("passkeysIntro")}</p>
      {passkeys.length > 0 ? (
        <table className="table" data-testid="passkeys">
          <thead>
            <tr>
              <th scope="col">{t("passkeyName")}</th>
              <th scope="col">{t("passkeyCreated")}</th>
              <th scope="col">{t("passkeyLastUsed")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {passkeys.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.createdAt}</td>
                <td>{p.lastUsedAt ?? "—"}</td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() =>
                      run(
                        () => removePasskeyAction(p.id),
                        () => setNotice(t("passkeyRemoved", { name: p.name })),
                      )
                    }
                  >
                    {t("passkeyRemove", { name: p.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form onSubmit={addPasskey} className="form" noValidate>
        <div className="field">
          <label htmlFor="passkey-name">{t("passkeyNameLabel")}</label>
          <input id="passkey-name" name="name" maxLength={60} required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("passkeyAdd")}
        </button>
      </form>
    </>
  );
}
