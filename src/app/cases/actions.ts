"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { createCase } from "@/server/cases.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Access: clinicians and research assistants of the case's centre ("case.create", checked in createCase).
export async function createCaseAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await requireActor();
  return runAction(() => createCase(db(), actor, input));
}
