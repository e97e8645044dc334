import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/domain/actor";
import { loadActor } from "./actor.server";
import { authOptions } from "./auth/auth-options.server";
import { db } from "./db/db.server";

/** The signed-in, active user, or null. Cached for the duration of one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; authAt?: number } | undefined;
  if (!user?.id) return null;
  return loadActor(db(), user.id, { startedAt: user.authAt });
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
