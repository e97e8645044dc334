import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { parseLocale, type Locale } from "@/i18n/locales";
import { db } from "../db/db.server";
import { authOptions } from "./auth-options.server";

/**
 * The language saved on the signed-in user's account (the language switch
 * writes it), or null when signed out. Lets the choice follow the user to
 * another browser, where the language cookie is not set yet.
 */
export const signedInUserLocale = cache(async (): Promise<Locale | null> => {
  const session = await getServerSession(authOptions);
  const uid = (session?.user as { id?: string } | undefined)?.id;
  if (!uid) return null;
  const user = await db().user.findUnique({ where: { id: uid }, select: { locale: true, active: true } });
  return user?.active ? (parseLocale(user.locale) ?? null) : null;
});
