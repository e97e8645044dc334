import "server-only";
import type { Actor } from "@/domain/actor";
import { authorize, centreScope } from "./access.server";
import type { Db } from "./db/create-db";

export interface CentreRow {
  id: string;
  code: string;
  name: string;
  city: string;
}

/** Centres the actor can see: their own, a monitor's, or all of them for a coordinator. */
export async function listCentres(db: Db, actor: Actor): Promise<CentreRow[]> {
  authorize(actor, "case.list");
  const scope = centreScope(actor);
  return db.centre.findMany({
    where: scope.centreId === undefined ? {} : { id: scope.centreId },
    select: { id: true, code: true, name: true, city: true },
    orderBy: { code: "asc" },
  });
}

/** How many values the identifier guard blocked, per centre (counts only, never content). */
export async function identifierBlocksByCentre(db: Db, actor: Actor): Promise<Record<string, number>> {
  authorize(actor, "case.review");
  const rows = await db.auditEvent.groupBy({
    by: ["centre"],
    where: { type: "case.identifier_blocked" },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.centre ?? "—", r._count._all]));
}
