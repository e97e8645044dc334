// Applies a draft patch to the stored answers. Each change says what the
// client saw before ("from") and what it wants ("to"): a change whose "from"
// no longer matches the stored value was overtaken by someone else's save and
// is returned as a conflict instead of silently overwriting it. Repeating
// blocks merge row by row and field by field (merge-rows.ts).
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "./answers";
import { rowFieldPath, rowPath } from "./field-path";
import { mergeRows, sameRowValues, type RowConflict, type RowFieldConflict } from "./merge-rows";

export type { RowConflict, RowFieldConflict } from "./merge-rows";

export interface FieldChange {
  readonly from: FieldAnswer | null;
  readonly to: FieldAnswer | null;
}

/** A row as parsed from a payload: absent answers may appear as undefined. */
export interface IncomingRow {
  readonly id: string;
  readonly values: Readonly<Record<string, FieldAnswer | undefined>>;
}

export interface BlockChange {
  readonly from: readonly IncomingRow[];
  readonly to: readonly IncomingRow[];
}

function cleanRows(rows: readonly IncomingRow[]): BlockRow[] {
  return rows.map((r) => ({
    id: r.id,
    values: Object.fromEntries(Object.entries(r.values).filter((e): e is [string, FieldAnswer] => e[1] !== undefined)),
  }));
}

export interface Patch {
  readonly fields?: Readonly<Record<string, FieldChange | undefined>>;
  readonly blocks?: Readonly<Record<string, BlockChange | undefined>>;
}

export interface FieldConflict {
  readonly kind: "field";
  readonly path: string;
  readonly mine: FieldAnswer | null;
  readonly theirs: FieldAnswer | null;
}

/** A change overtaken by someone else's save: a top-level field, a row, or one field of a row. */
export type Conflict = FieldConflict | RowConflict | RowFieldConflict;

// Key order is not meaningful (PostgreSQL's JSONB reorders keys): compare answer by answer.
const sameRows = (a: readonly BlockRow[], b: readonly BlockRow[]) =>
  a.length === b.length &&
  a.every((r, i) => {
    const o = b[i];
    return o !== undefined && r.id === o.id && sameRowValues(r.values, o.values);
  });

export function mergePatch(stored: CaseAnswers, patch: Patch): { answers: CaseAnswers; conflicts: Conflict[] } {
  const fields: Record<string, FieldAnswer> = { ...stored.fields };
  const blocks: Record<string, readonly BlockRow[]> = { ...stored.blocks };
  const conflicts: Conflict[] = [];
  for (const [id, change] of Object.entries(patch.fields ?? {})) {
    if (!change) continue;
    const theirs = stored.fields[id] ?? null;
    // Already what the client wants (e.g. a retried save): nothing to do.
    if (sameAnswer(theirs, change.to)) continue;
    if (!sameAnswer(theirs, change.from)) {
      conflicts.push({ kind: "field", path: id, mine: change.to, theirs });
      continue;
    }
    if (change.to === null) delete fields[id];
    else fields[id] = change.to;
  }
  for (const [id, change] of Object.entries(patch.blocks ?? {})) {
    if (!change) continue;
    const theirs = stored.blocks[id] ?? [];
    const merged = mergeRows(id, cleanRows(change.from), cleanRows(change.to), theirs);
    conflicts.push(...merged.conflicts);
    if (!sameRows(theirs, merged.rows)) blocks[id] = merged.rows;
  }
  return { answers: { fields, blocks }, conflicts };
}

export interface AnswerDiff {
  readonly path: string;
  readonly before: FieldAnswer | null;
  readonly after: FieldAnswer | null;
}

/** Every field (and row field, as "block.row.field") whose answer differs. */
export function diffAnswers(before: CaseAnswers, after: CaseAnswers): AnswerDiff[] {
  const out: AnswerDiff[] = [];
  for (const id of new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])) {
    const a = before.fields[id] ?? null;
    const b = after.fields[id] ?? null;
    if (!sameAnswer(a, b)) out.push({ path: id, before: a, after: b });
  }
  for (const blockId of new Set([...Object.keys(before.blocks), ...Object.keys(after.blocks)])) {
    const rowsBefore = new Map((before.blocks[blockId] ?? []).map((r) => [r.id, r]));
    const rowsAfter = new Map((after.blocks[blockId] ?? []).map((r) => [r.id, r]));
    for (const rowId of new Set([...rowsBefore.keys(), ...rowsAfter.keys()])) {
      // A row added or removed is recorded as such, then field by field.
      if (rowsBefore.has(rowId) !== rowsAfter.has(rowId)) {
        out.push({
          path: rowPath(blockId, rowId),
          before: rowsBefore.has(rowId) ? { v: "row" } : null,
          after: rowsAfter.has(rowId) ? { v: "row" } : null,
        });
      }
      const vb = rowsBefore.get(rowId)?.values ?? {};
      const va = rowsAfter.get(rowId)?.values ?? {};
      for (const fid of new Set([...Object.keys(vb), ...Object.keys(va)])) {
        const a = vb[fid] ?? null;
        const b = va[fid] ?? null;
        if (!sameAnswer(a, b)) out.push({ path: rowFieldPath(blockId, rowId, fid), before: a, after: b });
      }
    }
  }
  return out;
}
