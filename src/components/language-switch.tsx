"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/locale-actions";

export function LanguageSwitch() {
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
