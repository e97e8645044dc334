// A complete, valid record built from the definition: every shown field
// answered (the first option, the middle of the usual range), dates in order,
// and a few rows in each block. For benchmarks and generated demo data.
import type { BlockRow, CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { FieldDef } from "@/domain/crf/types";
import { applyConditions } from "@/domain/crf/visibility";

const DATES: Record<string, string> = {
  dm_onset_date: "2014-03-01",
  dm_diag_date: "2014-05-02",
  cancer_date: "2013-11-15",
  sam_date: "2015-06-01",
  sam_resolution_date: "2015-07-20",
  last_followup_date: "2018-01-10",
  death_date: "2018-01-10",
  start_date: "2015-06-02",
  end_date: "2015-07-01",
  relapse_date: "2016-09-12",
};

const CHOICES: Record<string, string> = {
  elig_dm: "yes",
  elig_sam: "yes",
  elig_france: "yes",
  death: "no",
  cancer: "no",
  drug: "methylprednisolone_iv",
  dose_unit: "mg_day",
  ongoing: "no",
};

export function sampleAnswer(field: FieldDef, seed = 0): FieldAnswer | undefined {
  switch (field.type) {
    case "yesno":
      return { v: CHOICES[field.id] ?? (seed % 2 ? "no" : "yes") };
    case "choice":
      return { v: CHOICES[field.id] ?? field.options[seed % field.options.length]!.value };
    case "multi":
      return { v: [field.options[0]!.value] };
    case "number": {
      const lo = field.soft?.min ?? field.hard.min ?? 0;
      const hi = field.soft?.max ?? field.hard.max ?? lo + 10;
      const v = field.integer ? Math.round((lo + hi) / 2) : Math.round(((lo + hi) / 2) * 10) / 10;
      return { v, ...(field.unit ? { unit: field.unit.id } : {}) };
    }
    case "dose":
      return { v: 500 };
    case "date":
      return { v: DATES[field.id] ?? "2015-06-10" };
    case "text":
      return field.required === false
        ? { v: "Évolution favorable sous traitement, « contrôle » à J7." }
        : { v: "Autre" };
  }
}

export function sampleRecord(rowsPerBlock = 2, seed = 0): CaseAnswers {
  const fields: Record<string, FieldAnswer> = {};
  for (const f of TOP_LEVEL_FIELDS) {
    const a = sampleAnswer(f, seed);
    if (a) fields[f.id] = a;
  }
  const blocks: Record<string, BlockRow[]> = {};
  for (const b of BLOCKS) {
    blocks[b.id] = Array.from({ length: rowsPerBlock }, (_, i) => ({
      id: `r${seed}x${i}`,
      values: Object.fromEntries(
        b.fields.flatMap((f) => {
          const a = sampleAnswer(f, seed + i);
          return a ? [[f.id, a]] : [];
        }),
      ),
    }));
  }
  // Answers to fields the sample's own choices hide become NA, as the form would store them.
  return applyConditions({ fields, blocks });
}
