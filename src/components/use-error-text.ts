"use client";
import { useTranslations } from "next-intl";
import type { MessageRef } from "@/domain/messages";

/** Translates a validation message reference in the current language. */
export function useErrorText(): (ref: MessageRef) => string {
  const t = useTranslations("errors");
  return (ref) => (t.has(ref.key) ? t(ref.key, ref.params) : ref.key);
}
