"use server";
import { action } from "@/server/action.server";
import { createCentre } from "@/server/centre-admin.server";

// Access: coordinators only ("centre.manage", checked in createCentre).
export const createCentreAction = action(({ actor, db }, input: unknown) => createCentre(db, actor, input));
