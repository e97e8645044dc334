// Errors the data-access layer raises; actions and pages turn them into
// answers (404 page, field messages). Never leak whether a record exists in
// another centre: NotFound is used for "not yours" as for "not there".
import type { z } from "zod";
import type { FieldErrors, MessageRef } from "@/domain/messages";

export class NotFoundError extends Error {
  constructor() {
    super("not found");
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(readonly permission: string) {
    super(`forbidden: ${permission}`);
    this.name = "ForbiddenError";
  }
}

/** Bad input: carries field-level message references for the user's language. */
export class InputError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("invalid input");
    this.name = "InputError";
  }

  static form(message: MessageRef): InputError {
    return new InputError({ _form: [message] });
  }

  static field(path: string, message: MessageRef): InputError {
    return new InputError({ [path]: [message] });
  }
}

/**
 * The input parsed by `schema`, or an InputError naming each refused field (its first path segment) with
 * the rule's message key, or "generic.invalid" for Zod's own checks. For the workflow and thread actions.
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const i of parsed.error.issues) {
    const params = (i as { params?: Record<string, string | number> }).params;
    (errors[String(i.path[0] ?? "_form")] ??= []).push({
      key: /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(i.message) ? i.message : "generic.invalid",
      params,
    });
  }
  throw new InputError(errors);
}
