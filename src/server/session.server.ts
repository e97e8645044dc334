import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/domain/actor";
import type { Role } from "@/domain/roles";
import { authOptions } from "./auth/auth-options.server";
import { db } from "./db/db.server";

/** The signed-in, active user, or null. Cached for the duration of one request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const uid = (session?.user as { id?: string } | undefined)?.id;
  if (!uid) return null;
  const user = await db().user.findUnique({ where: { id: uid }, include: { centre: true } });
  // A user disabled by the coordinator loses access at their next request.
  if (!user || !user.active) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    centreId: user.centreId,
    centreCode: user.centre?.code ?? null,
  };
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}
