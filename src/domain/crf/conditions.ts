// Evaluates showIf conditions against answers: a hidden field is not asked,
// not required, and stored as NA (spec §0).
import { hasValue, type FieldAnswer } from "./answers";
import type { Condition } from "./types";

export type AnswerLookup = (fieldId: string) => FieldAnswer | undefined;

export function holds(condition: Condition | undefined, lookup: AnswerLookup): boolean {
  if (!condition) return true;
  if ("all" in condition) return condition.all.every((c) => holds(c, lookup));
  if ("any" in condition) return condition.any.some((c) => holds(c, lookup));
  const a = lookup(condition.field);
  if (!hasValue(a)) return false;
  if ("equals" in condition) return a.v === condition.equals;
  if ("in" in condition) return typeof a.v === "string" && condition.in.includes(a.v);
  return Array.isArray(a.v) && a.v.includes(condition.includes);
}

/** The field ids a condition reads (to know what a field's visibility depends on). */
export function conditionFields(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ("all" in condition) return condition.all.flatMap(conditionFields);
  if ("any" in condition) return condition.any.flatMap(conditionFields);
  return [condition.field];
}
