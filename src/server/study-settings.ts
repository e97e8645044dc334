// Reads the study calendar (the single StudySettings row). A plain module (no
// "server-only"): used by the app (study.server.ts) and by `npm run reminders`.
import type { StudyDates } from "@/domain/study-calendar";
import type { Tx } from "./audit.server";

export const STUDY_SETTINGS_ID = 1;
export const DEFAULT_STUDY_NAME = "DM-SAM";

/** The stored dates, or null when the settings row does not exist yet. */
export async function loadStudyDates(db: Tx): Promise<StudyDates | null> {
  const row = await db.studySettings.findUnique({ where: { id: STUDY_SETTINGS_ID } });
  if (!row) return null;
  return {
    openingDate: row.openingDate,
    closingDate: row.closingDate,
    reminderDate: row.reminderDate,
    graceDays: row.graceDays,
  };
}
