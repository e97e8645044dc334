// A case's answers brought from the form version they were saved with to the
// current one, through every declared amendment in between. Pure: the script
// (scripts/crf-migrate.ts) prints the result in a dry run and writes it, with
// one audit event per changed answer, when applied.
import type { CaseAnswers, FieldAnswer } from "../answers";
import { diffAnswers } from "../merge";
import { applyOperation, type OpConflict } from "./operations";
import type { Amendment, AmendmentOp } from "./types";

export interface AnswerChange {
  /** "field", "block.row.field". */
  readonly path: string;
  readonly before: FieldAnswer | null;
  readonly after: FieldAnswer | null;
  /** The last operation that changed this answer, and its amendment's target version. */
  readonly op: AmendmentOp["op"];
  readonly amendment: string;
}

export interface MigrationConflict extends OpConflict {
  readonly amendment: string;
}

export interface Migration {
  readonly answers: CaseAnswers;
  /** The version the answers now conform to. */
  readonly version: string;
  /** One per answer whose stored value differs at the end (an answer changed twice appears once). */
  readonly changes: readonly AnswerChange[];
  readonly conflicts: readonly MigrationConflict[];
}

/** The amendments from `version` to the end of the chain, in order; null when the version is not in the chain. */
export function pendingAmendments(
  version: string,
  chain: readonly Amendment[],
  current: string,
): readonly Amendment[] | null {
  if (version === current) return [];
  const start = chain.findIndex((a) => a.from === version);
  return start < 0 ? null : chain.slice(start);
}

/**
 * Applies a list of operations, in order. Changes are by answer: the first
 * "before" and the last "after", dropped when they end up equal.
 */
export function migrateAnswers(
  answers: CaseAnswers,
  operations: readonly AmendmentOp[],
  amendment = "",
): { answers: CaseAnswers; changes: AnswerChange[]; conflicts: MigrationConflict[] } {
  let current = answers;
  const lastOp = new Map<string, { op: AmendmentOp["op"]; amendment: string }>();
  const conflicts: MigrationConflict[] = [];
  for (const op of operations) {
    const step = applyOperation(current, op);
    for (const d of diffAnswers(current, step.answers)) lastOp.set(d.path, { op: op.op, amendment });
    conflicts.push(...step.conflicts.map((c) => ({ ...c, amendment })));
    current = step.answers;
  }
  const changes = diffAnswers(answers, current).map((d) => ({
    ...d,
    ...(lastOp.get(d.path) ?? { op: "addField" as const, amendment }),
  }));
  return { answers: current, changes, conflicts };
}

/**
 * The case brought to `current`: every pending amendment in turn. Applying
 * it again to the result changes nothing (the result is at `current`).
 * Throws on a version the chain does not know (a database newer than the code,
 * or an amendment removed from the list): nothing is guessed.
 */
export function migrateCase(
  answers: CaseAnswers,
  version: string,
  chain: readonly Amendment[],
  current: string,
): Migration {
  const pending = pendingAmendments(version, chain, current);
  if (pending === null) throw new RangeError(`form version ${version} is not in the amendment chain to ${current}`);
  let now = answers;
  const byPath = new Map<string, AnswerChange>();
  const conflicts: MigrationConflict[] = [];
  for (const a of pending) {
    const step = migrateAnswers(now, a.operations, a.to);
    for (const c of step.changes) byPath.set(c.path, { ...c, before: byPath.get(c.path)?.before ?? c.before });
    conflicts.push(...step.conflicts);
    now = step.answers;
  }
  const changed = new Set(diffAnswers(answers, now).map((d) => d.path));
  const changes = [...byPath.values()].filter((c) => changed.has(c.path));
  return { answers: now, version: current, changes, conflicts };
}
