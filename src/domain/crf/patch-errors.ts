// Where a refused draft patch's Zod issues belong in the form: the browser
// (before sending) and the server (before writing) check the same schema and
// report its issues at the same paths.
import type { z } from "zod";
import type { FieldErrors } from "../messages";
import { issueToMessage } from "../zod-errors";
import { rowFieldPath } from "./field-path";

/** Payload paths ("fields.ferritin.to.v", "blocks.infections.to.0.values.agent") → form paths ("ferritin", "infections.<row id>.agent"). */
export function patchFieldErrors(error: z.ZodError, payload: unknown): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const p = issue.path.map(String);
    let path = "_form";
    if (p[0] === "fields" && p[1]) path = p[1];
    else if (p[0] === "blocks" && p[1]) {
      const side = p[2] === "from" ? "from" : "to";
      const rows = (payload as { blocks?: Record<string, Record<string, { id?: unknown }[] | undefined>> }).blocks?.[
        p[1]
      ]?.[side];
      const rowId = p[3] !== undefined ? rows?.[Number(p[3])]?.id : undefined;
      path = typeof rowId === "string" && p[5] ? rowFieldPath(p[1], rowId, p[5]) : p[1];
    }
    (out[path] ??= []).push(issueToMessage(issue));
  }
  return out;
}
