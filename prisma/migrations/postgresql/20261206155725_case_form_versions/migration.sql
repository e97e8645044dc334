-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "formVersionEntered" TEXT NOT NULL DEFAULT '2026-11-1',
ADD COLUMN     "formVersionSaved" TEXT NOT NULL DEFAULT '2026-11-1';
