// The one place that reads and writes answer paths (issue #12). A path names a
// place in a case's answers, as stored in audit events, queries, value notes,
// conflicts and error maps:
//   "<field>"                  a top-level field          ("weight_kg")
//   "<block>.<row id>"         a row of a repeating block ("treatment_lines.r1")
//   "<block>.<row id>.<field>" a field of that row        ("treatment_lines.r1.dose")
// Everything else parses to undefined. Code outside this module never splits a
// path on "." itself (tests/unit/crf/field-path-usage.test.ts checks it).
import { blockById, fieldById, labelOf } from "./definition";
import { l } from "./labels";
import type { BlockDef, FieldDef, Localised } from "./types";

export type AnswerPath =
  | { readonly kind: "field"; readonly field: string }
  | { readonly kind: "row"; readonly block: string; readonly rowId: string }
  | { readonly kind: "rowField"; readonly block: string; readonly rowId: string; readonly field: string };

/** Field and block ids are snake_case (the spec's variable names). */
const ID = /^[a-z][a-z0-9_]*$/;
/** Row ids: stable ids the form makes, "import-3" from an import, or a row number in reports. */
const ROW = /^[A-Za-z0-9_-]{1,64}$/;

/** The path's parts, or undefined when it has none of the three shapes. Ids are not looked up. */
export function parseAnswerPath(path: string): AnswerPath | undefined {
  const parts = path.split(".");
  if (parts.length === 1) return ID.test(path) ? { kind: "field", field: path } : undefined;
  const [block = "", rowId = "", field] = parts;
  if (parts.length > 3 || !ID.test(block) || !ROW.test(rowId)) return undefined;
  if (field === undefined) return { kind: "row", block, rowId };
  return ID.test(field) ? { kind: "rowField", block, rowId, field } : undefined;
}

export function formatAnswerPath(p: AnswerPath): string {
  switch (p.kind) {
    case "field":
      return p.field;
    case "row":
      return `${p.block}.${p.rowId}`;
    case "rowField":
      return `${p.block}.${p.rowId}.${p.field}`;
  }
}

export const rowPath = (block: string, rowId: string): string => formatAnswerPath({ kind: "row", block, rowId });

export const rowFieldPath = (block: string, rowId: string, field: string): string =>
  formatAnswerPath({ kind: "rowField", block, rowId, field });

/** The field a path ends on (a top-level or a row field); undefined for a row or a malformed path. */
export function fieldIdOf(path: string): string | undefined {
  const p = parseAnswerPath(path);
  return p && p.kind !== "row" ? p.field : undefined;
}

/** What a path hangs from: the top-level field, or the block of a row path. Undefined when malformed. */
export function rootOf(path: string): string | undefined {
  const p = parseAnswerPath(path);
  return p ? (p.kind === "field" ? p.field : p.block) : undefined;
}

/** The row a path is in ("<block>.<row id>"); a top-level field's path is its own; malformed paths unchanged. */
export function rowPathOf(path: string): string {
  const p = parseAnswerPath(path);
  return p && p.kind !== "field" ? rowPath(p.block, p.rowId) : path;
}

export type ResolvedPath =
  | { readonly kind: "field"; readonly field: FieldDef }
  | { readonly kind: "row"; readonly block: BlockDef; readonly rowId: string }
  | { readonly kind: "rowField"; readonly block: BlockDef; readonly rowId: string; readonly field: FieldDef };

/** The path with its definitions, or undefined when a field or block is not in the form. */
export function resolveAnswerPath(path: string): ResolvedPath | undefined {
  const p = parseAnswerPath(path);
  if (!p) return undefined;
  if (p.kind === "field") {
    const field = fieldById(p.field);
    return field && { kind: "field", field };
  }
  const block = blockById(p.block);
  if (!block) return undefined;
  if (p.kind === "row") return { kind: "row", block, rowId: p.rowId };
  const field = block.fields.find((f) => f.id === p.field);
  return field && { kind: "rowField", block, rowId: p.rowId, field };
}

/**
 * What a reader calls the place a path names: the field's label (a row's field
 * included), the block's label for a row, the path itself when unknown.
 */
export function answerPathLabel(path: string): Localised {
  const p = parseAnswerPath(path);
  if (!p) return l(path, path);
  if (p.kind !== "row") return labelOf(p.field);
  return blockById(p.block)?.label ?? l(p.block, p.block);
}
