"use client";
import { useLocale, useTranslations } from "next-intl";
import type { MessageRef } from "@/domain/messages";
import { localiseParams } from "@/i18n/localise";
import { asLocale } from "@/i18n/locales";

/** Translates a validation message reference in the current language. */
export function useErrorText(): (ref: MessageRef) => string {
  const t = useTranslations("errors");
  const locale = asLocale(useLocale());
  return (ref) => (t.has(ref.key) ? t(ref.key, localiseParams(ref.params, locale)) : ref.key);
}
