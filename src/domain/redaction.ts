// Redaction of an identifier that got past the guard (ADR 0010): the text is
// replaced by a neutral token wherever a case stores it — answers, audit
// values, query messages — matched case-insensitively and across invisible
// characters (zero-width, soft hyphen) that could have split it. Pure
// functions; the database side is src/server/redaction.server.ts.
import type { MessageRef } from "./messages";

/** What replaces the identifier (one token, the same in both languages). */
export const REDACTION_TOKEN = "[caviardé]";

export const REDACTION_TEXT_MIN = 2;
export const REDACTION_TEXT_MAX = 200;
export const REDACTION_REASON_MIN = 5;
export const REDACTION_REASON_MAX = 500;

export type RedactionRequester = "clinician" | "coordinator";

export interface RedactionInput {
  caseId: string;
  /** The identifier to remove, as it appears (any case). */
  text: string;
  /** Why: the coordinator's words, kept in the trail. Must not contain the text. */
  reason: string;
  requestedBy: RedactionRequester;
}

const INVISIBLE = "[\\u00AD\\u200B-\\u200F\\u2060\\uFEFF\\u202A-\\u202E]*";

const escapeRegExp = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern for the text, any case, each character possibly followed by invisible ones; whitespace runs match any whitespace. */
export function redactionPattern(text: string): RegExp {
  const chars = [...text.normalize("NFC").trim()].map((c) => (/\s/.test(c) ? "\\s+" : escapeRegExp(c)));
  return new RegExp(chars.join(INVISIBLE), "giu");
}

export function redactText(value: string, pattern: RegExp): string {
  return value.normalize("NFC").replace(pattern, REDACTION_TOKEN);
}

/** Replaces the text in every string of a JSON value; `changed` says whether anything was found. */
export function redactDeep(value: unknown, pattern: RegExp): { value: unknown; changed: boolean } {
  if (typeof value === "string") {
    const out = redactText(value, pattern);
    return { value: out, changed: out !== value.normalize("NFC") };
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => redactDeep(v, pattern));
    return { value: items.map((i) => i.value), changed: items.some((i) => i.changed) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, redactDeep(v, pattern)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])),
      changed: entries.some(([, r]) => r.changed),
    };
  }
  return { value, changed: false };
}

/** Redacts one stored audit column: JSON text (values, data) or plain text (reason). Null when the text is not in it. */
export function redactColumn(stored: string, json: boolean, pattern: RegExp): string | null {
  if (!json) {
    pattern.lastIndex = 0;
    return pattern.test(stored) ? redactText(stored, pattern) : null;
  }
  const { value, changed } = redactDeep(JSON.parse(stored), pattern);
  return changed ? JSON.stringify(value) : null;
}

export type RedactionCheck = { ok: true; value: RedactionInput } | { ok: false; errors: Record<string, MessageRef[]> };

/** Checks a redaction request; messages under errors.redaction.* (redaction.messages.ts). */
export function checkRedactionInput(input: unknown): RedactionCheck {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string).trim() : "");
  const text = str("text");
  const reason = str("reason");
  const errors: Record<string, MessageRef[]> = {};
  const add = (field: string, key: string, params?: Record<string, number>) =>
    (errors[field] ??= []).push({ key: `redaction.${key}`, params });
  if (text.length < REDACTION_TEXT_MIN || text.length > REDACTION_TEXT_MAX)
    add("text", "textLength", { min: REDACTION_TEXT_MIN, max: REDACTION_TEXT_MAX });
  if (reason.length < REDACTION_REASON_MIN || reason.length > REDACTION_REASON_MAX)
    add("reason", "reasonLength", { min: REDACTION_REASON_MIN, max: REDACTION_REASON_MAX });
  else if (text.length >= REDACTION_TEXT_MIN && redactionPattern(text).test(reason)) add("reason", "reasonQuotesText");
  const requestedBy = raw.requestedBy;
  if (requestedBy !== "clinician" && requestedBy !== "coordinator") add("requestedBy", "requestedBy");
  const caseId = str("caseId");
  if (!caseId) add("_form", "caseId");
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { caseId, text, reason, requestedBy: requestedBy as RedactionRequester } };
}
