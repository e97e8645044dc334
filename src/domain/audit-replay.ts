// Rebuilds a case's answers from its audit trail (ADR 0009): case.created
// sets the eligibility answers, each case.field_changed (or case.answer_migrated,
// an amendment's migration) sets one path, and a
// value blanked by a redaction is read from the audit.redacted event that
// names it. `npm run audit:verify` compares the result with the stored answers,
// so a direct `UPDATE "Case" SET answers = …` shows up.
import { redactionTargetsOf } from "./audit-chain";
import type { BlockRow, CaseAnswers, FieldAnswer } from "./crf/answers";
import type { FieldId } from "./crf/definition";
import { parseAnswerPath } from "./crf/field-path";

export interface ReplayEvent {
  seq: number;
  type: string;
  fieldPath: string | null;
  newValue: string | null;
  data: string | null;
}

const ELIGIBILITY = ["elig_dm", "elig_sam", "sam_date", "elig_france"] as const satisfies readonly FieldId[];

/** JSON text as stored; text that is not JSON (tampered with) reads as null, so the case shows up as differing. */
const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** The answers the trail says a case has; `null` when the trail has no case.created for it. */
export function replayAnswers(events: readonly ReplayEvent[]): CaseAnswers | null {
  // Texts after redaction, by "seq:column", from every redaction of this case.
  const replaced = new Map<string, string | null>();
  for (const e of events) {
    if (e.type !== "audit.redacted") continue;
    for (const t of redactionTargetsOf(e.data)) replaced.set(`${t.seq}:${t.column}`, t.replacement);
  }
  let created = false;
  const fields: Record<string, FieldAnswer> = {};
  const blocks: Record<string, { id: string; values: Record<string, FieldAnswer> }[]> = {};
  const rowOf = (blockId: string, rowId: string) => blocks[blockId]?.find((r) => r.id === rowId);
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.type === "case.created") {
      created = true;
      const data = (parse(e.data) ?? {}) as { eligibility?: Record<string, string> };
      for (const id of ELIGIBILITY) {
        const v = data.eligibility?.[id];
        if (v !== undefined) fields[id] = { v };
      }
      continue;
    }
    if ((e.type !== "case.field_changed" && e.type !== "case.answer_migrated") || e.fieldPath === null) continue;
    // A redaction's text wins: it also covers legacy events, whose value could not be blanked.
    const key = `${e.seq}:newValue`;
    const text = replaced.has(key) ? (replaced.get(key) ?? null) : e.newValue;
    const after = parse(text) as FieldAnswer | null;
    const path = parseAnswerPath(e.fieldPath);
    if (path?.kind === "field") {
      if (after) fields[path.field] = after;
      else delete fields[path.field];
    } else if (path?.kind === "row") {
      const rows = (blocks[path.block] ??= []);
      if (after && !rowOf(path.block, path.rowId)) rows.push({ id: path.rowId, values: {} });
      if (!after) blocks[path.block] = rows.filter((r) => r.id !== path.rowId);
    } else if (path?.kind === "rowField") {
      const row = rowOf(path.block, path.rowId);
      if (!row) continue;
      if (after) row.values[path.field] = after;
      else delete row.values[path.field];
    }
  }
  if (!created) return null;
  const outBlocks: Record<string, BlockRow[]> = {};
  for (const [id, rows] of Object.entries(blocks)) if (rows.length) outBlocks[id] = rows;
  return { fields, blocks: outBlocks };
}
