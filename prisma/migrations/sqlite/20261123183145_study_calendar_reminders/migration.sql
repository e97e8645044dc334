-- CreateTable
CREATE TABLE "SentReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "mailId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StudySettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "studyName" TEXT NOT NULL,
    "openingDate" TEXT,
    "closingDate" TEXT,
    "reminderDate" TEXT,
    "graceDays" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_StudySettings" ("closingDate", "id", "openingDate", "reminderDate", "studyName", "updatedAt") SELECT "closingDate", "id", "openingDate", "reminderDate", "studyName", "updatedAt" FROM "StudySettings";
DROP TABLE "StudySettings";
ALTER TABLE "new_StudySettings" RENAME TO "StudySettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SentReminder_dedupeKey_key" ON "SentReminder"("dedupeKey");
