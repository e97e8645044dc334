import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/domain/actor";
import { parseLocale, type Locale } from "@/i18n/locales";
import type { Db } from "../db/create-db";
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

/** The language switch, signed in: saved on the actor's own account (no user id is taken from the input). */
export async function saveUserLocale(database: Db, actor: Actor, locale: Locale): Promise<void> {
  await database.user.update({ where: { id: actor.id }, data: { locale } });
}
