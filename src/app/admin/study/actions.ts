"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { lockAllValidated, updateStudySettings } from "@/server/study.server";
import type { StudyDates } from "@/domain/study-calendar";

// Access: coordinators only ("study.manage", checked in updateStudySettings).
export async function updateStudySettingsAction(input: unknown): Promise<ActionResult<StudyDates>> {
  const actor = await requireActor();
  return runAction(() => updateStudySettings(db(), actor, input));
}

// Access: coordinators only ("study.manage" and "case.review", checked in lockAllValidated).
export async function lockAllValidatedAction(): Promise<ActionResult<{ locked: number }>> {
  const actor = await requireActor();
  return runAction(() => lockAllValidated(db(), actor));
}
