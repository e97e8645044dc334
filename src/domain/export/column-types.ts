// The types of the exports' column model, apart from the columns themselves so
// that the key/field columns (columns.ts) and the computed ones
// (computed-columns.ts) both depend on them without depending on each other.
import type { CaseAnswers, BlockRow } from "../crf/answers";
import type { ComputedResults } from "../crf/computed";
import type { FieldDef, Localised, OptionDef } from "../crf/types";
import type { Cell } from "./cells";

/** How a column's cells are typed (drives XLSX cells, ODM DataType, REDCap validation, the loaders). */
export type ColumnType = "text" | "integer" | "decimal" | "date" | "partialDate" | "datetime" | "choice" | "multi";
export type ColumnKind = "key" | "value" | "missing" | "computed" | "row";

export interface ColumnInfo {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly type: ColumnType;
  readonly label: Localised;
  /** The CRF field the column comes from (value and missing columns), or the computed value's id. */
  readonly fieldId?: string;
  readonly blockId?: string;
  /** Canonical unit (label and id) of a number. */
  readonly unit?: { readonly id: string; readonly label: string };
  readonly options?: readonly OptionDef[];
  /** Typed by people: guarded against formulas in CSV. */
  readonly freeText?: boolean;
  readonly field?: FieldDef;
}

export interface Column<S> extends ColumnInfo {
  read(source: S): Cell;
}

/** A case as the exports read it: the pseudonymised key, answers and computed values. */
export interface ExportCase {
  readonly id: string;
  readonly centreCode: string;
  readonly initials: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly status: string;
  /** ISO date-time (UTC). */
  readonly updatedAt: string;
  /** The form version the case was entered with, and the one its answers conform to (ADR 0021). */
  readonly formVersionEntered: string;
  readonly formVersionSaved: string;
  readonly answers: CaseAnswers;
  readonly computed: ComputedResults;
}

/** One row of a repeating block, with its case. */
export interface ExportBlockRow {
  readonly caseId: string;
  /** 1-based position in the case's block. */
  readonly number: number;
  readonly row: BlockRow;
}
