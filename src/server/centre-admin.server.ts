import "server-only";
import type { Actor } from "@/domain/actor";
import { newCentreSchema } from "@/domain/centre-input";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { isUniqueViolation } from "./prisma-errors";

export interface CentreAdminRow {
  id: string;
  code: string;
  name: string;
  city: string;
  users: number;
  cases: number;
  createdAt: Date;
}

/** Every centre with its number of accounts and cases (coordinator). */
export async function listCentresForAdmin(db: Db, actor: Actor): Promise<CentreAdminRow[]> {
  authorize(actor, "centre.manage");
  const rows = await db.centre.findMany({
    include: { _count: { select: { users: true, cases: true } } },
    orderBy: { code: "asc" },
  });
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    city: c.city,
    users: c._count.users,
    cases: c._count.cases,
    createdAt: c.createdAt,
  }));
}

/** Adds a centre (coordinator): a unique three-letter code, its name and city; audited. */
export async function createCentre(db: Db, actor: Actor, input: unknown): Promise<{ id: string; code: string }> {
  authorize(actor, "centre.manage");
  const parsed = newCentreSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const v = parsed.data;
  const taken = InputError.field("code", { key: "admin.centre.codeTaken", params: { code: v.code } });
  if (await db.centre.findUnique({ where: { code: v.code }, select: { id: true } })) throw taken;
  try {
    return await db.$transaction(async (tx) => {
      const centre = await tx.centre.create({ data: v, select: { id: true, code: true } });
      await appendAudit(tx, [
        {
          type: "centre.created",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          data: { centreId: centre.id, ...v },
        },
      ]);
      return centre;
    });
  } catch (error) {
    // Two coordinators creating the same code at once: the unique index decides.
    if (isUniqueViolation(error)) throw taken;
    throw error;
  }
}
