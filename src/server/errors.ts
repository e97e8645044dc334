// Errors the data-access layer raises; actions and pages turn them into
// answers (404 page, field messages). Never leak whether a record exists in
// another centre: NotFound is used for "not yours" as for "not there".
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
