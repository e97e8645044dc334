"use server";
import { action } from "@/server/action.server";
import { redactIdentifier } from "@/server/redaction.server";

// Access: coordinators only ("case.redact", checked in redactIdentifier), on a case they may see.
export const redactIdentifierAction = action(({ actor, db }, input: unknown) => redactIdentifier(db, actor, input));
