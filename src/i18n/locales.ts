// French first (the study runs in French hospitals), English second.
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function asLocale(value: string | undefined | null): Locale {
  return value === "en" || value === "fr" ? value : DEFAULT_LOCALE;
}
