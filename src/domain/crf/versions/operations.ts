// One amendment operation applied to one record's answers, as a pure
// function. Every operation but changeUnit is idempotent on its own (a
// renamed, recoded, split or merged answer is not found again); changeUnit
// is guarded by the case's form version (migrate.ts). An operation that would
// overwrite an answer already there does nothing and reports a conflict: the
// data manager settles it by hand, never the script.
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "../answers";
import type { AmendmentOp } from "./types";

type Values = Record<string, FieldAnswer>;

export interface OpConflict {
  /** The answer path ("field" or "block.row.field") left unchanged. */
  readonly path: string;
  readonly op: AmendmentOp["op"];
  /** Why: the target already holds a different answer. */
  readonly reason: "target_answered";
}

/** Rounds away binary noise (0.1 × 3): 12 significant digits, beyond any lab's precision. */
const scaled = (v: number, factor: number): number => Number((v * factor).toPrecision(12));

function recode(a: FieldAnswer, map: Readonly<Record<string, string>>): FieldAnswer {
  if (a.code !== undefined || a.v === undefined) return a;
  if (typeof a.v === "string") return a.v in map ? { ...a, v: map[a.v] as string } : a;
  if (Array.isArray(a.v)) {
    const list = a.v as readonly string[];
    if (!list.some((c) => c in map)) return a;
    return { ...a, v: [...new Set(list.map((c) => map[c] ?? c))] };
  }
  return a;
}

/** Applies `op` to one set of values (the top-level fields, or one row); `at` names a field's path. */
function applyToValues(op: AmendmentOp, values: Values, at: (id: string) => string, conflicts: OpConflict[]): Values {
  const conflict = (id: string) => conflicts.push({ path: at(id), op: op.op, reason: "target_answered" });
  switch (op.op) {
    case "addField":
      return values;
    case "removeField": {
      if (!(op.field in values)) return values;
      const { [op.field]: _removed, ...rest } = values;
      return rest;
    }
    case "renameField": {
      const a = values[op.from];
      if (a === undefined) return values;
      const target = values[op.to];
      if (target !== undefined && !sameAnswer(target, a)) {
        conflict(op.to);
        return values;
      }
      const { [op.from]: _old, ...rest } = values;
      return { ...rest, [op.to]: a };
    }
    case "recodeOptions": {
      const a = values[op.field];
      if (a === undefined) return values;
      const b = recode(a, op.map);
      return b === a ? values : { ...values, [op.field]: b };
    }
    case "changeUnit": {
      const a = values[op.field];
      if (a === undefined || a.code !== undefined || typeof a.v !== "number") return values;
      return { ...values, [op.field]: { ...a, v: scaled(a.v, op.factor) } };
    }
    case "splitField": {
      const a = values[op.from];
      if (a === undefined) return values;
      const parts = op.split(a);
      const clash = op.into.filter((id) => {
        const now = values[id];
        const next = parts[id];
        return id !== op.from && now !== undefined && next !== undefined && !sameAnswer(now, next);
      });
      if (clash.length) {
        for (const id of clash) conflict(id);
        return values;
      }
      const out: Values = { ...values };
      if (!op.into.includes(op.from)) delete out[op.from];
      for (const id of op.into) {
        const next = parts[id];
        if (next !== undefined) out[id] = next;
        else if (id === op.from) delete out[id];
      }
      return out;
    }
    case "mergeFields": {
      const olds = op.from.filter((id) => id !== op.into);
      if (!olds.some((id) => values[id] !== undefined)) return values;
      const merged = op.merge(Object.fromEntries(op.from.map((id) => [id, values[id]])));
      const now = values[op.into];
      if (!op.from.includes(op.into) && now !== undefined && merged !== undefined && !sameAnswer(now, merged)) {
        conflict(op.into);
        return values;
      }
      const out: Values = { ...values };
      for (const id of olds) delete out[id];
      if (merged !== undefined) out[op.into] = merged;
      else if (op.from.includes(op.into)) delete out[op.into];
      return out;
    }
  }
}

/** The answers after one operation, and the answers it could not move. */
export function applyOperation(
  answers: CaseAnswers,
  op: AmendmentOp,
): { answers: CaseAnswers; conflicts: OpConflict[] } {
  const conflicts: OpConflict[] = [];
  if (op.block === undefined) {
    const fields = applyToValues(op, { ...answers.fields }, (id) => id, conflicts);
    return { answers: { fields, blocks: answers.blocks }, conflicts };
  }
  const blockId = op.block;
  const rows = answers.blocks[blockId];
  if (!rows) return { answers, conflicts };
  const next: BlockRow[] = rows.map((row) => ({
    id: row.id,
    values: applyToValues(op, { ...row.values }, (id) => `${blockId}.${row.id}.${id}`, conflicts),
  }));
  return { answers: { fields: answers.fields, blocks: { ...answers.blocks, [blockId]: next } }, conflicts };
}
