"use server";
import { cookies } from "next/headers";
import { asLocale, LOCALE_COOKIE } from "@/i18n/locales";
import { db } from "@/server/db/db.server";
import { getActor } from "@/server/session.server";

/** Remembers the interface language: in a year-long cookie, and on the account when signed in. */
export async function setLocaleAction(requested: string): Promise<void> {
  const locale = asLocale(requested);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "lax",
    httpOnly: false,
  });
  const actor = await getActor();
  if (actor) await db().user.update({ where: { id: actor.id }, data: { locale } });
}
