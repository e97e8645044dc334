import "server-only";
import type { Actor } from "@/domain/actor";
import { can, isCentreScoped, monitorsSomeCentres, type Permission } from "@/domain/roles";
import { ForbiddenError } from "./errors";

/** Throws unless the actor's role grants the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(permission);
}

/**
 * The Prisma `where` fragment limiting a query to what the actor may see:
 * their centre's rows, a monitor's centres, or everything for a coordinator
 * (or a statistician, whose permissions reach no case page). Every query on
 * centre-owned data goes through it, so another centre's row is simply absent.
 */
export function centreScope(actor: Actor): { centreId?: string | { in: string[] } } {
  if (monitorsSomeCentres(actor.role)) {
    const scope = actor.monitorScope;
    if (scope === "all") return {};
    // No scope loaded (or an empty list): nothing is visible, never everything.
    return { centreId: { in: Array.isArray(scope) ? [...scope] : [] } };
  }
  if (!isCentreScoped(actor.role)) return {};
  if (!actor.centreId) throw new ForbiddenError("centre");
  return { centreId: actor.centreId };
}
