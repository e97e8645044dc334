// Notes on values (ADR 0016): a short remark a centre user attaches to a field
// or a repeating block's row ("valeur du compte rendu du 05/06", "dosage refait
// à J3"). Not a query: nothing to answer. The text is free, so the identifier
// guard scans it like every free text (spec §9), and the place it points at
// must exist in the form (a field) or in the record (a row).
import { z } from "zod";
import type { CaseAnswers } from "./crf/answers";
import { resolveAnswerPath } from "./crf/field-path";
import { guardFreeText } from "./identifier-guard";

export const VALUE_NOTE_MAX = 300;

/** Where a note may point: a top-level field, a block's row, or a field of that row. */
export function isNotePath(path: string, answers: CaseAnswers): boolean {
  const p = resolveAnswerPath(path);
  if (!p) return false;
  return p.kind === "field" || (answers.blocks[p.block.id] ?? []).some((r) => r.id === p.rowId);
}

export const valueNoteSchema = z.strictObject({
  fieldPath: z
    .string()
    .trim()
    .min(1, { message: "valueNote.fieldUnknown" })
    .max(200, { message: "valueNote.fieldUnknown" }),
  note: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v.length === 0) ctx.addIssue({ code: "custom", message: "valueNote.required" });
      const guard = guardFreeText(v, VALUE_NOTE_MAX);
      if (!guard.ok) for (const i of guard.issues) ctx.addIssue({ code: "custom", message: i.key, params: i.params });
    }),
});
