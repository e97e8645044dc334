// A protocol amendment of the case report form, declared as data: which
// version it leads from and to, and the answer migration it needs. Every
// stored answer is changed only through these operations (npm run
// crf:migrate), so each change is declared, reviewed, tested and audited
// (ADR 0021). The operations' names follow OpenClinica's CRF versioning.
import type { FieldAnswer } from "../answers";
import type { Localised } from "../types";

/** Where the field lives: a top-level field, or a field of every row of `block`. */
interface Located {
  readonly block?: string;
}

export type AmendmentOp =
  /** A new field: nothing to migrate, listed in the changelog. */
  | (Located & { readonly op: "addField"; readonly field: string })
  /** A field leaves the form: its answers are removed, their last value kept in the audit trail. */
  | (Located & { readonly op: "removeField"; readonly field: string })
  /** The answer moves to the new id unchanged (value, code, unit as entered). */
  | (Located & { readonly op: "renameField"; readonly from: string; readonly to: string })
  /** Option codes replaced (old → new); map keys never appear among its values, so a second run finds nothing. */
  | (Located & { readonly op: "recodeOptions"; readonly field: string; readonly map: Readonly<Record<string, string>> })
  /**
   * The canonical unit changes: canonical value × factor. The value and unit
   * as entered stay as they were typed.
   */
  | (Located & {
      readonly op: "changeUnit";
      readonly field: string;
      readonly from: string;
      readonly to: string;
      readonly factor: number;
    })
  /** One answer becomes several: `split` returns the new fields' answers (undefined: left empty). */
  | (Located & {
      readonly op: "splitField";
      readonly from: string;
      readonly into: readonly string[];
      readonly rule: Localised;
      readonly split: (answer: FieldAnswer) => Readonly<Record<string, FieldAnswer | undefined>>;
    })
  /** Several answers become one: `merge` gets the old fields' answers (undefined when unanswered). */
  | (Located & {
      readonly op: "mergeFields";
      readonly from: readonly string[];
      readonly into: string;
      readonly rule: Localised;
      readonly merge: (answers: Readonly<Record<string, FieldAnswer | undefined>>) => FieldAnswer | undefined;
    });

export type AmendmentOpName = AmendmentOp["op"];

export interface Amendment {
  /** The form version the cases come from, and the one they reach. */
  readonly from: string;
  readonly to: string;
  /** The amendment's date (YYYY-MM-DD): the protocol amendment or the ethics approval. */
  readonly date: string;
  readonly summary: Localised;
  readonly operations: readonly AmendmentOp[];
}
