// The form's state and its conversion to and from stored answers. Inputs hold
// what the user typed (text, French decimals, partial dates); the stored
// answer holds canonical values. Pure functions: no React here.
import { sameAnswer, type AnswerCode, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { formatDateForInput, parseDateInput } from "@/domain/crf/date-input";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { rowFieldPath, rowPath } from "@/domain/crf/field-path";
import { toCanonical, unitById } from "@/domain/crf/field-rules";
import { parseLocaleNumber } from "@/domain/crf/numbers";
import type { FieldDef } from "@/domain/crf/types";
import type { MessageRef } from "@/domain/messages";

export interface FieldState {
  /** As typed: text for inputs and single choices, list for multiple choices. */
  value: string | string[];
  unit: string;
  code: "" | AnswerCode;
  confirmed: boolean;
}

export interface RowState {
  rowId: string;
  values: Record<string, FieldState>;
}

export interface FormValues {
  f: Record<string, FieldState>;
  b: Record<string, RowState[]>;
}

export function emptyState(field: FieldDef): FieldState {
  return {
    value: field.type === "multi" ? [] : "",
    unit: field.type === "number" ? (field.unit?.id ?? "") : "",
    code: "",
    confirmed: false,
  };
}

const CODES: ReadonlySet<string> = new Set(["NK", "ND", "NA"]);
const asText = (x: unknown): string =>
  typeof x === "string" ? x : typeof x === "number" && Number.isFinite(x) ? String(x) : "";

/**
 * A field's state as the form library hands it over, made total. react-hook-form
 * types its values as `any` and, for a radio group with nothing checked, reads
 * `null` from the page (a group registered while its value was unset): every
 * read of a state goes through here, so no reader can meet `null` where it
 * expects text or a list. Returns `raw` itself when it is already well formed.
 */
export function readState(field: FieldDef, raw: unknown): FieldState {
  const empty = emptyState(field);
  if (!raw || typeof raw !== "object") return empty;
  const r = raw as Partial<Record<keyof FieldState, unknown>>;
  const list = Array.isArray(r.value) ? (r.value as unknown[]) : [];
  const value =
    field.type !== "multi"
      ? asText(r.value)
      : list.every((v) => typeof v === "string") && list.length
        ? (list as string[])
        : list.filter((v): v is string => typeof v === "string");
  const unit = typeof r.unit === "string" ? r.unit : empty.unit;
  const code = typeof r.code === "string" && CODES.has(r.code) ? (r.code as AnswerCode) : "";
  const confirmed = r.confirmed === true;
  if (r.value === value && r.unit === unit && r.code === code && r.confirmed === confirmed) return raw as FieldState;
  return { value, unit, code, confirmed };
}

const numberText = (n: number) => String(n).replace(".", ",");

export function answerToState(field: FieldDef, a: FieldAnswer | undefined): FieldState {
  const s = emptyState(field);
  if (!a) return s;
  if (a.code) return { ...s, code: a.code };
  const confirmed = a.confirmed === true;
  switch (field.type) {
    case "number":
      return {
        ...s,
        value: typeof a.v === "number" ? numberText(a.entered ?? a.v) : "",
        unit: a.unit ?? s.unit,
        confirmed,
      };
    case "dose":
      return { ...s, value: typeof a.v === "number" ? numberText(a.v) : "", confirmed };
    case "date":
      return { ...s, value: typeof a.v === "string" ? formatDateForInput(a.v) : "", confirmed };
    case "multi":
      return { ...s, value: Array.isArray(a.v) ? [...a.v] : [], confirmed };
    default:
      return { ...s, value: typeof a.v === "string" ? a.v : "", confirmed };
  }
}

export function rowToState(fields: readonly FieldDef[], row: BlockRow): RowState {
  return {
    rowId: row.id,
    values: Object.fromEntries(fields.map((fd) => [fd.id, answerToState(fd, row.values[fd.id])])),
  };
}

export function toFormValues(answers: CaseAnswers): FormValues {
  const f: Record<string, FieldState> = {};
  for (const field of TOP_LEVEL_FIELDS) f[field.id] = answerToState(field, answers.fields[field.id]);
  const b: Record<string, RowState[]> = {};
  for (const block of BLOCKS)
    b[block.id] = (answers.blocks[block.id] ?? []).map((row) => rowToState(block.fields, row));
  return { f, b };
}

export type Conversion = { ok: true; answer: FieldAnswer | null } | { ok: false; error: MessageRef };

/** The stored answer a field's state stands for, or why it cannot be one. */
export function stateToAnswer(field: FieldDef, state: FieldState | undefined): Conversion {
  if (!state) return { ok: true, answer: null };
  const s = readState(field, state);
  if (s.code) return { ok: true, answer: { code: s.code } };
  const confirmed = s.confirmed ? { confirmed: true } : {};
  if (Array.isArray(s.value)) return { ok: true, answer: s.value.length ? { v: [...s.value], ...confirmed } : null };
  const raw = s.value.trim();
  if (raw === "") return { ok: true, answer: null };
  switch (field.type) {
    case "number": {
      const n = parseLocaleNumber(raw);
      if (n === undefined)
        return { ok: false, error: { key: "crf.number.parse", params: { field: field.label, raw } } };
      const unitId = field.unit ? (unitById(field, s.unit)?.id ?? field.unit.id) : undefined;
      const v = toCanonical(field, n, unitId);
      if (v === undefined)
        return { ok: false, error: { key: "crf.number.unknownUnit", params: { field: field.label } } };
      const converted = unitId !== undefined && unitId !== field.unit?.id;
      return {
        ok: true,
        answer: { v, ...(unitId ? { unit: unitId } : {}), ...(converted ? { entered: n } : {}), ...confirmed },
      };
    }
    case "dose": {
      const n = parseLocaleNumber(raw);
      if (n === undefined)
        return { ok: false, error: { key: "crf.number.parse", params: { field: field.label, raw } } };
      return { ok: true, answer: { v: n, ...confirmed } };
    }
    case "date": {
      const iso = parseDateInput(raw);
      if (!iso) return { ok: false, error: { key: "crf.date.invalid", params: { field: field.label } } };
      return { ok: true, answer: { v: iso, ...confirmed } };
    }
    default:
      return { ok: true, answer: { v: s.value, ...confirmed } };
  }
}

/** Converts a block's rows; rows or fields that do not convert are reported, not sent. */
export function rowsToAnswers(
  fields: readonly FieldDef[],
  rows: readonly RowState[],
): { rows: BlockRow[]; errors: Record<string, MessageRef> } {
  const errors: Record<string, MessageRef> = {};
  const out: BlockRow[] = rows.map((row) => {
    const values: Record<string, FieldAnswer> = {};
    for (const fd of fields) {
      const c = stateToAnswer(fd, row.values[fd.id]);
      if (!c.ok) errors[`${row.rowId}.${fd.id}`] = c.error;
      else if (c.answer) values[fd.id] = c.answer;
    }
    return { id: row.rowId, values };
  });
  return { rows: out, errors };
}

/** Form values → answers (fields that do not convert are left out). */
export function formToAnswers(values: FormValues): CaseAnswers {
  const fields: Record<string, FieldAnswer> = {};
  for (const field of TOP_LEVEL_FIELDS) {
    const c = stateToAnswer(field, values.f?.[field.id]);
    if (c.ok && c.answer) fields[field.id] = c.answer;
  }
  const blocks: Record<string, BlockRow[]> = {};
  for (const block of BLOCKS) blocks[block.id] = rowsToAnswers(block.fields, values.b?.[block.id] ?? []).rows;
  return { fields, blocks };
}

export function newRowId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Record paths ("<block>.<row id>.<field>", "<block>.<row id>") whose shown value stays whatever the server says. */
export type KeepPath = (path: string) => boolean;

/** Whether this user changed the field since `base` (what the server had stored when they last heard from it). */
function changedHere(
  field: FieldDef,
  state: FieldState | undefined,
  before: FieldAnswer | undefined,
  kept: boolean,
): boolean {
  if (kept) return true;
  const shown = stateToAnswer(field, state);
  // Text that does not convert yet is being typed.
  return !shown.ok || !sameAnswer(shown.answer, before ?? null);
}

function rebaseRow(
  fields: readonly FieldDef[],
  blockId: string,
  base: BlockRow | undefined,
  shown: RowState,
  server: BlockRow,
  keep: KeepPath,
): RowState {
  let values = shown.values;
  for (const fd of fields) {
    const state = shown.values[fd.id];
    if (changedHere(fd, state, base?.values[fd.id], keep(rowFieldPath(blockId, shown.rowId, fd.id)))) continue;
    const stored = server.values[fd.id];
    const converted = stateToAnswer(fd, state);
    if (converted.ok && sameAnswer(converted.answer, stored ?? null)) continue;
    values = { ...values, [fd.id]: answerToState(fd, stored) };
  }
  return values === shown.values ? shown : { rowId: shown.rowId, values };
}

/**
 * The rows to show after a save: the server's rows (someone else's new rows,
 * edits and deletions included), except what this user changed since `base`
 * and has not seen stored yet, or what `keep` protects (conflicts, typing
 * during the save) — those stay as typed. Rows and field states that do not
 * change are returned as the same objects.
 */
export function rebaseRows(
  fields: readonly FieldDef[],
  blockId: string,
  base: readonly BlockRow[],
  shown: readonly RowState[],
  server: readonly BlockRow[],
  keep: KeepPath,
): RowState[] {
  const baseById = new Map(base.map((r) => [r.id, r]));
  const shownById = new Map(shown.map((r) => [r.rowId, r]));
  const serverIds = new Set(server.map((r) => r.id));
  const out: RowState[] = [];
  for (const row of server) {
    const mine = shownById.get(row.id);
    if (mine) out.push(rebaseRow(fields, blockId, baseById.get(row.id), mine, row, keep));
    // Not shown: new from someone else, or deleted here (and not saved yet).
    else if (!baseById.has(row.id)) out.push(rowToState(fields, row));
  }
  for (const mine of shown) {
    if (serverIds.has(mine.rowId)) continue;
    const before = baseById.get(mine.rowId);
    const kept = keep(rowPath(blockId, mine.rowId));
    // Deleted by someone else: gone, unless this user changed it meanwhile (or added it).
    if (
      before &&
      !kept &&
      fields.every(
        (fd) =>
          !changedHere(fd, mine.values[fd.id], before.values[fd.id], keep(rowFieldPath(blockId, mine.rowId, fd.id))),
      )
    )
      continue;
    out.push(mine);
  }
  return out;
}

/** `rows` with `row` put back where it stands among `order` (the stored rows). */
export function insertRow(rows: readonly RowState[], row: RowState, order: readonly string[]): RowState[] {
  if (rows.some((r) => r.rowId === row.rowId)) return rows.map((r) => (r.rowId === row.rowId ? row : r));
  const rank = order.indexOf(row.rowId);
  const at = rows.findIndex((r) => {
    const other = order.indexOf(r.rowId);
    return other < 0 || other > rank;
  });
  return at < 0 ? [...rows, row] : [...rows.slice(0, at), row, ...rows.slice(at)];
}
