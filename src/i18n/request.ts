import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { signedInUserLocale } from "@/server/auth/user-locale.server";
import { catalogue } from "./catalogue";
import { DEFAULT_LOCALE, LOCALE_COOKIE, parseLocale, type Locale } from "./locales";

/**
 * The interface language, first found of: an explicit locale
 * (getTranslations({ locale }) for printing in the other language), this
 * browser's cookie (the language switch sets it), the signed-in user's saved
 * choice (so it follows them to another browser), French.
 */
async function requestLocale(requested: string | undefined): Promise<Locale> {
  const explicit = parseLocale(requested) ?? parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  if (explicit) return explicit;
  return (await signedInUserLocale()) ?? DEFAULT_LOCALE;
}

// No locale in the URL, so links and bookmarks are the same in both languages.
export default getRequestConfig(async ({ locale: requested }) => {
  const locale = await requestLocale(requested);
  return { locale, messages: catalogue(locale), timeZone: "Europe/Paris" };
});
