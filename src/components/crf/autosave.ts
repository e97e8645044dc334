"use client";
// Saves the draft shortly after each change, sending only what changed (with
// what it replaced, so the server can detect someone else's edit). The rules
// are the save session's (save-session.ts), its effects the runner's
// (save-runner.ts); this hook wires them to the page: form events, the
// pre-fill panel, changes kept from before a reload, leaving the page.
import { useEffect, useMemo, useRef, useState } from "react";
import type { CaseAnswers } from "@/domain/crf/answers";
import type { Conflict } from "@/domain/crf/merge";
import { restoreUnsent } from "./form-apply";
import { changeOf } from "./form-patch";
import { PREFILL_ACCEPTED } from "./prefill-provenance";
import { createSaveRunner, type RunnerInputs } from "./save-runner";
import { hasUnsaved, startSession, type SaveSession } from "./save-session";
import { createStore, useStore, type Store } from "./store";
import { readUnsent, restorable } from "./unsent-changes";

/** The save session lives outside React state, so that saving never re-renders the form: only its readers do. */
export type SaveStateStore = Store<SaveSession>;

/** The unsettled conflicts only: a status change ("saving…") does not re-render the reader. */
export const useConflicts = (store: SaveStateStore): readonly Conflict[] => useStore(store, (s) => s.conflicts);

interface Options extends RunnerInputs {
  version: number;
  answers: CaseAnswers;
}

export function useAutosave(options: Options) {
  const { form, caseId, version, answers } = options;
  // The answers and version the page was loaded with; the session follows the saves from there.
  const [store] = useState(() => createStore(startSession(answers, version)));
  // The latest options: a timer set before a render runs with what the page shows now.
  const latest = useRef(options);
  latest.current = options;

  const { dispatch, flush, resolveConflict, serverWriting } = useMemo(() => createSaveRunner(store, latest), [store]);

  useEffect(() => {
    const sub = form.watch((_values, { name }) => {
      const change = name && !serverWriting.current ? changeOf(form, name) : null;
      if (change) dispatch({ type: "changed", ...change });
    });
    return () => sub.unsubscribe();
  }, [form, dispatch, serverWriting]);

  useEffect(() => {
    const onAccepted = (e: Event) => {
      const path = (e as CustomEvent<{ path?: unknown }>).detail?.path;
      if (typeof path === "string") dispatch({ type: "prefillAccepted", path });
    };
    window.addEventListener(PREFILL_ACCEPTED, onAccepted);
    return () => window.removeEventListener(PREFILL_ACCEPTED, onAccepted);
  }, [dispatch]);

  // Changes this tab kept from before a reload (or a crash) are put back and saved, unless someone
  // else's save has changed those answers since: those are dropped and the user is told.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the answers the page was loaded with
  useEffect(() => {
    const { restore, overtaken } = restorable(readUnsent(caseId), store.get().saved);
    const keys = restoreUnsent(form, restore);
    dispatch({ type: "restored", keys, restored: restore.length, overtaken: overtaken.length });
  }, []);

  // Leaving with unsaved changes asks first; an unsettled conflict is unsaved too (the user's side is held back).
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (hasUnsaved(store.get())) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store]);

  return { store, flush, resolveConflict };
}
