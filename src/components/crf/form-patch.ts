// Reading the form for a save: which change a form event is, the patch of
// what is pending (each value checked by the field rules first, then by the
// server's schema), and what to keep in the tab. Messages for values held
// back are put under their fields here; the save session decides the rest.
import type { UseFormReturn } from "react-hook-form";
import { rowFieldPath } from "@/domain/crf/field-path";
import { blockById, fieldById } from "@/domain/crf/definition";
import { doseIssues } from "@/domain/crf/dose-issues";
import { checkFieldAnswer } from "@/domain/crf/field-rules";
import type { MessageRef } from "@/domain/messages";
import { showFieldErrors } from "./form-apply";
import { holdBackConflicts } from "./conflict-model";
import { formToAnswers, rowsToAnswers, stateToAnswer, type FormValues } from "./form-model";
import type { checkOutgoingPatch, OutgoingPatch } from "./outgoing-patch";
import type { SaveSession } from "./save-session";
import { entryFor, parseSaveKey, saveKeyOf, type UnsentChanges, type UnsentEntry } from "./unsent-changes";

type Form = UseFormReturn<FormValues>;
type Text = (ref: MessageRef) => string;

/** A form value's name: "f.<field>…" or "b.<block>.<row index>.values.<field>…". */
const NAME = /^(?:f\.([^.]+)|b\.([^.]+)(?:\.(\d+)\.values\.([^.]+))?)(?:\.|$)/;

/**
 * The pending key and record path a form event names, or null when it is no
 * answer. A row's path needs its row id, read from the form.
 */
export function changeOf(form: Form, name: string): { key: string; path?: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, field, block, index, rowField] = m;
  if (field) return { key: saveKeyOf("f", field), path: field };
  if (!block) return null;
  const rowId = index !== undefined && rowField ? form.getValues().b[block]?.[Number(index)]?.rowId : undefined;
  return { key: saveKeyOf("b", block), path: rowId && rowField ? rowFieldPath(block, rowId, rowField) : undefined };
}

/** What to keep in the tab: each pending key with the stored answer it was typed over and its state as shown. */
export function unsentOf(form: Form, session: SaveSession): UnsentChanges {
  const values = form.getValues();
  const entries: Record<string, UnsentEntry> = {};
  for (const key of session.pending) {
    const k = parseSaveKey(key);
    entries[key] = entryFor(key, session.saved, k?.root === "f" ? values.f?.[k.id] : (values.b?.[k?.id ?? ""] ?? []));
  }
  return entries;
}

export interface BuiltPatch {
  readonly patch: OutgoingPatch;
  /** The keys in the patch. */
  readonly sent: string[];
  /** Some changes were held back, each with its message under its field. */
  readonly invalid: boolean;
  /** The message about the whole patch, when the schema refused it. */
  readonly general?: MessageRef;
}

/**
 * The patch of every pending change the rules accept, with what each
 * replaces (so the server can detect someone else's edit). A value refused
 * stays in the form with its message and is not sent.
 */
export function buildPatch(form: Form, s: SaveSession, today: string, text: Text, reason?: string): BuiltPatch {
  const values = form.getValues();
  const patch: OutgoingPatch = { baseVersion: s.version, fields: {}, blocks: {} };
  if (reason) patch.reason = reason;
  const sent: string[] = [];
  let invalid = false;
  for (const key of s.pending) {
    const k = parseSaveKey(key);
    if (k?.root === "f") {
      const field = fieldById(k.id);
      if (!field) continue;
      const c = stateToAnswer(field, values.f[k.id]);
      const refused = c.ok
        ? checkFieldAnswer(field, c.answer ?? undefined, { today }).find((i) => i.level === "error")
        : c.error;
      if (refused) {
        form.setError(`f.${k.id}.value`, { type: "rule", message: text(refused) });
        invalid = true;
        continue;
      }
      patch.fields[k.id] = { from: s.saved.fields[k.id] ?? null, to: c.ok ? c.answer : null };
      sent.push(key);
    } else if (k?.root === "b") {
      const block = blockById(k.id);
      if (!block) continue;
      const rowsState = values.b[k.id] ?? [];
      const { rows, errors } = rowsToAnswers(block.fields, rowsState);
      let blocked = Object.keys(errors).length > 0;
      rowsState.forEach((row, index) => {
        for (const f of block.fields) {
          const a = rows[index]?.values[f.id];
          const parseError = errors[`${row.rowId}.${f.id}`];
          const refused = parseError ?? checkFieldAnswer(f, a, { today }).find((i) => i.level === "error");
          if (refused) {
            form.setError(`b.${k.id}.${index}.values.${f.id}.value`, { type: "rule", message: text(refused) });
            blocked = true;
          }
        }
      });
      // A dose outside its hard range is refused here as it would be on the server.
      const record = formToAnswers(values);
      rows.forEach((row, index) => {
        const refused = doseIssues(row, record).find((i) => i.level === "error");
        if (refused) {
          form.setError(`b.${k.id}.${index}.values.dose_value.value`, { type: "rule", message: text(refused) });
          blocked = true;
        }
      });
      if (blocked) {
        invalid = true;
        continue;
      }
      const stored = s.saved.blocks[k.id] ?? [];
      patch.blocks[k.id] = { from: stored, to: holdBackConflicts(k.id, rows, stored, s.conflicts) };
      sent.push(key);
    }
  }
  return { patch, sent, invalid };
}

/**
 * The server's own schema, run before sending (when it could be loaded): an
 * entry it refuses is held back with its message, the rest is sent.
 */
export function guardPatch(
  form: Form,
  check: typeof checkOutgoingPatch | null,
  built: BuiltPatch,
  today: string,
  text: Text,
): BuiltPatch {
  if (!check) return built;
  const checked = check(built.patch, today);
  if (checked.withheld.size === 0) return built;
  const general = showFieldErrors(form, checked.errors, text);
  const keep = built.sent.filter((key) => !checked.withheld.has(parseSaveKey(key)?.id ?? key));
  return { patch: checked.patch ?? built.patch, sent: checked.patch ? keep : [], invalid: true, general };
}
