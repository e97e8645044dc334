// What the extractor proposes: values in the CRF's own terms (option codes,
// canonical units, ISO partial dates), each with its evidence span (UTF-16
// offsets in the pasted text) and the id of the rule that made it.
import type { FieldId } from "@/domain/crf/definition";

export type ProposedValue = string | number | readonly string[] | { readonly code: "NK" | "ND" };

export interface Evidence {
  readonly start: number;
  readonly end: number;
}

export interface Proposal {
  readonly field: FieldId;
  readonly value: ProposedValue;
  readonly evidence: Evidence;
  /** Rule id, e.g. "finding.negated", "lab.worst", "date.sam". */
  readonly rule: string;
  /** Shown to the user: "2,1 g/L → 2,37 mmol/L". */
  readonly note?: string;
  /** A number as written in another unit than the field's canonical one (kept as entered, like a typed value). */
  readonly entered?: { readonly value: number; readonly unit: string };
}

export interface RowProposal {
  /** Row field id (without the block prefix) → value. */
  readonly values: Readonly<Record<string, ProposedValue>>;
  readonly evidence: Evidence;
  readonly rule: string;
}

export interface Extraction {
  readonly fields: Readonly<Partial<Record<FieldId, Proposal>>>;
  readonly blocks: Readonly<Record<string, readonly RowProposal[]>>;
}
