// A case to export, built from the sample record, for the export unit tests.
import type { CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import type { ExportCase } from "@/domain/export/columns";
import { DEFAULT_OPTIONS, type ExportOptions } from "@/domain/export/options";
import { sampleRecord } from "../../../scripts/lib/sample-record";

export const OPTIONS: ExportOptions = DEFAULT_OPTIONS;
export const AGE: ExportOptions = { ...DEFAULT_OPTIONS, ageInsteadOfBirthDate: true };

export function exportCase(answers: CaseAnswers = sampleRecord(2), extra: Partial<ExportCase> = {}): ExportCase {
  const birthDate = extra.birthDate ?? "1960-01-02";
  return {
    id: "case-1",
    centreCode: "REI",
    initials: "AB",
    birthDate,
    status: "VALIDATED",
    updatedAt: "2026-11-20T10:00:00.000Z",
    formVersionEntered: "2026-11-1",
    formVersionSaved: "2026-11-1",
    answers,
    computed: computeResults(answers, birthDate),
    ...extra,
  };
}

/** The sample record with some fields replaced. */
export function withFields(fields: CaseAnswers["fields"], base: CaseAnswers = sampleRecord(2)): CaseAnswers {
  return { fields: { ...base.fields, ...fields }, blocks: base.blocks };
}
