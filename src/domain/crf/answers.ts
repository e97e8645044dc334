// What a case's answers look like once stored: canonical values, missing-data
// codes, and the value and unit as entered (spec §0). JSON-serialisable.

/** NK: not known (not in the file); ND: not done. Chosen by the user. */
export type MissingCode = "NK" | "ND";
/** NA: not applicable — set by the form when a condition hides the field. */
export type AnswerCode = MissingCode | "NA";
export const MISSING_CODES: readonly MissingCode[] = ["NK", "ND"];

export type AnswerValue = string | number | readonly string[];

export interface FieldAnswer {
  /** Canonical value: number in the canonical unit, ISO (partial) date, option value(s), text. */
  readonly v?: AnswerValue;
  readonly code?: AnswerCode;
  /** Unit id as entered (numbers with several units, doses). */
  readonly unit?: string;
  /** The number as entered, in `unit`, kept for audit when it was converted. */
  readonly entered?: number;
  /** The user confirmed this unusual value ("valeur vérifiée"). */
  readonly confirmed?: boolean;
}

export interface BlockRow {
  /** Stable row id (survives reordering and removals). */
  readonly id: string;
  readonly values: Readonly<Record<string, FieldAnswer>>;
}

export interface CaseAnswers {
  readonly fields: Readonly<Record<string, FieldAnswer>>;
  readonly blocks: Readonly<Record<string, readonly BlockRow[]>>;
}

export const EMPTY_ANSWERS: CaseAnswers = { fields: {}, blocks: {} };

/** A field is answered when it has a value or a code. */
export function isAnswered(a: FieldAnswer | undefined): boolean {
  if (!a) return false;
  if (a.code) return true;
  if (a.v === undefined || a.v === "") return false;
  return !(Array.isArray(a.v) && a.v.length === 0);
}

export function hasValue(a: FieldAnswer | undefined): a is FieldAnswer & { v: AnswerValue } {
  return a !== undefined && a.code === undefined && a.v !== undefined && a.v !== "";
}

export function numberOf(a: FieldAnswer | undefined): number | undefined {
  return hasValue(a) && typeof a.v === "number" ? a.v : undefined;
}

export function stringOf(a: FieldAnswer | undefined): string | undefined {
  return hasValue(a) && typeof a.v === "string" ? a.v : undefined;
}

export function listOf(a: FieldAnswer | undefined): readonly string[] | undefined {
  return hasValue(a) && Array.isArray(a.v) ? a.v : undefined;
}

/** Reads stored JSON defensively: anything unexpected becomes empty answers. */
export function asCaseAnswers(json: unknown): CaseAnswers {
  if (!json || typeof json !== "object") return EMPTY_ANSWERS;
  const o = json as { fields?: unknown; blocks?: unknown };
  const fields = o.fields && typeof o.fields === "object" ? (o.fields as CaseAnswers["fields"]) : {};
  const blocks = o.blocks && typeof o.blocks === "object" ? (o.blocks as CaseAnswers["blocks"]) : {};
  return { fields, blocks };
}

export function sameAnswer(a: FieldAnswer | null | undefined, b: FieldAnswer | null | undefined): boolean {
  return canonical(a) === canonical(b);
}

function canonical(a: FieldAnswer | null | undefined): string {
  if (!a) return "null";
  const { v, code, unit, entered, confirmed } = a;
  return JSON.stringify([v ?? null, code ?? null, unit ?? null, entered ?? null, confirmed ?? false]);
}
