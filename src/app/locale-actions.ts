"use server";
import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE } from "@/i18n/locales";
import { publicAction } from "@/server/action.server";
import { saveUserLocale } from "@/server/auth/user-locale.server";

// Access: anyone; signed in, the language is also saved on the account (the actor's own, nobody else's).
/** Remembers the interface language: in a year-long cookie, and on the account when signed in. */
export const setLocaleAction = publicAction(async ({ actor, db }, requested: string) => {
  const locale = asLocale(requested);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "lax",
    httpOnly: false,
  });
  if (actor) await saveUserLocale(db, actor, locale);
  return null;
});
