// Validation results carry a message key and parameters, never a sentence:
// the same rule is shown in French or English by whoever displays it.

import type { Localised } from "./crf/types";

/** A message parameter: a plain value, or a label the reader sees in their own language. */
export type MessageParam = string | number | Localised;

export interface MessageRef {
  /** Key under "errors" in the message catalogues (src/i18n/messages, domain *.messages.ts). */
  key: string;
  params?: Record<string, MessageParam>;
}

export type FieldErrors = Record<string, MessageRef[]>;
