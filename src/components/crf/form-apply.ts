// Writing to the form for a save: the answers the server stored (where the
// user is not typing), its messages under their fields, changes kept in the
// tab put back, the other side of a conflict taken. The save session says
// when; these functions only touch the form.
import type { UseFormReturn } from "react-hook-form";
import { sameAnswer, type CaseAnswers } from "@/domain/crf/answers";
import { BLOCKS, blockById, fieldById } from "@/domain/crf/definition";
import { parseAnswerPath } from "@/domain/crf/field-path";
import type { Conflict } from "@/domain/crf/merge";
import type { BlockDef } from "@/domain/crf/types";
import type { FieldErrors, MessageRef } from "@/domain/messages";
import { conflictCovers } from "./conflict-model";
import {
  answerToState,
  insertRow,
  readState,
  rebaseRows,
  rowToState,
  stateToAnswer,
  type FormValues,
  type RowState,
} from "./form-model";
import { generalOf, type SaveEffect } from "./save-session";
import { parseSaveKey } from "./unsent-changes";

type Form = UseFormReturn<FormValues>;

/** After a save: the stored answers shown where the user is not typing; rows rebased on what is stored. */
export function showStored(form: Form, show: Extract<SaveEffect, { type: "show" }>): void {
  refreshUntouched(form, show.answers, show.typing);
  const keep = (path: string) => show.touched.has(path) || conflictCovers(show.unsettled, path);
  for (const block of BLOCKS) {
    const shown = form.getValues(`b.${block.id}`) ?? [];
    const server = show.answers.blocks[block.id] ?? [];
    applyRows(
      form,
      block,
      shown,
      rebaseRows(block.fields, block.id, show.before.blocks[block.id] ?? [], shown, server, keep),
    );
  }
}

/** Puts each message under its field; returns the first one that belongs to no single field (the whole save, the reason, a block). */
export function showFieldErrors(
  form: Form,
  errors: FieldErrors,
  text: (ref: MessageRef) => string,
): MessageRef | undefined {
  for (const [path, refs] of Object.entries(errors)) {
    if (path === "_form" || path === "reason" || blockById(path)) continue;
    showServerError(form, path, refs.map(text).join(" "));
  }
  return generalOf(errors);
}

/** Puts changes kept in the tab back into the form; returns the keys put back (anything unreadable is not). */
export function restoreUnsent(form: Form, restore: readonly (readonly [string, unknown])[]): string[] {
  const keys: string[] = [];
  for (const [key, state] of restore) {
    const k = parseSaveKey(key);
    const field = k?.root === "f" ? fieldById(k.id) : undefined;
    const block = k?.root === "b" ? blockById(k.id) : undefined;
    if (field) form.setValue(`f.${field.id}`, readState(field, state), { shouldDirty: true });
    else if (block && Array.isArray(state))
      applyRows(form, block, form.getValues(`b.${block.id}`) ?? [], keptRows(block, state));
    else continue;
    keys.push(key);
  }
  return keys;
}

/** The other user's side of a conflict, put into the form (`saved`: what is stored, for the rows' order). */
export function takeTheirs(form: Form, conflict: Conflict, saved: CaseAnswers): void {
  if (conflict.kind === "field") {
    const field = fieldById(conflict.path);
    if (field)
      form.setValue(`f.${conflict.path}`, answerToState(field, conflict.theirs ?? undefined), { shouldDirty: false });
    return;
  }
  const block = blockById(conflict.block);
  if (!block) return;
  const rows = form.getValues(`b.${block.id}`) ?? [];
  if (conflict.kind === "rowField") {
    const index = rows.findIndex((r) => r.rowId === conflict.rowId);
    const field = block.fields.find((f) => f.id === conflict.field);
    if (index >= 0 && field)
      form.setValue(`b.${block.id}.${index}.values.${field.id}`, answerToState(field, conflict.theirs ?? undefined), {
        shouldDirty: false,
      });
  } else if (conflict.theirs) {
    const order = (saved.blocks[block.id] ?? []).map((r) => r.id);
    applyRows(form, block, rows, insertRow(rows, rowToState(block.fields, conflict.theirs), order));
  } else {
    applyRows(
      form,
      block,
      rows,
      rows.filter((r) => r.rowId !== conflict.rowId),
    );
  }
}

/** Rows kept in the tab, made total: anything unreadable is dropped rather than shown half. */
function keptRows(block: BlockDef, kept: unknown[]): RowState[] {
  return kept.flatMap((r) => {
    if (!r || typeof r !== "object") return [];
    const { rowId, values } = r as { rowId?: unknown; values?: Record<string, unknown> };
    if (typeof rowId !== "string") return [];
    return [{ rowId, values: Object.fromEntries(block.fields.map((f) => [f.id, readState(f, values?.[f.id])])) }];
  });
}

/** Shows what the server stored (hidden fields cleared, someone else's merged edits) where the user is not typing. */
function refreshUntouched(form: Form, answers: CaseAnswers, typing: ReadonlySet<string>) {
  const values = form.getValues();
  for (const [id, state] of Object.entries(values.f)) {
    if (typing.has(`f.${id}`)) continue;
    const field = fieldById(id);
    if (!field) continue;
    const next = answerToState(field, answers.fields[id]);
    const shown = stateToAnswer(field, state);
    if (shown.ok && !sameAnswer(shown.answer, answers.fields[id] ?? null)) {
      form.setValue(`f.${id}`, next, { shouldDirty: false });
    }
  }
}

/**
 * Shows `target` rows in a block. Field by field when the rows are the same
 * (nothing re-renders but the fields that change); when someone else added
 * or removed rows, the block is re-rendered and messages and focus follow
 * their row.
 */
function applyRows(form: Form, block: BlockDef, shown: readonly RowState[], target: RowState[]) {
  const sameRows = shown.length === target.length && shown.every((r, i) => r.rowId === target[i]?.rowId);
  if (sameRows) {
    target.forEach((row, i) => {
      const before = shown[i];
      if (!before || row === before) return;
      for (const f of block.fields) {
        const state = row.values[f.id];
        if (state && state !== before.values[f.id])
          form.setValue(`b.${block.id}.${i}.values.${f.id}`, state, { shouldDirty: false });
      }
    });
    return;
  }
  const messages = new Map<string, string>();
  shown.forEach((row, i) => {
    for (const f of block.fields) {
      const message = form.getFieldState(`b.${block.id}.${i}.values.${f.id}.value`).error?.message;
      if (message) messages.set(`${row.rowId}.${f.id}`, message);
    }
  });
  const focused = document.activeElement?.id;
  form.clearErrors(`b.${block.id}`);
  form.setValue(`b.${block.id}`, target, { shouldDirty: false });
  target.forEach((row, i) => {
    for (const f of block.fields) {
      const message = messages.get(`${row.rowId}.${f.id}`);
      if (message) form.setError(`b.${block.id}.${i}.values.${f.id}.value`, { type: "rule", message });
    }
  });
  if (focused) requestAnimationFrame(() => document.getElementById(focused)?.focus());
}

/** A server message at an answer path ("ferritin", "treatment_lines.<row id>.dose_value"): under that field, else at the top. */
function showServerError(form: Form, path: string, message: string) {
  const p = parseAnswerPath(path);
  if (p?.kind === "field") {
    form.setError(`f.${p.field}.value`, { type: "server", message });
    return;
  }
  const index = p?.kind === "rowField" ? (form.getValues().b[p.block] ?? []).findIndex((r) => r.rowId === p.rowId) : -1;
  if (p?.kind === "rowField" && index >= 0)
    form.setError(`b.${p.block}.${index}.values.${p.field}.value`, { type: "server", message });
  else form.setError("root.server", { type: "server", message });
}
