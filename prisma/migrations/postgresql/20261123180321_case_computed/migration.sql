-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "computed" JSONB;
