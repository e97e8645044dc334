// Carries out the save session's effects (save-session.ts): reads and writes the
// form (form-patch.ts, form-apply.ts), keeps unsent changes in the tab, sets the
// one timer, loads the schema check, sends (draft-request.ts), and tells the
// session what happened. Plain functions over the latest inputs: no React here.
import type { UseFormReturn } from "react-hook-form";
import type { Conflict } from "@/domain/crf/merge";
import type { MessageRef } from "@/domain/messages";
import { requestDraftSave } from "./draft-request";
import { showFieldErrors, showStored, takeTheirs } from "./form-apply";
import { formToAnswers, type FormValues } from "./form-model";
import { buildPatch, guardPatch, unsentOf } from "./form-patch";
import type { checkOutgoingPatch } from "./outgoing-patch";
import { RETRY_MS, reduceSave, type SaveEffect, type SaveEvent, type SaveSession } from "./save-session";
import type { Store } from "./store";
import { writeUnsent } from "./unsent-changes";

/** What the runner reads at each effect (the page's latest props). */
export interface RunnerInputs {
  form: UseFormReturn<FormValues>;
  caseId: string;
  today: string;
  text: (ref: MessageRef) => string;
  /** When set, changes are sent only with a reason for change (submitted cases). */
  reason?: () => string;
  delayMs?: number;
}

/** Carries out the session's effects on the form, the tab's storage, the timer and the network. */
export function createSaveRunner(store: Store<SaveSession>, latest: { readonly current: RunnerInputs }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The server's schema (and Zod, ~45 kB gzipped) is loaded with the first save, not with the page.
  let check: typeof checkOutgoingPatch | null = null;
  // Values written from the server's answer are not user changes to save again.
  const serverWriting = { current: false };
  const asServer = (write: () => void) => {
    serverWriting.current = true;
    try {
      write();
    } finally {
      serverWriting.current = false;
    }
  };
  const pageFault = (error: unknown) => {
    // A fault in this page (not the network, not the server): nothing pending is dropped, the user is
    // told and may retry at once; the changes stay in this tab across a reload.
    console.error("Draft save failed in the page", error);
    dispatch({ type: "pageFailed" });
  };
  const flush = () => dispatch({ type: "flush", reason: latest.current.reason?.() });

  function perform(e: SaveEffect): void {
    const { form, caseId, today, text } = latest.current;
    switch (e.type) {
      case "persist":
        writeUnsent(caseId, unsentOf(form, store.get()));
        return;
      case "schedule":
        clearTimeout(timer);
        timer = setTimeout(() => dispatch({ type: "flush", timer: true, reason: latest.current.reason?.() }), e.ms);
        return;
      case "flush":
        flush();
        return;
      case "build":
        void (async () => {
          if (!check) check = await import("./outgoing-patch").then((m) => m.checkOutgoingPatch).catch(() => null);
          const built = guardPatch(form, check, buildPatch(form, store.get(), today, text, e.reason), today, text);
          dispatch({ type: "built", ...built });
        })().catch(pageFault);
        return;
      case "send":
        void requestDraftSave(caseId, e.patch).then(dispatch).catch(pageFault);
        return;
      case "show":
        try {
          asServer(() => showStored(form, e));
          dispatch({ type: "shown", shown: formToAnswers(form.getValues()), now: new Date().toISOString() });
        } catch (error) {
          console.error("Draft saved; showing the stored answers failed", error);
          dispatch({ type: "showFailed" });
        }
        return;
      case "showErrors":
        showFieldErrors(form, e.errors, text);
        return;
      case "takeTheirs":
        asServer(() => takeTheirs(form, e.conflict, store.get().saved));
        return;
    }
  }

  function dispatch(event: SaveEvent): void {
    const delayMs = latest.current.delayMs ?? 800;
    const { state, effects } = reduceSave(store.get(), event, { delayMs, retryMs: RETRY_MS });
    store.set(state);
    // Every effect is carried out (the timer above all), then the first fault is reported.
    let fault: { error: unknown } | undefined;
    for (const effect of effects) {
      try {
        perform(effect);
      } catch (error) {
        fault ??= { error };
      }
    }
    if (fault) throw fault.error;
  }
  /** Settles one conflict: keep this user's value (sent again over theirs) or take the other user's. */
  const resolveConflict = (conflict: Conflict, choice: "mine" | "theirs") =>
    dispatch({ type: "resolved", conflict, choice });
  return { dispatch, flush, resolveConflict, serverWriting };
}
