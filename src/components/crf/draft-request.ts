// The draft save's request: the patch sent to /api/cases/<id>/draft, and the
// answer told to the save session as one of its events. Only a request that
// could not be made is a connection problem; an answer without a readable
// body is the server's (status and all).
import type { CaseAnswers } from "@/domain/crf/answers";
import type { Conflict } from "@/domain/crf/merge";
import type { FieldErrors } from "@/domain/messages";
import type { OutgoingPatch } from "./outgoing-patch";
import type { SaveEvent } from "./save-session";

export type DraftOutcome = Extract<SaveEvent, { type: "stored" | "refused" | "unavailable" | "networkFailed" }>;

interface DraftAnswer {
  version?: number;
  savedAt?: string;
  answers?: CaseAnswers;
  conflicts?: Conflict[];
  fieldErrors?: FieldErrors;
}

export async function requestDraftSave(
  caseId: string,
  patch: OutgoingPatch,
  send: typeof fetch = (input, init) => fetch(input, init),
): Promise<DraftOutcome> {
  let res: Response;
  let body: DraftAnswer;
  try {
    const init = { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) };
    res = await send(`/api/cases/${encodeURIComponent(caseId)}/draft`, init);
    body = (await res.json().catch(() => ({}))) as DraftAnswer;
  } catch {
    return { type: "networkFailed" };
  }
  if (!body || typeof body !== "object") body = {};
  if (res.ok && body.answers && body.version)
    return {
      type: "stored",
      version: body.version,
      answers: body.answers,
      conflicts: body.conflicts ?? [],
      savedAt: body.savedAt,
    };
  if (res.status === 400 && body.fieldErrors) return { type: "refused", errors: body.fieldErrors };
  return { type: "unavailable", status: res.status, message: body.fieldErrors?._form?.[0] };
}
