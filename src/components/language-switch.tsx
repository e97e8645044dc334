"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** setLocaleAction: the app's server action (app/locale-actions.ts), given by the layout: components import no route. */
export function LanguageSwitch({ setLocaleAction }: { setLocaleAction: (locale: string) => Promise<unknown> }) {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, start] = useTransition();
  const other = locale === "fr" ? "en" : "fr";
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      aria-label={t("switchToLabel")}
      disabled={pending}
      data-testid="language-switch"
      onClick={() =>
        start(async () => {
          await setLocaleAction(other);
          router.refresh();
        })
      }
    >
      {t("switchTo")}
    </button>
  );
}
