// The study's languages, for the domain and every layer above it (issue #12): French first (the study
// runs in French hospitals), English second. Interface texts, dose labels, printed forms, exports'
// labels and mails all take a `Locale`; a text given in every language is a `Localised`.
export const LOCALES = ["fr", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";

/** A text in each of the study's languages. */
export type Localised = Readonly<Record<Locale, string>>;

/** The locale named by `value`, or undefined when it names none. */
export function parseLocale(value: unknown): Locale | undefined {
  return (LOCALES as readonly unknown[]).includes(value) ? (value as Locale) : undefined;
}

export function asLocale(value: string | undefined | null): Locale {
  return parseLocale(value) ?? DEFAULT_LOCALE;
}
