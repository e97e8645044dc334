"use client";
import type { FieldError, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import type { MessageRef } from "@/domain/messages";
import { issueToMessage } from "@/domain/zod-errors";

/**
 * A react-hook-form resolver for our Zod schemas. Unlike a generic one it keeps
 * each rule's message parameters (the limit, the count…), so the message the
 * user reads names the value and the rule, in their language.
 */
export function messageResolver<T extends FieldValues>(
  schema: z.ZodType<unknown, T>,
  text: (ref: MessageRef) => string,
): Resolver<T> {
  return async (values) => {
    const parsed = await schema.safeParseAsync(values);
    if (parsed.success) return { values: parsed.data as T, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.join(".") || "root";
      const message = text(issueToMessage(issue));
      const existing = errors[path];
      errors[path] = existing
        ? { ...existing, message: `${existing.message} ${message}` }
        : { type: issue.code, message };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}
