// The languages themselves are the domain's (src/domain/locale.ts); the cookie naming the visitor's is the
// interface's.
export { asLocale, DEFAULT_LOCALE, parseLocale, type Locale } from "@/domain/locale";
export const LOCALE_COOKIE = "NEXT_LOCALE";
