"use client";
import type { ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { holds, conditionFields } from "@/domain/crf/conditions";
import type { Condition, FieldDef } from "@/domain/crf/types";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { stateToAnswer, type FieldState } from "./form-model";

const TOP = new Map(TOP_LEVEL_FIELDS.map((f) => [f.id, f]));

/**
 * Renders children only while the condition holds. Watches just the fields
 * the condition reads (in the row first for row fields), so other typing
 * does not re-render it.
 */
export function ShowIf({
  condition,
  rowName,
  rowFields,
  children,
}: {
  condition: Condition | undefined;
  rowName?: string;
  rowFields?: readonly FieldDef[];
  children: ReactNode;
}) {
  const ids = conditionFields(condition);
  const rowIds = new Set((rowFields ?? []).map((f) => f.id));
  const names = ids.map((id) => (rowName && rowIds.has(id) ? `${rowName}.values.${id}` : `f.${id}`));
  const states = useWatch({ name: names.length ? names : ["__none__"] }) as (FieldState | undefined)[];
  if (!condition) return <>{children}</>;
  const lookup = (id: string) => {
    const i = ids.indexOf(id);
    const def = rowName && rowIds.has(id) ? rowFields?.find((f) => f.id === id) : TOP.get(id);
    if (i < 0 || !def) return undefined;
    const c = stateToAnswer(def, states[i]);
    return c.ok ? (c.answer ?? undefined) : undefined;
  };
  return holds(condition, lookup) ? <>{children}</> : null;
}
