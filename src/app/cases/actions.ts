"use server";
import { action } from "@/server/action.server";
import { createCase } from "@/server/cases.server";

// Access: clinicians and research assistants of the case's centre ("case.create", checked in createCase).
export const createCaseAction = action(({ actor, db }, input: unknown) => createCase(db, actor, input));
