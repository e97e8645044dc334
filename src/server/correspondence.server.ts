import "server-only";
// The centre's correspondence list: record ids and pseudonymised keys, printed
// so that the centre can write each patient's identity beside them by hand.
// Centre users get their own centre whatever they ask for; a coordinator any
// centre. The cases come from listCases (case.list, centreScope). Data access
// lives here, in the server layer, like every other read: the page only calls it.
import type { Actor } from "@/domain/actor";
import { isCentreScoped } from "@/domain/roles";
import { authorize, centreScope } from "@/server/access.server";
import { appendAudit } from "@/server/audit.server";
import { listCases } from "@/server/cases.server";
import { listCentres, type CentreRow } from "@/server/centres.server";
import type { Db } from "@/server/db/create-db";
import { NotFoundError } from "@/server/errors";

export interface CorrespondenceRow {
  id: string;
  initials: string;
  birthDate: string;
  centreCode: string;
  status: string;
  createdAt: Date;
}

export interface CorrespondenceList {
  centre: CentreRow;
  rows: CorrespondenceRow[];
}

/** The centres whose list the actor may print (their own, or all for a coordinator). */
export async function correspondenceCentres(db: Db, actor: Actor): Promise<CentreRow[]> {
  authorize(actor, "print.correspondence");
  return listCentres(db, actor);
}

/** The list of one centre, oldest case first (the order cases were entered). Unknown or not-yours centre: NotFoundError. */
export async function correspondenceList(
  db: Db,
  actor: Actor,
  centreCode: string | undefined,
): Promise<CorrespondenceList> {
  authorize(actor, "print.correspondence");
  const code = isCentreScoped(actor.role) ? actor.centreCode : centreCode;
  const centre = (await listCentres(db, actor)).find((c) => c.code === code);
  if (!centre) throw new NotFoundError();
  const cases = await listCases(db, actor, { centre: centre.code });
  // The summaries carry no creation date: read it for the same cases, within the same scope.
  const created = await db.case.findMany({
    where: { id: { in: cases.map((c) => c.id) }, ...centreScope(actor) },
    select: { id: true, createdAt: true },
  });
  const createdAt = new Map(created.map((c) => [c.id, c.createdAt]));
  const rows = cases
    .filter((c) => createdAt.has(c.id))
    .map((c) => ({
      id: c.id,
      initials: c.initials,
      birthDate: c.birthDate,
      centreCode: c.centreCode,
      status: c.status,
      createdAt: createdAt.get(c.id)!,
    }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { centre, rows };
}

/**
 * The list links record ids to pseudonymised keys: printing it is a
 * disclosure, audited when the page is rendered (which centre, how many cases).
 */
export async function recordCorrespondencePrinted(db: Db, actor: Actor, list: CorrespondenceList): Promise<void> {
  authorize(actor, "print.correspondence");
  await db.$transaction((tx) =>
    appendAudit(tx, [
      {
        type: "print.correspondence",
        actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
        data: { centreCode: list.centre.code, cases: list.rows.length },
      },
    ]),
  );
}
