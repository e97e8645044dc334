"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { clearUnsentChanges } from "./crf/unsent-changes";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        clearUnsentChanges();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {t("signOut")}
    </button>
  );
}
