import type { MessageRef } from "../messages";

/** error: refused / blocks submission. warning: kept, flagged; `confirmable` ones must be confirmed before submission. */
export type IssueLevel = "error" | "warning";

export interface FieldIssue extends MessageRef {
  readonly level: IssueLevel;
  /** A soft limit the user may confirm ("valeur vérifiée"). */
  readonly confirmable?: boolean;
}

/** An issue located in the record: "ferritin", or "treatment_lines.<rowId>.dose_value". */
export interface RecordIssue extends FieldIssue {
  readonly path: string;
  /** The issue was confirmed by the user (soft limits only). */
  readonly confirmed?: boolean;
}
