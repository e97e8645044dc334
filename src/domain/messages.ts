// Validation results carry a message key and parameters, never a sentence:
// the same rule is shown in French or English by whoever displays it.

export interface MessageRef {
  /** Key under "errors" in src/i18n/messages/<locale>.json. */
  key: string;
  params?: Record<string, string | number>;
}

export type FieldErrors = Record<string, MessageRef[]>;
