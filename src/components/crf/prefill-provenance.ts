// Which changes came from the pre-fill panel: the panel announces each accepted proposal's record
// path (a field id, or "<block>.<row id>" for a new row) — never any of the document's text — and
// autosave sends those paths with the patch, so the audit events say "from a pre-filled proposal".
import { parseAnswerPath } from "@/domain/crf/field-path";

/** The window event the panel dispatches: detail { path, rule }. */
export const PREFILL_ACCEPTED = "crf:prefill-accepted";

/** The pending-save key ("f.<id>" or "b.<block>") a record path belongs to, or undefined. */
export function pendingKeyOf(path: string): string | undefined {
  const p = parseAnswerPath(path);
  if (!p) return undefined;
  return p.kind === "field" ? `f.${p.field}` : `b.${p.block}`;
}

/** The paths among `prefilled` that belong to the keys being sent now. */
export function prefilledFor(prefilled: ReadonlySet<string>, sent: readonly string[]): string[] {
  const keys = new Set(sent);
  return [...prefilled].filter((p) => {
    const k = pendingKeyOf(p);
    return k !== undefined && keys.has(k);
  });
}
