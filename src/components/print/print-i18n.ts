// Texts of a printed form in the printed language, whatever the interface
// language: the request configuration (src/i18n/request.ts) always answers the
// cookie's locale, so the printed pages build their own translator from the
// same catalogue (src/i18n/catalogue.ts) for the language asked in
// the URL.
import type { Locale } from "@/domain/locale";
import { createFormatter, createTranslator, type AbstractIntlMessages } from "next-intl";
import { catalogue } from "@/i18n/catalogue";
import type { Tr } from "./print-model";

const CATALOGUES: Record<Locale, AbstractIntlMessages> = {
  fr: catalogue("fr") as AbstractIntlMessages,
  en: catalogue("en") as AbstractIntlMessages,
};

export const PRINT_TIME_ZONE = "Europe/Paris";

/** A translator over the whole catalogue of `lang` (full keys: "print.sheet.if", "status.DRAFT"). */
export function printTranslator(lang: Locale): Tr {
  const t = createTranslator({ locale: lang, messages: CATALOGUES[lang], timeZone: PRINT_TIME_ZONE });
  return (key, values) => (t as unknown as (k: string, v?: Record<string, string | number>) => string)(key, values);
}

export function printFormatter(lang: Locale) {
  return createFormatter({ locale: lang, timeZone: PRINT_TIME_ZONE });
}
