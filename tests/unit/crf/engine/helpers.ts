// Shared helpers for the CRF engine's unit tests: typed access to the
// definition's fields, and small builders for answers.
import type { BlockRow, CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { blockById, fieldById } from "@/domain/crf/definition";
import type { DateField, FieldDef, NumberField, TextField } from "@/domain/crf/types";

export const TODAY = "2024-06-15";
export const CTX = { today: TODAY } as const;

export function field(id: string): FieldDef {
  const f = fieldById(id);
  if (!f) throw new Error(`no top-level field ${id}`);
  return f;
}

export function numberField(id: string): NumberField {
  const f = field(id);
  if (f.type !== "number") throw new Error(`${id} is not a number field`);
  return f;
}

export function dateField(id: string): DateField {
  const f = field(id);
  if (f.type !== "date") throw new Error(`${id} is not a date field`);
  return f;
}

export function textField(id: string): TextField {
  const f = field(id);
  if (f.type !== "text") throw new Error(`${id} is not a text field`);
  return f;
}

export function rowField(blockId: string, fieldId: string): FieldDef {
  const f = blockById(blockId)?.fields.find((x) => x.id === fieldId);
  if (!f) throw new Error(`no field ${fieldId} in block ${blockId}`);
  return f;
}

/** Answers from plain values: strings, numbers and lists become `{ v }`, objects stay as given. */
export function answers(
  fields: Record<string, FieldAnswer | string | number | readonly string[]>,
  blocks: Record<string, readonly BlockRow[]> = {},
): CaseAnswers {
  const out: Record<string, FieldAnswer> = {};
  for (const [id, a] of Object.entries(fields))
    out[id] = typeof a === "object" && !Array.isArray(a) ? (a as FieldAnswer) : { v: a as FieldAnswer["v"] };
  return { fields: out, blocks };
}

export function row(id: string, values: Record<string, FieldAnswer | string | number | readonly string[]>): BlockRow {
  return { id, values: answers(values).fields };
}
