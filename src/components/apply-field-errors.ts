"use client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FieldErrors, MessageRef } from "@/domain/messages";

/**
 * Puts a server action's field messages on the form's fields (the values the
 * user typed stay as they are) and returns the messages that belong to no field.
 */
export function applyFieldErrors<T extends FieldValues>(
  fieldErrors: FieldErrors,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
  text: (ref: MessageRef) => string,
): string[] {
  const formLevel: string[] = [];
  for (const [path, refs] of Object.entries(fieldErrors)) {
    const message = refs.map(text).join(" ");
    if ((fields as readonly string[]).includes(path)) setError(path as Path<T>, { type: "server", message });
    else formLevel.push(message);
  }
  return formLevel;
}

type ActionAnswer<D> = { ok: true; data: D } | { ok: false; fieldErrors: FieldErrors };

export interface ActionForm<T extends FieldValues> {
  readonly fields: readonly Path<T>[];
  readonly setError: UseFormSetError<T>;
  readonly text: (ref: MessageRef) => string;
  /** Shown when the action fails unexpectedly (network, server error). */
  readonly unexpected: string;
  readonly setFormErrors: (messages: string[]) => void;
}

/**
 * Sends a form to its server action, the way every form here does: clears the
 * messages above the form; on a refusal puts each message on its field (what
 * was typed stays) and the others above the form; on an unexpected failure
 * says so. The action's data when it succeeded, else null.
 */
export async function submitToAction<T extends FieldValues, D>(
  send: () => Promise<ActionAnswer<D>>,
  form: ActionForm<T>,
): Promise<{ data: D } | null> {
  form.setFormErrors([]);
  try {
    const result = await send();
    if (result.ok) return { data: result.data };
    form.setFormErrors(applyFieldErrors(result.fieldErrors, form.fields, form.setError, form.text));
  } catch {
    form.setFormErrors([form.unexpected]);
  }
  return null;
}
