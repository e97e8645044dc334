"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { redactIdentifier, type RedactionResult } from "@/server/redaction.server";
import { requireActor } from "@/server/session.server";

// Access: coordinators only ("case.redact", checked in redactIdentifier), on a case they may see.
export async function redactIdentifierAction(input: unknown): Promise<ActionResult<RedactionResult>> {
  const actor = await requireActor();
  return runAction(() => redactIdentifier(db(), actor, input));
}
