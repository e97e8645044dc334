import "server-only";
import type { Actor } from "@/domain/actor";
import type { Role } from "@/domain/roles";
import type { Db } from "./db/create-db";

/**
 * The user behind a session, as every access check sees them: role, centre
 * and active flag read from the database on each request. A disabled (or
 * deleted) account is no actor at all, so it reaches no data-access function.
 */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { centre: true } });
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
}
