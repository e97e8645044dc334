"use server";
import { action } from "@/server/action.server";
import { lockAllValidated, updateStudySettings } from "@/server/study.server";

// Access: coordinators only ("study.manage", checked in updateStudySettings).
export const updateStudySettingsAction = action(({ actor, db }, input: unknown) =>
  updateStudySettings(db, actor, input),
);

// Access: coordinators only ("study.manage" and "case.review", checked in lockAllValidated).
export const lockAllValidatedAction = action(({ actor, db }) => lockAllValidated(db, actor));
