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
