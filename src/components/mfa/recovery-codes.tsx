"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Recovery codes, shown once (after an authenticator app's enrolment, a first
 * passkey or a renewal): the list, then a button to go on. With `confirmKept`,
 * the button waits until the user ticks that the codes are put away — the
 * enrolment asks it, since the codes are the only way back without the app.
 */
export function RecoveryCodes({
  codes,
  onDone,
  confirmKept = false,
}: {
  codes: readonly string[];
  onDone: () => unknown;
  confirmKept?: boolean;
}) {
  const t = useTranslations("mfa.enrol");
  const [kept, setKept] = useState(false);
  return (
    <div data-testid="recovery-codes-panel">
      <h2>{t("codesTitle")}</h2>
      <p>{t("codesIntro")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      {confirmKept ? (
        <div className="field field--inline">
          <input id="codes-kept" type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
          <label htmlFor="codes-kept">{t("codesKept")}</label>
        </div>
      ) : null}
      <button type="button" className="button" disabled={confirmKept && !kept} onClick={() => onDone()}>
        {t("continue")}
      </button>
    </div>
  );
}
