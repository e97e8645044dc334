-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initials" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "answers" JSONB NOT NULL,
    "computed" JSONB,
    "version" INTEGER NOT NULL DEFAULT 1,
    "formVersionEntered" TEXT NOT NULL DEFAULT '2026-11-1',
    "formVersionSaved" TEXT NOT NULL DEFAULT '2026-11-1',
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Case_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("answers", "birthDate", "centreId", "computed", "createdAt", "createdById", "id", "initials", "status", "updatedAt", "updatedById", "version") SELECT "answers", "birthDate", "centreId", "computed", "createdAt", "createdById", "id", "initials", "status", "updatedAt", "updatedById", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE INDEX "Case_centreId_status_idx" ON "Case"("centreId", "status");
CREATE UNIQUE INDEX "Case_initials_birthDate_centreId_key" ON "Case"("initials", "birthDate", "centreId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
