// French first (the study runs in French hospitals), English second.
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** The locale named by `value`, or undefined when it names none. */
export function parseLocale(value: string | undefined | null): Locale | undefined {
  return value === "en" || value === "fr" ? value : undefined;
}

export function asLocale(value: string | undefined | null): Locale {
  return parseLocale(value) ?? DEFAULT_LOCALE;
}
