-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'MONITOR';
ALTER TYPE "Role" ADD VALUE 'STATISTICIAN';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "monitorsAllCentres" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "muteNonEssential" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notifyMode" TEXT NOT NULL DEFAULT 'immediate';

-- CreateTable
CREATE TABLE "MonitorCentre" (
    "userId" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,

    CONSTRAINT "MonitorCentre_pkey" PRIMARY KEY ("userId","centreId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "fieldPath" TEXT,
    "essential" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL,
    "mailId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValueNote" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "fieldPath" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ValueNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_state_idx" ON "Notification"("userId", "state");

-- CreateIndex
CREATE INDEX "ValueNote_caseId_idx" ON "ValueNote"("caseId");

-- AddForeignKey
ALTER TABLE "MonitorCentre" ADD CONSTRAINT "MonitorCentre_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorCentre" ADD CONSTRAINT "MonitorCentre_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValueNote" ADD CONSTRAINT "ValueNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValueNote" ADD CONSTRAINT "ValueNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
