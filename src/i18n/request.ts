import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { domainErrorMessages } from "./domain-messages";
import { featureMessages } from "./feature-messages";
import { asLocale, LOCALE_COOKIE } from "./locales";

// No locale in the URL: the choice lives in a cookie, so links and bookmarks
// are the same in both languages.
export default getRequestConfig(async ({ locale: requested }) => {
  // An explicit locale (getTranslations({ locale }) for printing in the other language) wins over the cookie.
  const locale = asLocale(requested ?? (await cookies()).get(LOCALE_COOKIE)?.value);
  const base = (await import(`./messages/${locale}.json`)).default;
  const messages = { ...base, ...featureMessages(locale), errors: { ...base.errors, ...domainErrorMessages(locale) } };
  return { locale, messages, timeZone: "Europe/Paris" };
});
