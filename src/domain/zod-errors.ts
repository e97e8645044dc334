// Turns Zod issues into message references keyed by field path, for both the
// browser (react-hook-form) and the server actions' 400-style answers.
import type { z } from "zod";
import type { FieldErrors, MessageRef } from "./messages";

export function issueToMessage(issue: z.core.$ZodIssue): MessageRef {
  const custom = issue as { params?: Record<string, string | number> };
  // Our rules put a message key in `message`; Zod's own checks (wrong type,
  // unknown key, too long) fall back to generic keys by issue code.
  if (issue.code === "custom" || /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(issue.message)) {
    return { key: issue.message, params: custom.params };
  }
  if (issue.code === "unrecognized_keys")
    return { key: "generic.unknownField", params: { keys: issue.keys.join(", ") } };
  if (issue.code === "invalid_type") return { key: "generic.invalidType" };
  if (issue.code === "too_big") return { key: "generic.tooBig", params: { max: Number(issue.maximum) } };
  return { key: "generic.invalid" };
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join(".") : "_form";
    (out[path] ??= []).push(issueToMessage(issue));
  }
  return out;
}
