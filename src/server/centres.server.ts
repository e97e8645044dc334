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

/** Centres the actor can see: their own, or all of them for a coordinator. */
export async function listCentres(db: Db, actor: Actor): Promise<CentreRow[]> {
  authorize(actor, "case.list");
  const scope = centreScope(actor);
  return db.centre.findMany({
    where: scope.centreId ? { id: scope.centreId } : {},
    select: { id: true, code: true, name: true, city: true },
    orderBy: { code: "asc" },
  });
}
