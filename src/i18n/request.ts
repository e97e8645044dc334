import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { domainErrorMessages } from "./domain-messages";
import { asLocale, LOCALE_COOKIE } from "./locales";

// No locale in the URL: the choice lives in a cookie, so links and bookmarks
// are the same in both languages.
export default getRequestConfig(async () => {
  const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const base = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages: { ...base, errors: { ...base.errors, ...domainErrorMessages(locale) } }, timeZone: "Europe/Paris" };
});
