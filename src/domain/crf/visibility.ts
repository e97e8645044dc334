// Which fields and blocks are shown, given the answers; and the answers with
// hidden fields cleared to NA (spec §0: the previous value stays in the audit trail).
import { canonicalJson } from "../canonical-json";
import type { BlockRow, CaseAnswers, FieldAnswer } from "./answers";
import { holds, type AnswerLookup } from "./conditions";
import { BLOCKS, TOP_LEVEL_FIELDS } from "./definition";
import type { BlockDef, FieldDef } from "./types";

export const topLookup =
  (answers: CaseAnswers): AnswerLookup =>
  (id) =>
    answers.fields[id];

/** Row fields see their own row first, then the rest of the record. */
export const rowLookup =
  (answers: CaseAnswers, row: BlockRow): AnswerLookup =>
  (id) =>
    row.values[id] ?? answers.fields[id];

export function isVisible(item: FieldDef | BlockDef, lookup: AnswerLookup): boolean {
  return holds(item.showIf, lookup);
}

const NA: FieldAnswer = { code: "NA" };

function clear(a: FieldAnswer | undefined, visible: boolean): FieldAnswer | undefined {
  if (visible) return a?.code === "NA" ? undefined : a;
  // Only a value or code that existed is replaced; an untouched hidden field stays empty.
  return a === undefined || a.code === "NA" ? a : NA;
}

/**
 * Clears what conditions hide. Conditions may chain (a hidden field hides
 * its dependants), so this repeats until nothing changes.
 */
export function applyConditions(answers: CaseAnswers): CaseAnswers {
  let current = answers;
  for (let pass = 0; pass < 5; pass++) {
    const fields: Record<string, FieldAnswer> = {};
    const lookup = topLookup(current);
    for (const f of TOP_LEVEL_FIELDS) {
      const next = clear(current.fields[f.id], isVisible(f, lookup));
      if (next) fields[f.id] = next;
    }
    const blocks: Record<string, BlockRow[]> = {};
    for (const b of BLOCKS) {
      const rows = current.blocks[b.id] ?? [];
      // A hidden block loses its rows (kept in the audit trail).
      if (!isVisible(b, lookup)) continue;
      blocks[b.id] = rows.map((row) => {
        const values: Record<string, FieldAnswer> = {};
        const rl = rowLookup(current, row);
        for (const f of b.fields) {
          const next = clear(row.values[f.id], isVisible(f, rl));
          if (next) values[f.id] = next;
        }
        return { id: row.id, values };
      });
    }
    const next: CaseAnswers = { fields, blocks };
    if (canonicalJson(next) === canonicalJson(current)) return next;
    current = next;
  }
  return current;
}
