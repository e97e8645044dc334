import "server-only";
import type { Actor } from "@/domain/actor";
import type { Role } from "@/domain/roles";
import { sessionIsCurrent } from "./auth/session-config";
import type { Db } from "./db/create-db";

/** How a request's session is known: when it began (the token's `authAt`, ms). */
export interface SessionStart {
  readonly startedAt: unknown;
  readonly now?: number;
}

/**
 * The user behind a session, as every access check sees them: role, centre
 * and active flag read from the database on each request. A disabled (or
 * deleted) account is no actor at all, so it reaches no data-access function.
 * Given the request's session, a session voided by sign-out or a password
 * change, or past its 12-hour lifetime, is no actor either (tests and scripts
 * that act for a user directly pass no session).
 */
export async function loadActor(db: Db, userId: string, session?: SessionStart): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { centre: true, monitoredCentres: { select: { centreId: true } } },
  });
  // A user disabled by the coordinator loses access at their next request.
  if (!user || !user.active) return null;
  if (session && !sessionIsCurrent(session.startedAt, session.now ?? Date.now(), user.sessionsValidFrom)) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    centreId: user.centreId,
    centreCode: user.centre?.code ?? null,
    ...(user.role === "MONITOR"
      ? { monitorScope: user.monitorsAllCentres ? "all" : user.monitoredCentres.map((m) => m.centreId) }
      : {}),
  };
}
