"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import type { ActionResult } from "@/server/action.server";
import { linkSsoAction, resetSecondFactorsAction, unlinkSsoAction } from "./actions";

export interface SecondFactorRow {
  id: string;
  email: string;
  displayName: string;
  roleLabel: string;
  required: boolean;
  totp: boolean;
  passkeys: number;
  recoveryLeft: number;
  ssoLinked: boolean;
  isSelf: boolean;
}

/** Every account's second factors (counts only, never a secret), reset, and the SSO link. */
export function SecondFactorsAdmin({ rows, sso }: { rows: SecondFactorRow[]; sso: boolean }) {
  const t = useTranslations("mfa.admin");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  async function run(action: () => Promise<ActionResult<null>>, ok: string) {
    setBusy(true);
    setErrors([]);
    setNotice(null);
    try {
      const result = await action();
      if (result.ok) {
        setNotice(ok);
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {notice ? (
        <p className="notice notice--ok" role="status" data-testid="mfa-admin-notice">
          {notice}
        </p>
      ) : null}
      <FormErrors messages={errors} />
      <table className="table" data-testid="second-factors-table">
        <thead>
          <tr>
            <th scope="col">{t("user")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("required")}</th>
            <th scope="col">{t("app")}</th>
            <th scope="col">{t("passkeys")}</th>
            <th scope="col">{t("codes")}</th>
            {sso ? <th scope="col">{t("sso")}</th> : null}
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="second-factor-row" data-email={r.email}>
              <td>
                {r.displayName}
                <br />
                <small>{r.email}</small>
              </td>
              <td>{r.roleLabel}</td>
              <td>{r.required ? t("yes") : t("no")}</td>
              <td>{r.totp ? t("yes") : t("no")}</td>
              <td>{r.passkeys}</td>
              <td>{r.recoveryLeft}</td>
              {sso ? (
                <td>
                  {r.ssoLinked ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => run(() => unlinkSsoAction(r.id), t("unlinked", { email: r.email }))}
                    >
                      {t("unlink")}
                    </button>
                  ) : (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const subject = String(new FormData(e.currentTarget).get("subject") ?? "");
                        void run(() => linkSsoAction(r.id, subject), t("linked", { email: r.email }));
                      }}
                    >
                      <label htmlFor={`subject-${r.id}`} className="visually-hidden">
                        {t("subjectLabel", { email: r.email })}
                      </label>
                      <input
                        id={`subject-${r.id}`}
                        name="subject"
                        maxLength={255}
                        placeholder={t("subjectPlaceholder")}
                      />
                      <button type="submit" className="button button--secondary" disabled={busy}>
                        {t("link")}
                      </button>
                    </form>
                  )}
                </td>
              ) : null}
              <td>
                {!r.isSelf && (r.totp || r.passkeys > 0 || r.recoveryLeft > 0) ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy}
                    onClick={() => {
                      if (window.confirm(t("resetConfirm", { email: r.email })))
                        void run(() => resetSecondFactorsAction(r.id), t("resetDone", { email: r.email }));
                    }}
                  >
                    {t("reset", { email: r.email })}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
