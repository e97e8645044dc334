"use client";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { UseFormReturn } from "react-hook-form";
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { blockById, fieldById } from "@/domain/crf/definition";
import { checkFieldAnswer } from "@/domain/crf/field-rules";
import type { Conflict } from "@/domain/crf/merge";
import type { FieldErrors, MessageRef } from "@/domain/messages";
import { doseIssues } from "@/domain/crf/dose-issues";
import { answerToState, formToAnswers, rowsToAnswers, stateToAnswer, type FormValues } from "./form-model";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "invalid" }
  | { kind: "reason" }
  | { kind: "error"; message: MessageRef; retrying: boolean };

interface SaveState {
  readonly status: SaveStatus;
  readonly conflicts: readonly Conflict[];
}

/** Save status lives outside React state, so that saving never re-renders the form: only the status line reads it. */
export class SaveStateStore {
  private state: SaveState = { status: { kind: "idle" }, conflicts: [] };
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  get = (): SaveState => this.state;
  update(next: Partial<SaveState> | ((s: SaveState) => Partial<SaveState>)) {
    const patch = typeof next === "function" ? next(this.state) : next;
    if (patch.status === this.state.status && (patch.conflicts === undefined || patch.conflicts === this.state.conflicts)) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

export function useSaveState(store: SaveStateStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

interface Options {
  form: UseFormReturn<FormValues>;
  caseId: string;
  version: number;
  answers: CaseAnswers;
  today: string;
  text: (ref: MessageRef) => string;
  /** When set, changes are sent only with a reason for change (submitted cases). */
  reason?: () => string;
  delayMs?: number;
}

interface Patch {
  baseVersion: number;
  reason?: string;
  fields: Record<string, { from: FieldAnswer | null; to: FieldAnswer | null }>;
  blocks: Record<string, { from: readonly BlockRow[]; to: BlockRow[] }>;
}

/**
 * Saves the draft shortly after each change, sending only what changed (with
 * what it replaced, so the server can detect someone else's edit). A value
 * the rules refuse stays in the form with its message and is not sent;
 * a failed save keeps everything typed and retries.
 */
export function useAutosave({ form, caseId, version, answers, today, text, reason, delayMs = 800 }: Options) {
  const store = useMemo(() => new SaveStateStore(), []);
  const setStatus = useCallback((status: SaveStatus | ((s: SaveStatus) => SaveStatus)) => store.update((s) => ({ status: typeof status === "function" ? status(s.status) : status })), [store]);
  const setConflicts = useCallback((conflicts: readonly Conflict[]) => store.update({ conflicts }), [store]);
  const saved = useRef<CaseAnswers>(answers);
  const currentVersion = useRef(version);
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  // Values written from the server's answer are not user changes to save again.
  const applyingServer = useRef(false);

  const buildPatch = useCallback((): { patch: Patch; sent: string[]; invalid: boolean } => {
    const values = form.getValues();
    const patch: Patch = { baseVersion: currentVersion.current, fields: {}, blocks: {} };
    const sent: string[] = [];
    let invalid = false;
    for (const key of pending.current) {
      const [root, id] = key.split(".") as [string, string];
      if (root === "f") {
        const field = fieldById(id);
        if (!field) continue;
        const c = stateToAnswer(field, values.f[id]);
        const refused = c.ok ? checkFieldAnswer(field, c.answer ?? undefined, { today }).find((i) => i.level === "error") : c.error;
        if (refused) {
          form.setError(`f.${id}.value`, { type: "rule", message: text(refused) });
          invalid = true;
          continue;
        }
        patch.fields[id] = { from: saved.current.fields[id] ?? null, to: c.ok ? c.answer : null };
        sent.push(key);
      } else if (root === "b") {
        const block = blockById(id);
        if (!block) continue;
        const rowsState = values.b[id] ?? [];
        const { rows, errors } = rowsToAnswers(block.fields, rowsState);
        let blocked = Object.keys(errors).length > 0;
        rowsState.forEach((row, index) => {
          for (const f of block.fields) {
            const a = rows[index]?.values[f.id];
            const parseError = errors[`${row.rowId}.${f.id}`];
            const refused = parseError ?? checkFieldAnswer(f, a, { today }).find((i) => i.level === "error");
            if (refused) {
              form.setError(`b.${id}.${index}.values.${f.id}.value`, { type: "rule", message: text(refused) });
              blocked = true;
            }
          }
        });
        // A dose outside its hard range is refused here as it would be on the server.
        const record = formToAnswers(values);
        rows.forEach((row, index) => {
          const refused = doseIssues(row, record).find((i) => i.level === "error");
          if (refused) {
            form.setError(`b.${id}.${index}.values.dose_value.value`, { type: "rule", message: text(refused) });
            blocked = true;
          }
        });
        if (blocked) {
          invalid = true;
          continue;
        }
        patch.blocks[id] = { from: saved.current.blocks[id] ?? [], to: rows };
        sent.push(key);
      }
    }
    return { patch, sent, invalid };
  }, [form, today, text]);

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current || pending.current.size === 0) return;
    const why = reason?.().trim();
    if (reason && !why) {
      setStatus({ kind: "reason" });
      return;
    }
    const { patch, sent, invalid } = buildPatch();
    if (why) patch.reason = why;
    if (sent.length === 0) {
      setStatus(invalid ? { kind: "invalid" } : { kind: "idle" });
      return;
    }
    inFlight.current = true;
    for (const key of sent) pending.current.delete(key);
    setStatus({ kind: "saving" });
    try {
      const res = await fetch(`/api/cases/${caseId}/draft`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) });
      const body = (await res.json().catch(() => ({}))) as { version?: number; savedAt?: string; answers?: CaseAnswers; conflicts?: Conflict[]; fieldErrors?: FieldErrors };
      if (res.ok && body.answers && body.version) {
        currentVersion.current = body.version;
        saved.current = body.answers;
        applyingServer.current = true;
        try {
          // A conflicting field keeps what this user typed until they choose.
          const keep = new Set([...pending.current, ...(body.conflicts ?? []).map((c) => `f.${c.path}`)]);
          refreshUntouched(form, body.answers, keep);
        } finally {
          applyingServer.current = false;
        }
        setConflicts(body.conflicts ?? []);
        setStatus(invalid ? { kind: "invalid" } : { kind: "saved", at: body.savedAt ?? new Date().toISOString() });
      } else if (res.status === 400 && body.fieldErrors) {
        const formLevel = [...(body.fieldErrors._form ?? []), ...(body.fieldErrors.reason ?? [])];
        for (const [path, refs] of Object.entries(body.fieldErrors)) if (path !== "_form" && path !== "reason") showServerError(form, path, refs.map(text).join(" "));
        // A refusal of the whole save (study closed, record locked…) is said in the status line.
        setStatus(formLevel[0] ? { kind: "error", message: formLevel[0], retrying: false } : { kind: "invalid" });
      } else {
        // Session expired, server down…: keep the changes pending and say so.
        for (const key of sent) pending.current.add(key);
        setStatus({ kind: "error", message: body.fieldErrors?._form?.[0] ?? { key: "generic.network" }, retrying: res.status !== 401 && res.status !== 403 });
        if (res.status !== 401 && res.status !== 403) timer.current = setTimeout(() => void flush(), 5000);
      }
    } catch {
      for (const key of sent) pending.current.add(key);
      setStatus({ kind: "error", message: { key: "generic.network" }, retrying: true });
      timer.current = setTimeout(() => void flush(), 5000);
    } finally {
      inFlight.current = false;
    }
    if (pending.current.size > 0 && !timer.current) timer.current = setTimeout(() => void flush(), delayMs);
  }, [buildPatch, caseId, delayMs, form, text, setStatus, setConflicts, reason]);

  useEffect(() => {
    const sub = form.watch((_values, { name }) => {
      if (!name || applyingServer.current) return;
      const [root, id] = name.split(".");
      if ((root !== "f" && root !== "b") || !id) return;
      pending.current.add(`${root}.${id}`);
      setStatus((s) => (s.kind === "saving" ? s : { kind: "pending" }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void flush();
      }, delayMs);
    });
    return () => sub.unsubscribe();
  }, [form, flush, delayMs, setStatus]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current.size > 0 || inFlight.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  /** Settles one conflict: keep this user's value (sent again over theirs) or take the other user's. */
  const resolveConflict = useCallback(
    (conflict: Conflict, choice: "mine" | "theirs") => {
      const key = conflict.kind === "field" ? `f.${conflict.path}` : `b.${conflict.path}`;
      if (choice === "mine") {
        // The stored value (theirs) is already what "from" will say: send ours over it.
        pending.current.add(key);
        void flush();
      } else if (conflict.kind === "field") {
        const field = fieldById(conflict.path);
        applyingServer.current = true;
        if (field) form.setValue(`f.${conflict.path}`, answerToState(field, conflict.theirs ?? undefined), { shouldDirty: false });
        applyingServer.current = false;
      } else {
        const block = blockById(conflict.path);
        applyingServer.current = true;
        if (block) form.setValue(`b.${conflict.path}`, conflict.theirs.map((row) => ({ rowId: row.id, values: Object.fromEntries(block.fields.map((f) => [f.id, answerToState(f, row.values[f.id])])) })), { shouldDirty: false });
        applyingServer.current = false;
      }
      setConflicts(store.get().conflicts.filter((c) => c !== conflict));
    },
    [flush, form, setConflicts, store],
  );

  return { store, flush, resolveConflict };
}

/** Shows what the server stored (hidden fields cleared, someone else's merged edits) where the user is not typing. */
function refreshUntouched(form: UseFormReturn<FormValues>, answers: CaseAnswers, pending: ReadonlySet<string>) {
  const values = form.getValues();
  for (const [id, state] of Object.entries(values.f)) {
    if (pending.has(`f.${id}`)) continue;
    const field = fieldById(id);
    if (!field) continue;
    const next = answerToState(field, answers.fields[id]);
    const shown = stateToAnswer(field, state);
    if (shown.ok && !sameAnswer(shown.answer, answers.fields[id] ?? null)) {
      form.setValue(`f.${id}`, next, { shouldDirty: false });
    }
  }
}

function showServerError(form: UseFormReturn<FormValues>, path: string, message: string) {
  const parts = path.split(".");
  if (parts.length === 1) {
    form.setError(`f.${path}.value`, { type: "server", message });
    return;
  }
  const [blockId, rowId, fieldId] = parts as [string, string, string];
  const index = (form.getValues().b[blockId] ?? []).findIndex((r) => r.rowId === rowId);
  if (index >= 0 && fieldId) form.setError(`b.${blockId}.${index}.values.${fieldId}.value`, { type: "server", message });
  else form.setError("root.server", { type: "server", message });
}
