// Cases in a given state and the study calendar, for the study-management
// integration tests (written through the real data-access layer).
import type { Actor } from "@/domain/actor";
import { createCase } from "@/server/cases.server";
import type { Db } from "@/server/db/create-db";
import { updateStudySettings } from "@/server/study.server";
import { signCase } from "@/server/workflow.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { ELIGIBLE, TEST_PASSWORD } from "./fixtures";

/** A draft case of the clinician's (or research assistant's) centre. */
export async function draftCase(db: Db, actor: Actor, initials: string, birthDate: string): Promise<string> {
  return (await createCase(db, actor, { initials, birthDate, centreCode: actor.centreCode, ...ELIGIBLE })).id;
}

/** A complete case, signed and submitted by the clinician. */
export async function submittedCase(db: Db, clinician: Actor, initials: string, birthDate: string): Promise<string> {
  const id = await draftCase(db, clinician, initials, birthDate);
  // The complete answers are written directly: setup, not the thing tested.
  await db.case.update({ where: { id }, data: { answers: sampleRecord(2) as object } });
  await signCase(db, clinician, id, { password: TEST_PASSWORD, attest: true, locale: "fr" });
  return id;
}

/** Sets the calendar through the coordinator's settings function (empty = protocol default). */
export async function setCalendar(
  db: Db,
  coordinator: Actor,
  dates: { openingDate: string; closingDate?: string; reminderDate?: string; graceDays?: number },
): Promise<void> {
  await updateStudySettings(db, coordinator, {
    openingDate: dates.openingDate,
    closingDate: dates.closingDate ?? "",
    reminderDate: dates.reminderDate ?? "",
    graceDays: dates.graceDays ?? 0,
  });
}
