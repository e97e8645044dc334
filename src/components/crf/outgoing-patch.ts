// The draft patch the browser sends, checked with the server's own schema
// before it leaves (one Zod schema for both sides). Pure: no React here.
import type { BlockRow, FieldAnswer } from "@/domain/crf/answers";
import { rootOf } from "@/domain/crf/field-path";
import { patchFieldErrors } from "@/domain/crf/patch-errors";
import { draftPatchSchema } from "@/domain/crf/schema";
import type { FieldErrors } from "@/domain/messages";

export interface OutgoingPatch {
  baseVersion: number;
  reason?: string;
  fields: Record<string, { from: FieldAnswer | null; to: FieldAnswer | null }>;
  blocks: Record<string, { from: readonly BlockRow[]; to: BlockRow[] }>;
  /** Record paths accepted from the pre-fill panel (provenance in the audit trail). */
  prefilled?: string[];
}

export interface CheckedPatch {
  /** What may be sent: the patch without the fields and blocks the schema refuses, or null when nothing can be. */
  readonly patch: OutgoingPatch | null;
  /** The refused entries' field and block ids. */
  readonly withheld: ReadonlySet<string>;
  /** The schema's messages, at form paths ("ferritin", "treatment_lines.<row id>.dose_value", "_form"). */
  readonly errors: FieldErrors;
}

/**
 * The field-by-field rules run first and should leave nothing for this
 * check: it is the guard that keeps the browser's idea of a valid patch the
 * server's. A refused entry is withheld, the rest stays sendable; a refusal
 * of the patch as a whole (version, reason) sends nothing.
 */
export function checkOutgoingPatch(patch: OutgoingPatch, today: string): CheckedPatch {
  const schema = draftPatchSchema({ today });
  const check = schema.safeParse(patch);
  if (check.success) return { patch, withheld: new Set(), errors: {} };
  const errors = patchFieldErrors(check.error, patch);
  // "_form" and "reason" are no answer path: they stand for themselves.
  const withheld = new Set(Object.keys(errors).map((path) => rootOf(path) ?? path));
  const rest: OutgoingPatch = {
    ...patch,
    fields: Object.fromEntries(Object.entries(patch.fields).filter(([id]) => !withheld.has(id))),
    blocks: Object.fromEntries(Object.entries(patch.blocks).filter(([id]) => !withheld.has(id))),
  };
  const whole = withheld.has("_form") || withheld.has("reason") || !schema.safeParse(rest).success;
  return { patch: whole ? null : rest, withheld, errors };
}
