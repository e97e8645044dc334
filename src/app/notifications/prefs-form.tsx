"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import { updateNotificationPrefsAction } from "./actions";

interface Prefs {
  notifyMode: "immediate" | "digest";
  muteNonEssential: boolean;
}

/** Immediate mails or a daily digest; mute the mails that ask nothing (a validated case). */
export function NotificationPrefsForm({ initial }: { initial: Prefs }) {
  const t = useTranslations("collab.prefs");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [prefs, setPrefs] = useState<Prefs>(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const result = await updateNotificationPrefsAction(prefs);
      if (result.ok) {
        setErrors([]);
        setSaved(true);
        router.refresh();
      } else setErrors(Object.values(result.fieldErrors).flat().map(text));
    } catch {
      setErrors([tc("unexpected")]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} className="form" data-testid="notification-prefs">
      {saved ? (
        <p className="notice notice--ok" role="status">
          {t("saved")}
        </p>
      ) : null}
      <FormErrors messages={errors} />
      <fieldset>
        <legend>{t("mode")}</legend>
        {(["immediate", "digest"] as const).map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name="notifyMode"
              value={mode}
              checked={prefs.notifyMode === mode}
              onChange={() => setPrefs({ ...prefs, notifyMode: mode })}
            />{" "}
            {t(`modes.${mode}`)}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          name="muteNonEssential"
          checked={prefs.muteNonEssential}
          onChange={(e) => setPrefs({ ...prefs, muteNonEssential: e.target.checked })}
        />{" "}
        {t("mute")}
      </label>
      <p className="muted">{t("muteHelp")}</p>
      <button type="submit" className="button" disabled={busy}>
        {t("save")}
      </button>
    </form>
  );
}
