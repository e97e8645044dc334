"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { createCentre } from "@/server/centre-admin.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Access: coordinators only ("centre.manage", checked in createCentre).
export async function createCentreAction(input: unknown): Promise<ActionResult<{ id: string; code: string }>> {
  const actor = await requireActor();
  return runAction(() => createCentre(db(), actor, input));
}
