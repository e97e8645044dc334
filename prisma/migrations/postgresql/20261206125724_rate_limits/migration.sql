-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "commits" TEXT,
ADD COLUMN     "keyId" TEXT,
ADD COLUMN     "redacted" TEXT,
ADD COLUMN     "salts" TEXT;

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastAt" BIGINT NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RateLimit_lastAt_idx" ON "RateLimit"("lastAt");
