// The conflicts a user has not settled yet, kept across saves until they
// choose "keep mine" or "keep theirs" (or type over the value). Pure
// functions: no React here.
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { rowPath, rowPathOf } from "@/domain/crf/field-path";
import type { Conflict } from "@/domain/crf/merge";
import { sameRowValues } from "@/domain/crf/merge-rows";

/** Whether `path` (a field, "<block>.<row>" or "<block>.<row>.<field>") is covered by an unsettled conflict. */
export function conflictCovers(conflicts: readonly Conflict[], path: string): boolean {
  const row = rowPathOf(path);
  return conflicts.some((c) => c.path === path || (c.kind === "row" && c.path === row));
}

/** The conflicts left once the user changed `path` themselves: typing over a conflicting value settles it as theirs to keep. */
export function settledByTyping(conflicts: readonly Conflict[], path: string): readonly Conflict[] {
  const row = rowPathOf(path);
  const left = conflicts.filter((c) => c.path !== path && !(c.kind === "row" && c.path === row));
  return left.length === conflicts.length ? conflicts : left;
}

function withAnswer(
  values: Readonly<Record<string, FieldAnswer>>,
  field: string,
  a: FieldAnswer | null,
): Record<string, FieldAnswer> {
  const out = { ...values };
  if (a) out[field] = a;
  else delete out[field];
  return out;
}

/**
 * The rows to send for a block: a conflicting change is held back — sent as
 * what is stored — until the user chooses, so that saving another field of
 * the block never settles a conflict behind their back.
 */
export function holdBackConflicts(
  blockId: string,
  rows: readonly BlockRow[],
  stored: readonly BlockRow[],
  conflicts: readonly Conflict[],
): BlockRow[] {
  let out = [...rows];
  for (const c of conflicts) {
    if (c.kind === "field" || c.block !== blockId) continue;
    const storedRow = stored.find((r) => r.id === c.rowId);
    if (!storedRow) out = out.filter((r) => r.id !== c.rowId);
    else if (c.kind === "rowField")
      out = out.map((r) =>
        r.id === c.rowId ? { id: r.id, values: withAnswer(r.values, c.field, storedRow.values[c.field] ?? null) } : r,
      );
    else if (out.some((r) => r.id === c.rowId)) out = out.map((r) => (r.id === c.rowId ? storedRow : r));
    else out.push(storedRow);
  }
  return out;
}

function refresh(c: Conflict, stored: CaseAnswers, shown: CaseAnswers): Conflict | null {
  if (c.kind === "field") {
    const theirs = stored.fields[c.path] ?? null;
    const mine = shown.fields[c.path] ?? null;
    return sameAnswer(mine, theirs) ? null : { ...c, mine, theirs };
  }
  const storedRow = (stored.blocks[c.block] ?? []).find((r) => r.id === c.rowId) ?? null;
  const shownRow = (shown.blocks[c.block] ?? []).find((r) => r.id === c.rowId) ?? null;
  if (c.kind === "rowField") {
    // The user removed the row: that was their choice.
    if (!shownRow) return null;
    if (!storedRow)
      return {
        kind: "row",
        path: rowPath(c.block, c.rowId),
        block: c.block,
        rowId: c.rowId,
        mine: shownRow,
        theirs: null,
      };
    const theirs = storedRow.values[c.field] ?? null;
    const mine = shownRow.values[c.field] ?? null;
    return sameAnswer(mine, theirs) ? null : { ...c, mine, theirs };
  }
  if (!storedRow && !shownRow) return null;
  if (storedRow && shownRow && sameRowValues(storedRow.values, shownRow.values)) return null;
  return { ...c, mine: shownRow, theirs: storedRow };
}

/**
 * After a save: the server's new conflicts, plus the earlier ones still
 * unsettled, each with both sides as they are now (what is stored, what is
 * shown). A conflict whose two sides became equal is gone.
 */
export function reconcileConflicts(
  previous: readonly Conflict[],
  fresh: readonly Conflict[],
  stored: CaseAnswers,
  shown: CaseAnswers,
): Conflict[] {
  const byPath = new Map<string, Conflict>();
  for (const c of [...previous, ...fresh]) byPath.set(c.path, c);
  const out: Conflict[] = [];
  for (const c of byPath.values()) {
    const next = refresh(c, stored, shown);
    if (next) out.push(next);
  }
  return out;
}

/**
 * What the banner says, kind by kind: a top-level field both changed, a field
 * of a row both changed, a row one side deleted while the other changed it
 * (which side deleted it matters to the reader), or a row both kept but left
 * different.
 */
export type ConflictSummaryKind = "field" | "rowField" | "rowDeletedByMe" | "rowDeletedByThem" | "rowChanged";

export const CONFLICT_SUMMARY_KINDS: readonly ConflictSummaryKind[] = [
  "field",
  "rowField",
  "rowDeletedByMe",
  "rowDeletedByThem",
  "rowChanged",
];

export function summaryKindOf(c: Conflict): ConflictSummaryKind {
  if (c.kind !== "row") return c.kind;
  return c.mine === null ? "rowDeletedByMe" : c.theirs === null ? "rowDeletedByThem" : "rowChanged";
}

/** How many conflicts of each kind, in the banner's order, kinds with none left out. */
export function conflictSummary(conflicts: readonly Conflict[]): { kind: ConflictSummaryKind; count: number }[] {
  const counts = new Map<ConflictSummaryKind, number>();
  for (const c of conflicts) counts.set(summaryKindOf(c), (counts.get(summaryKindOf(c)) ?? 0) + 1);
  return CONFLICT_SUMMARY_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}
