// Three-way merge of a repeating block's rows, row by row and field by field.
// base: the rows the client saw (the change's "from"); mine: the rows it
// wants ("to"); theirs: the rows stored now. Rows are matched by their stable
// id, so two people editing different rows — or different fields of one row —
// both keep their work; only a field both changed to different values, or a
// row one deleted while the other edited it, is a conflict for the user.
import { sameAnswer, type BlockRow, type FieldAnswer } from "./answers";
import { rowFieldPath, rowPath } from "./field-path";

type RowValues = Readonly<Record<string, FieldAnswer>>;

/** A row deleted by one side and edited by the other; `null` is the side that deleted it. */
export interface RowConflict {
  readonly kind: "row";
  /** "<block>.<row id>" */
  readonly path: string;
  readonly block: string;
  readonly rowId: string;
  readonly mine: BlockRow | null;
  readonly theirs: BlockRow | null;
}

/** One field of a row both sides changed, to different answers. */
export interface RowFieldConflict {
  readonly kind: "rowField";
  /** "<block>.<row id>.<field>" */
  readonly path: string;
  readonly block: string;
  readonly rowId: string;
  readonly field: string;
  readonly mine: FieldAnswer | null;
  readonly theirs: FieldAnswer | null;
}

export interface RowsMerge {
  readonly rows: BlockRow[];
  readonly conflicts: (RowConflict | RowFieldConflict)[];
}

/** Same answers field by field: key order, absent and undefined answers are irrelevant. */
export function sameRowValues(a: RowValues, b: RowValues): boolean {
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) if (!sameAnswer(a[id], b[id])) return false;
  return true;
}

function mergeValues(
  block: string,
  rowId: string,
  base: RowValues,
  mine: RowValues,
  theirs: RowValues,
): { values: Record<string, FieldAnswer>; conflicts: RowFieldConflict[] } {
  const values: Record<string, FieldAnswer> = {};
  const conflicts: RowFieldConflict[] = [];
  for (const field of new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])) {
    const b = base[field] ?? null;
    const m = mine[field] ?? null;
    const t = theirs[field] ?? null;
    let out = t;
    // Equal on both sides (a retried save, or the same edit twice) or untouched by me: theirs stands.
    if (!sameAnswer(m, t) && !sameAnswer(b, m)) {
      if (sameAnswer(b, t)) out = m;
      else
        conflicts.push({
          kind: "rowField",
          path: rowFieldPath(block, rowId, field),
          block,
          rowId,
          field,
          mine: m,
          theirs: t,
        });
    }
    if (out) values[field] = out;
  }
  return { values, conflicts };
}

/**
 * The merged rows keep theirs' order, with the rows only I added appended in
 * my order. Conflicting changes are not applied: the stored side stays until
 * the user chooses.
 */
export function mergeRows(
  block: string,
  base: readonly BlockRow[],
  mine: readonly BlockRow[],
  theirs: readonly BlockRow[],
): RowsMerge {
  const baseById = new Map(base.map((r) => [r.id, r]));
  const mineById = new Map(mine.map((r) => [r.id, r]));
  const theirIds = new Set(theirs.map((r) => r.id));
  const rows: BlockRow[] = [];
  const conflicts: (RowConflict | RowFieldConflict)[] = [];
  for (const t of theirs) {
    const b = baseById.get(t.id);
    const m = mineById.get(t.id);
    if (m) {
      // A row both have (a row added by both is a retried save: its base is empty).
      const merged = mergeValues(block, t.id, b?.values ?? {}, m.values, t.values);
      rows.push({ id: t.id, values: merged.values });
      conflicts.push(...merged.conflicts);
    } else if (!b) {
      rows.push(t); // added by them
    } else if (!sameRowValues(b.values, t.values)) {
      rows.push(t); // I deleted it, they edited it
      conflicts.push({ kind: "row", path: rowPath(block, t.id), block, rowId: t.id, mine: null, theirs: t });
    } // else: I deleted it, they did not touch it
  }
  for (const m of mine) {
    if (theirIds.has(m.id)) continue;
    const b = baseById.get(m.id);
    if (!b)
      rows.push(m); // added by me
    else if (!sameRowValues(b.values, m.values))
      conflicts.push({ kind: "row", path: rowPath(block, m.id), block, rowId: m.id, mine: m, theirs: null }); // they deleted it, I edited it
    // else: they deleted it, I did not touch it
  }
  return { rows, conflicts };
}
