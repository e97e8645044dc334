// The generated form test's plan: rounds of entries covering every item
// (option, unit, precision, value, missing-data code) of every field of the
// definition, top level and in every repeating block, with the conditions a
// field needs opened first — and then closed again, so that hidden values are
// seen cleared to NA. Pure: `tests/unit/crf/form-matrix-plan.test.ts` checks
// that the full plan covers 100 % of the definition without a browser.
import type { BlockRow, CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { holds } from "@/domain/crf/conditions";
import { CRF } from "@/domain/crf/definition";
import { isBlock, type BlockDef, type Condition, type FieldDef } from "@/domain/crf/types";
import { applyConditions } from "@/domain/crf/visibility";
import { DOSE_UNIT_IDS, entryUnitsOf, findDrug } from "@/domain/doses";
import { itemKey, itemsOf, typedFor, type Item, type Measures } from "./values";

/** One field's planned entry: the item, and for a dose what it is a dose of. */
export interface Planned {
  readonly item: Item;
  readonly dose?: { readonly drug: string; readonly unit: string; readonly measures: Measures };
}

export interface Closing {
  /** Top-level field id, or "<block>.<row index>.<field>" for a row field. */
  readonly controller: string;
  readonly item: Item;
}

export interface Round {
  readonly index: number;
  readonly fields: ReadonlyMap<string, Planned>;
  readonly rows: Readonly<Record<string, readonly ReadonlyMap<string, Planned>[]>>;
  /** Controllers set back so that what they opened is hidden again (expected: cleared to NA). */
  readonly closings: readonly Closing[];
}

const ROW_CAP = 6;
const MAX_ROUNDS = 60;

const key = (scope: string, fieldId: string, item: Item) => `${scope}|${fieldId}|${itemKey(item)}`;
const answerOf = (field: FieldDef, p: Planned): FieldAnswer => typedFor(field, p.item, "fr", p.dose).expected;

/** Values that make `c` hold: field id → the option to choose (first alternative of an "any"). */
function solve(c: Condition | undefined, out: Map<string, Item>): boolean {
  if (!c) return true;
  if ("all" in c) return c.all.every((x) => solve(x, out));
  if ("any" in c) return c.any.some((x) => solve(x, out));
  const value = "equals" in c ? c.equals : "in" in c ? c.in[0] : c.includes;
  if (value === undefined) return false;
  const had = out.get(c.field);
  if (had && !(had.kind === "option" && had.value === value)) return false;
  out.set(c.field, { kind: "option", value });
  return true;
}

export interface Coverage {
  readonly all: ReadonlySet<string>;
  readonly covered: Set<string>;
}

export function universe(): Set<string> {
  const all = new Set<string>();
  for (const section of CRF.sections)
    for (const item of section.items) {
      const scope = isBlock(item) ? item.id : "";
      for (const f of isBlock(item) ? item.fields : [item]) for (const i of itemsOf(f)) all.add(key(scope, f.id, i));
    }
  return all;
}

function fieldsOf(): { top: FieldDef[]; blocks: BlockDef[]; order: (FieldDef | BlockDef)[] } {
  const order = CRF.sections.flatMap((s) => s.items);
  return { order, top: order.filter((i): i is FieldDef => !isBlock(i)), blocks: order.filter(isBlock) };
}

/** Builds the next round from what is still uncovered. */
function nextRound(index: number, cov: Coverage): Round {
  const { order, top } = fieldsOf();
  const uncovered = (scope: string, f: FieldDef) => itemsOf(f).filter((i) => !cov.covered.has(key(scope, f.id, i)));
  // Controllers are set to open every dependant that still has something to cover.
  const requests = new Map<string, Item>();
  for (const it of order) {
    const pending = isBlock(it) ? it.fields.some((f) => uncovered(it.id, f).length > 0) : uncovered("", it).length > 0;
    if (!pending || !it.showIf) continue;
    const trial = new Map(requests);
    if (solve(it.showIf, trial) && [...trial.keys()].every((id) => solveParents(id, trial)))
      for (const [k, v] of trial) requests.set(k, v);
  }
  const fields = new Map<string, Planned>();
  for (const f of top) fields.set(f.id, { item: requests.get(f.id) ?? uncovered("", f)[0] ?? itemsOf(f)[0]! });
  const topAnswers: Record<string, FieldAnswer> = {};
  for (const f of top) topAnswers[f.id] = answerOf(f, fields.get(f.id)!);
  const measures: Measures = {
    weightKg: numberOrUndefined(topAnswers.weight_kg),
    heightCm: numberOrUndefined(topAnswers.height_cm),
  };
  const rows: Record<string, ReadonlyMap<string, Planned>[]> = {};
  const closings: Closing[] = [];
  for (const block of fieldsOf().blocks) {
    const need = Math.max(1, ...block.fields.map((f) => uncovered(block.id, f).length));
    const taken = new Set<string>();
    rows[block.id] = Array.from({ length: Math.min(need, ROW_CAP, block.maxRows) }, (_, r) =>
      planRow(block, r, uncovered, taken, measures, closings),
    );
  }
  for (const [id, item] of requests) {
    const f = top.find((x) => x.id === id);
    const close = f ? closingItem(f, item) : undefined;
    if (close) closings.push({ controller: id, item: close });
  }
  return { index, fields, rows, closings };

  function solveParents(id: string, trial: Map<string, Item>): boolean {
    const f = top.find((x) => x.id === id);
    return !f?.showIf || solve(f.showIf, trial);
  }
}

function numberOrUndefined(a: FieldAnswer | undefined): number | undefined {
  return typeof a?.v === "number" ? a.v : undefined;
}

function planRow(
  block: BlockDef,
  r: number,
  uncovered: (scope: string, f: FieldDef) => Item[],
  taken: Set<string>,
  measures: Measures,
  closings: Closing[],
): ReadonlyMap<string, Planned> {
  const free = (f: FieldDef, allowed?: (i: Item) => boolean) =>
    uncovered(block.id, f).find((i) => !taken.has(key(block.id, f.id, i)) && (!allowed || allowed(i)));
  const requests = new Map<string, Item>();
  for (const f of block.fields) if (f.showIf && free(f)) solve(f.showIf, requests);
  const row = new Map<string, Planned>();
  for (const f of block.fields) {
    let allowed: ((i: Item) => boolean) | undefined;
    if (f.id === "dose_unit") {
      const drug = optionOf(row.get("drug"));
      const known = drug ? findDrug(drug) : undefined;
      const units: readonly string[] = known ? entryUnitsOf(known) : DOSE_UNIT_IDS;
      allowed = (i) => i.kind === "option" && units.includes(i.value);
    }
    const item =
      requests.get(f.id) ?? free(f, allowed) ?? itemsOf(f).find((i) => !allowed || allowed(i)) ?? itemsOf(f)[0]!;
    taken.add(key(block.id, f.id, item));
    row.set(f.id, { item });
  }
  // A dose is a dose of the row's drug in the row's unit (the unit comes after the dose in the row).
  const drug = optionOf(row.get("drug"));
  const unit = optionOf(row.get("dose_unit"));
  for (const f of block.fields)
    if (f.type === "dose" && drug && unit) row.set(f.id, { item: row.get(f.id)!.item, dose: { drug, unit, measures } });
  // Row controllers are set back too, except the drug of a row with a dose (another drug may refuse it).
  for (const [id, item] of requests) {
    const f = block.fields.find((x) => x.id === id);
    if (!f || (id === "drug" && block.fields.some((x) => x.type === "dose"))) continue;
    const close = closingItem(f, item);
    if (close) closings.push({ controller: `${block.id}.${r}.${id}`, item: close });
  }
  return row;
}

const optionOf = (p: Planned | undefined) => (p?.item.kind === "option" ? p.item.value : undefined);

/** Another value of the controller, so that what `opened` showed is hidden again. */
function closingItem(f: FieldDef, opened: Item): Item | undefined {
  if (opened.kind !== "option") return undefined;
  return itemsOf(f).find((i) => i.kind === "option" && i.value !== opened.value);
}

/** The answers a round stores once entered: hidden fields are not entered (conditions applied). */
export function answersOf(
  round: Round,
  rowIds: Readonly<Record<string, readonly string[]>>,
  closed = false,
): CaseAnswers {
  const { top, blocks } = fieldsOf();
  const fields: Record<string, FieldAnswer> = {};
  for (const f of top) fields[f.id] = answerOf(f, round.fields.get(f.id)!);
  const out: Record<string, BlockRow[]> = {};
  for (const b of blocks)
    out[b.id] = (round.rows[b.id] ?? []).map((row, r) => ({
      id: rowIds[b.id]?.[r] ?? `r${r}`,
      values: Object.fromEntries(b.fields.map((f) => [f.id, answerOf(f, row.get(f.id)!)])),
    }));
  // A planned field left hidden is never entered: absent, not NA.
  const entered = withoutNa(applyConditions({ fields, blocks: out }));
  if (!closed) return entered;
  // Then the controllers are set back: what they showed and was entered becomes NA.
  const after = structuredClone(entered) as { fields: Record<string, FieldAnswer>; blocks: Record<string, BlockRow[]> };
  for (const c of round.closings) {
    const parts = c.controller.split(".");
    if (parts.length === 1) {
      const f = top.find((x) => x.id === parts[0])!;
      after.fields[f.id] = answerOf(f, { item: c.item });
    } else {
      const [blockId, r, fieldId] = parts as [string, string, string];
      const f = blocks.find((b) => b.id === blockId)!.fields.find((x) => x.id === fieldId)!;
      const row = after.blocks[blockId]?.[Number(r)];
      if (row) (row.values as Record<string, FieldAnswer>)[fieldId] = answerOf(f, { item: c.item });
    }
  }
  return applyConditions(after);
}

function withoutNa(a: CaseAnswers): CaseAnswers {
  const keep = (values: Record<string, FieldAnswer>) =>
    Object.fromEntries(Object.entries(values).filter(([, v]) => v.code !== "NA"));
  const blocks = Object.fromEntries(
    Object.entries(a.blocks).map(([id, rows]) => [id, rows.map((r) => ({ id: r.id, values: keep(r.values) }))]),
  );
  return { fields: keep(a.fields), blocks };
}

/** Whether a planned entry is entered in the form (its field is shown once the round's values are in). */
export function isShown(answers: CaseAnswers, fieldId: string, block?: { id: string; row: number }): boolean {
  const a = block ? answers.blocks[block.id]?.[block.row]?.values[fieldId] : answers.fields[fieldId];
  return a !== undefined && a.code !== "NA";
}

/** Every round needed to cover the whole definition, and what they cover. */
export function fullPlan(): { rounds: Round[]; coverage: Coverage } {
  const cov: Coverage = { all: universe(), covered: new Set() };
  const rounds: Round[] = [];
  while (cov.covered.size < cov.all.size && rounds.length < MAX_ROUNDS) {
    const round = nextRound(rounds.length, cov);
    const before = cov.covered.size;
    markCovered(round, cov);
    rounds.push(round);
    if (cov.covered.size === before) break;
  }
  return { rounds, coverage: cov };
}

export function markCovered(round: Round, cov: Coverage): void {
  const { top, blocks } = fieldsOf();
  const shown = answersOf(round, {});
  for (const f of top) if (isShown(shown, f.id)) cov.covered.add(key("", f.id, round.fields.get(f.id)!.item));
  for (const b of blocks)
    (round.rows[b.id] ?? []).forEach((row, r) => {
      for (const f of b.fields)
        if (isShown(shown, f.id, { id: b.id, row: r })) cov.covered.add(key(b.id, f.id, row.get(f.id)!.item));
    });
}

/** Counts by kind of item, for the test to print: fields, options, units, precisions, codes. */
export function counts(keys: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  const fields = new Set<string>();
  for (const k of keys) {
    const [scope, field, item] = k.split("|") as [string, string, string];
    fields.add(`${scope}.${field}`);
    const kind = item.split(":")[0]!;
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return { fields: fields.size, ...out };
}

/** The same holds() the form uses, for the runner to know what it will see. */
export { holds };
