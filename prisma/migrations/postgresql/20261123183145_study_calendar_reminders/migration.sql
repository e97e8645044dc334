-- AlterTable
ALTER TABLE "StudySettings" ADD COLUMN     "graceDays" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SentReminder" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "mailId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SentReminder_dedupeKey_key" ON "SentReminder"("dedupeKey");
