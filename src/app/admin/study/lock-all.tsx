"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import { lockAllValidatedAction } from "./actions";

/** "Lock every validated case": one click to ask, one to confirm. */
export function LockAllValidated({ validated }: { validated: number }) {
  const t = useTranslations("study.settings");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const lock = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const result = await lockAllValidatedAction();
      if (result.ok) {
        setDone(result.data.locked);
        setConfirming(false);
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="lock-all">
      {done !== null ? (
        <p className="notice notice--ok" role="status">
          {t("locked", { count: done })}
        </p>
      ) : null}
      <FormErrors messages={errors} />
      {validated === 0 ? (
        <p className="muted">{t("nothingToLock")}</p>
      ) : confirming ? (
        <div className="button-row">
          <button type="button" className="button" onClick={lock} disabled={busy}>
            {busy ? t("locking") : t("lockConfirm", { count: validated })}
          </button>
          <button type="button" className="link-button" onClick={() => setConfirming(false)} disabled={busy}>
            {t("cancel")}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t("lockButton", { count: validated })}
        </button>
      )}
    </div>
  );
}
