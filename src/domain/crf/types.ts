// The shape of the case report form's definition: immutable data describing
// every field of ../shared/study/crf-spec.md once. Everything else (Zod
// schemas, form rendering, completeness, scores' inputs, exports, the
// generated data dictionary) is derived from it. Runtime state — hidden,
// dirty, errors — lives in the form, never here.

import type { Localised } from "../locale";

export type { Localised };

export type SectionId = "identification" | "dm" | "mas" | "treatment" | "outcome";

export interface SectionDef {
  readonly id: SectionId;
  readonly label: Localised;
  /** Fields and repeating blocks, in display order. */
  readonly items: readonly (FieldDef | BlockDef)[];
}

/** Branching: the field or block is shown only when this holds (spec §0 "Conditions"). */
export type Condition =
  | { readonly field: string; readonly equals: string }
  | { readonly field: string; readonly in: readonly string[] }
  | { readonly field: string; readonly includes: string }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

export interface Range {
  readonly min?: number;
  readonly max?: number;
}

export interface UnitDef {
  /** Stable id stored with the value as entered, e.g. "g_l". */
  readonly id: string;
  readonly label: Localised;
  /** canonical value = entered value × factor. */
  readonly factor: number;
}

export interface OptionDef {
  readonly value: string;
  readonly label: Localised;
}

interface FieldBase {
  /** The spec's field id: variable name in exports and analyses. Never renamed. */
  readonly id: string;
  readonly label: Localised;
  readonly help?: Localised;
  /** Sub-heading the field is displayed under (e.g. "Skin"), for grouping only. */
  readonly group?: Localised;
  readonly showIf?: Condition;
  /** Submission needs a value or a missing-data code (default true). */
  readonly required?: boolean;
  /**
   * Id of a field (of the same row, else of the record) whose missing-data
   * code lifts `required`: a dose unit means nothing once the dose is NK/ND.
   */
  readonly optionalIfCoded?: string;
  /** NK / ND may be chosen instead of a value (default true: every clinical field). */
  readonly missingCodes?: boolean;
}

export interface YesNoField extends FieldBase {
  readonly type: "yesno";
}

export interface ChoiceField extends FieldBase {
  readonly type: "choice";
  readonly options: readonly OptionDef[];
}

export interface MultiChoiceField extends FieldBase {
  readonly type: "multi";
  readonly options: readonly OptionDef[];
}

export interface NumberField extends FieldBase {
  readonly type: "number";
  /** The canonical unit (stored); factor 1. Omitted for pure counts and scores. */
  readonly unit?: UnitDef;
  /** Other units hospitals report in, converted on entry. */
  readonly altUnits?: readonly UnitDef[];
  /** Outside: impossible or a unit mistake — refused (canonical unit). */
  readonly hard: Range;
  /** Outside: unusual — kept, flagged, to be confirmed (canonical unit). */
  readonly soft?: Range;
  readonly integer?: boolean;
}

export type DatePrecision = "day" | "month" | "year";

export interface DateField extends FieldBase {
  readonly type: "date";
  /** Precisions accepted (retrospective records often know only month or year). */
  readonly precisions: readonly DatePrecision[];
}

export interface TextField extends FieldBase {
  readonly type: "text";
  readonly maxLength: number;
  readonly multiline?: boolean;
}

/** A dose: a value and one of the drug's accepted units, checked against §5. Only in treatment rows. */
export interface DoseField extends FieldBase {
  readonly type: "dose";
  /** The row field holding the drug id. */
  readonly drugField: string;
}

export type FieldDef = YesNoField | ChoiceField | MultiChoiceField | NumberField | DateField | TextField | DoseField;

/** A repeating block (treatment lines, infections, relapses…): rows of fields, each validated on its own. */
export interface BlockDef {
  readonly type: "block";
  readonly id: string;
  readonly label: Localised;
  /** What one row is called ("Treatment line"). */
  readonly rowLabel: Localised;
  readonly help?: Localised;
  readonly showIf?: Condition;
  readonly maxRows: number;
  readonly fields: readonly FieldDef[];
}

/** A value the form computes (spec "computed"): documented and exported, never typed. */
export interface ComputedDef {
  readonly id: string;
  readonly label: Localised;
  readonly unit?: string;
  readonly section: SectionId;
  readonly formula: Localised;
}

export interface CrfDefinition {
  readonly version: string;
  readonly sections: readonly SectionDef[];
  readonly computed: readonly ComputedDef[];
}

export function isBlock(item: FieldDef | BlockDef): item is BlockDef {
  return item.type === "block";
}
