"use client";
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { UseFormReturn } from "react-hook-form";
import { sameAnswer, type CaseAnswers } from "@/domain/crf/answers";
import { BLOCKS, blockById, fieldById } from "@/domain/crf/definition";
import { checkFieldAnswer } from "@/domain/crf/field-rules";
import type { Conflict } from "@/domain/crf/merge";
import type { BlockDef } from "@/domain/crf/types";
import type { FieldErrors, MessageRef } from "@/domain/messages";
import { doseIssues } from "@/domain/crf/dose-issues";
import { conflictCovers, holdBackConflicts, reconcileConflicts, settledByTyping } from "./conflict-model";
import type { checkOutgoingPatch, OutgoingPatch } from "./outgoing-patch";
import {
  answerToState,
  formToAnswers,
  insertRow,
  readState,
  rebaseRows,
  rowToState,
  rowsToAnswers,
  stateToAnswer,
  type FormValues,
  type RowState,
} from "./form-model";
import { PREFILL_ACCEPTED, pendingKeyOf, prefilledFor } from "./prefill-provenance";
import { entryFor, readUnsent, restorable, writeUnsent, type UnsentEntry } from "./unsent-changes";

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
  /** Changes kept in this tab from before a reload: how many were put back, how many others had overtaken. */
  readonly unsent: { readonly restored: number; readonly overtaken: number } | null;
}

/** Save status lives outside React state, so that saving never re-renders the form: only the status line reads it. */
export class SaveStateStore {
  private state: SaveState = { status: { kind: "idle" }, conflicts: [], unsent: null };
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  get = (): SaveState => this.state;
  update(next: Partial<SaveState> | ((s: SaveState) => Partial<SaveState>)) {
    const patch = typeof next === "function" ? next(this.state) : next;
    const same = (k: keyof SaveState) => patch[k] === undefined || patch[k] === this.state[k];
    if (same("status") && same("conflicts") && same("unsent")) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

export function useSaveState(store: SaveStateStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** The unsettled conflicts only: a status change ("saving…") does not re-render the reader. */
export function useConflicts(store: SaveStateStore): readonly Conflict[] {
  const get = () => store.get().conflicts;
  return useSyncExternalStore(store.subscribe, get, get);
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

type Patch = OutgoingPatch;

/**
 * Saves the draft shortly after each change, sending only what changed (with
 * what it replaced, so the server can detect someone else's edit). A value
 * the rules refuse stays in the form with its message and is not sent;
 * a failed save keeps everything typed and retries.
 */
export function useAutosave({ form, caseId, version, answers, today, text, reason, delayMs = 800 }: Options) {
  const store = useMemo(() => new SaveStateStore(), []);
  const setStatus = useCallback(
    (status: SaveStatus | ((s: SaveStatus) => SaveStatus)) =>
      store.update((s) => ({ status: typeof status === "function" ? status(s.status) : status })),
    [store],
  );
  const setConflicts = useCallback((conflicts: readonly Conflict[]) => store.update({ conflicts }), [store]);
  const saved = useRef<CaseAnswers>(answers);
  const currentVersion = useRef(version);
  const pending = useRef(new Set<string>());
  // Row fields changed while a save is on its way: what it brings back must not overwrite them.
  const touched = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef(false);
  // Values written from the server's answer are not user changes to save again.
  const applyingServer = useRef(false);
  // Record paths whose value the user accepted from the pre-fill panel, until a save stores them.
  const prefilled = useRef(new Set<string>());
  useEffect(() => {
    const onAccepted = (e: Event) => {
      const path = (e as CustomEvent<{ path?: unknown }>).detail?.path;
      if (typeof path === "string" && pendingKeyOf(path)) prefilled.current.add(path);
    };
    window.addEventListener(PREFILL_ACCEPTED, onAccepted);
    return () => window.removeEventListener(PREFILL_ACCEPTED, onAccepted);
  }, []);

  /** Keeps what is not stored yet in this tab, so a reload or a crash does not lose it. */
  const persist = useCallback(() => {
    const values = form.getValues();
    const entries: Record<string, UnsentEntry> = {};
    for (const key of pending.current) {
      const [root, id = ""] = key.split(".");
      entries[key] = entryFor(key, saved.current, root === "f" ? values.f?.[id] : (values.b?.[id] ?? []));
    }
    writeUnsent(caseId, entries);
  }, [form, caseId]);

  const buildPatch = useCallback((): { patch: Patch; sent: string[]; invalid: boolean } => {
    const values = form.getValues();
    const conflicts = store.get().conflicts;
    const patch: Patch = { baseVersion: currentVersion.current, fields: {}, blocks: {} };
    const sent: string[] = [];
    let invalid = false;
    for (const key of pending.current) {
      const [root, id] = key.split(".") as [string, string];
      if (root === "f") {
        const field = fieldById(id);
        if (!field) continue;
        const c = stateToAnswer(field, values.f[id]);
        const refused = c.ok
          ? checkFieldAnswer(field, c.answer ?? undefined, { today }).find((i) => i.level === "error")
          : c.error;
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
        const stored = saved.current.blocks[id] ?? [];
        patch.blocks[id] = { from: stored, to: holdBackConflicts(id, rows, stored, conflicts) };
        sent.push(key);
      }
    }
    return { patch, sent, invalid };
  }, [form, today, text, store]);

  // The server's schema (and with it Zod, ~45 kB gzipped) is loaded with the
  // first save, not with the page: reading a case never needs it, and it is a
  // guard that normal use never trips. If it cannot be loaded the patch goes
  // unchecked — the server checks every patch anyway.
  const outgoingCheck = useRef<typeof checkOutgoingPatch | null>(null);

  /** The server's own schema, run before sending: an entry it refuses is held back with its message, the rest is sent. */
  const guardPatch = useCallback(
    (patch: Patch, sent: string[]): { patch: Patch; sent: string[]; refused: boolean; general?: MessageRef } => {
      const check = outgoingCheck.current;
      if (!check) return { patch, sent, refused: false };
      const checked = check(patch, today);
      if (checked.withheld.size === 0) return { patch, sent, refused: false };
      const general = showErrors(form, checked.errors, text);
      const keep = sent.filter((key) => !checked.withheld.has(key.split(".")[1] ?? key));
      return { patch: checked.patch ?? patch, sent: checked.patch ? keep : [], refused: true, general };
    },
    [form, text, today],
  );

  /** After a save: the stored answers shown where the user is not typing, conflicts reconciled, the status said. */
  const showStored = useCallback(
    (
      before: CaseAnswers,
      answers: CaseAnswers,
      fresh: readonly Conflict[],
      invalid: boolean,
      savedAt: string | undefined,
    ) => {
      const previous = store.get().conflicts;
      const unsettled = [...previous, ...fresh];
      applyingServer.current = true;
      try {
        // What this user is typing, and both sides of a conflict, stay as typed until they choose.
        const typing = new Set([
          ...pending.current,
          ...unsettled.filter((c) => c.kind === "field").map((c) => `f.${c.path}`),
        ]);
        refreshUntouched(form, answers, typing);
        const keep = (path: string) => touched.current.has(path) || conflictCovers(unsettled, path);
        for (const block of BLOCKS) {
          const shown = form.getValues(`b.${block.id}`) ?? [];
          const server = answers.blocks[block.id] ?? [];
          applyRows(
            form,
            block,
            shown,
            rebaseRows(block.fields, block.id, before.blocks[block.id] ?? [], shown, server, keep),
          );
        }
      } finally {
        applyingServer.current = false;
      }
      setConflicts(reconcileConflicts(previous, [...fresh], answers, formToAnswers(form.getValues())));
      setStatus(invalid ? { kind: "invalid" } : { kind: "saved", at: savedAt ?? new Date().toISOString() });
    },
    [form, setConflicts, setStatus, store],
  );

  // Retries and the next save call the latest flush (it is recreated when its inputs change).
  const flushRef = useRef<() => Promise<void>>(async () => {});
  const later = useCallback((ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void flushRef.current();
    }, ms);
  }, []);

  const flushOnce = useCallback(async (): Promise<void> => {
    if (inFlight.current || pending.current.size === 0) return;
    const why = reason?.().trim();
    if (reason && !why) {
      setStatus({ kind: "reason" });
      return;
    }
    if (!outgoingCheck.current) {
      // Saves arriving meanwhile wait (inFlight); this one then sends everything pending.
      inFlight.current = true;
      try {
        outgoingCheck.current = (await import("./outgoing-patch")).checkOutgoingPatch;
      } catch {
        // Offline or a new deployment: unchecked this time, the server decides.
      } finally {
        inFlight.current = false;
      }
    }
    const built = buildPatch();
    if (why) built.patch.reason = why;
    const { patch, sent, refused, general } = guardPatch(built.patch, built.sent);
    const fromPrefill = prefilledFor(prefilled.current, sent);
    if (fromPrefill.length) patch.prefilled = fromPrefill;
    const invalid = built.invalid || refused;
    if (sent.length === 0) {
      setStatus(
        general
          ? { kind: "error", message: general, retrying: false }
          : invalid
            ? { kind: "invalid" }
            : { kind: "idle" },
      );
      return;
    }
    inFlight.current = true;
    touched.current.clear();
    for (const key of sent) pending.current.delete(key);
    setStatus({ kind: "saving" });
    type Answer = {
      version?: number;
      savedAt?: string;
      answers?: CaseAnswers;
      conflicts?: Conflict[];
      fieldErrors?: FieldErrors;
    };
    let res: Response;
    let body: Answer;
    try {
      const init = { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) };
      res = await fetch(`/api/cases/${caseId}/draft`, init);
      body = (await res.json().catch(() => ({}))) as Answer;
    } catch {
      // Only a request that failed is a connection problem; a fault while showing the answer is not.
      for (const key of sent) pending.current.add(key);
      inFlight.current = false;
      setStatus({ kind: "error", message: { key: "generic.network" }, retrying: true });
      later(5000);
      return;
    }
    try {
      if (res.ok && body.answers && body.version) {
        const before = saved.current;
        currentVersion.current = body.version;
        saved.current = body.answers;
        for (const p of fromPrefill) prefilled.current.delete(p);
        persist();
        try {
          showStored(before, body.answers, body.conflicts ?? [], invalid, body.savedAt);
        } catch (error) {
          // Stored on the server: say so, and that the page is behind — not "no connection".
          console.error("Draft saved; showing the stored answers failed", error);
          setStatus({ kind: "error", message: { key: "generic.savedNotShown" }, retrying: false });
        }
      } else if (res.status === 400 && body.fieldErrors) {
        // Refused by the rules: shown with its message, no longer pending, so not put back after a reload.
        persist();
        const formLevel = showErrors(form, body.fieldErrors, text);
        // A refusal of the whole save (study closed, record locked…) is said in the status line.
        setStatus(formLevel ? { kind: "error", message: formLevel, retrying: false } : { kind: "invalid" });
      } else {
        // Session expired, server down…: keep the changes pending and say so.
        for (const key of sent) pending.current.add(key);
        persist();
        const retrying = res.status !== 401 && res.status !== 403;
        setStatus({ kind: "error", message: body.fieldErrors?._form?.[0] ?? { key: "generic.network" }, retrying });
        if (retrying) later(5000);
      }
    } finally {
      inFlight.current = false;
    }
    if (pending.current.size > 0 && !timer.current) later(delayMs);
  }, [buildPatch, guardPatch, caseId, delayMs, form, text, setStatus, reason, persist, showStored, later]);

  const flush = useCallback(async (): Promise<void> => {
    try {
      await flushOnce();
    } catch (error) {
      // A fault in this page (not the network, not the server): nothing pending is dropped, the
      // user is told and may retry at once; the changes stay in this tab across a reload.
      console.error("Draft save failed in the page", error);
      inFlight.current = false;
      persist();
      setStatus({ kind: "error", message: { key: "generic.clientFault" }, retrying: true });
      later(5000);
    }
  }, [flushOnce, persist, setStatus, later]);
  flushRef.current = flush;
  useEffect(() => {
    const sub = form.watch((_values, { name }) => {
      if (!name || applyingServer.current) return;
      const [root, id, index, , fieldId] = name.split(".");
      if ((root !== "f" && root !== "b") || !id) return;
      pending.current.add(`${root}.${id}`);
      try {
        persist();
        const rowId =
          root === "b" && index !== undefined && fieldId ? form.getValues().b[id]?.[Number(index)]?.rowId : undefined;
        const path = root === "f" ? id : rowId ? `${id}.${rowId}.${fieldId}` : undefined;
        if (path) {
          if (inFlight.current) touched.current.add(path);
          const conflicts = store.get().conflicts;
          const left = settledByTyping(conflicts, path);
          if (left !== conflicts) setConflicts(left);
        }
        setStatus((s) => (s.kind === "saving" ? s : { kind: "pending" }));
      } finally {
        // Whatever happened above, the change is pending and a save is planned.
        later(delayMs);
      }
    });
    return () => sub.unsubscribe();
  }, [form, delayMs, setStatus, setConflicts, store, persist, later]);

  // Changes this tab kept from before a reload (or a crash) are put back and saved, unless someone
  // else's save has changed those answers since: those are dropped and the user is told.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the answers the page was loaded with
  useEffect(() => {
    const { restore, overtaken } = restorable(readUnsent(caseId), saved.current);
    if (restore.length === 0 && overtaken.length === 0) return;
    for (const [key, state] of restore) {
      const [root, id = ""] = key.split(".");
      const field = root === "f" ? fieldById(id) : undefined;
      const block = root === "b" ? blockById(id) : undefined;
      if (field) form.setValue(`f.${id}`, readState(field, state), { shouldDirty: true });
      else if (block && Array.isArray(state))
        applyRows(form, block, form.getValues(`b.${id}`) ?? [], keptRows(block, state));
      else continue;
      pending.current.add(key);
    }
    persist();
    store.update({ unsent: { restored: restore.length, overtaken: overtaken.length } });
    later(delayMs);
  }, []);

  // Leaving with unsaved changes asks first; an unsettled conflict is unsaved too (the user's side is held back).
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current.size > 0 || inFlight.current || store.get().conflicts.length > 0) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [store]);

  /** Settles one conflict: keep this user's value (sent again over theirs) or take the other user's. */
  const resolveConflict = useCallback(
    (conflict: Conflict, choice: "mine" | "theirs") => {
      // Settled first: a conflict still listed is held back from the patch.
      setConflicts(store.get().conflicts.filter((c) => c !== conflict));
      if (choice === "mine") {
        // What is stored (theirs) is what "from" will say: ours is sent over it.
        pending.current.add(conflict.kind === "field" ? `f.${conflict.path}` : `b.${conflict.block}`);
        void flushRef.current();
        return;
      }
      applyingServer.current = true;
      try {
        if (conflict.kind === "field") {
          const field = fieldById(conflict.path);
          if (field)
            form.setValue(`f.${conflict.path}`, answerToState(field, conflict.theirs ?? undefined), {
              shouldDirty: false,
            });
          return;
        }
        const block = blockById(conflict.block);
        if (!block) return;
        const rows = form.getValues(`b.${block.id}`) ?? [];
        if (conflict.kind === "rowField") {
          const index = rows.findIndex((r) => r.rowId === conflict.rowId);
          const field = block.fields.find((f) => f.id === conflict.field);
          if (index >= 0 && field)
            form.setValue(
              `b.${block.id}.${index}.values.${field.id}`,
              answerToState(field, conflict.theirs ?? undefined),
              { shouldDirty: false },
            );
        } else if (conflict.theirs) {
          const order = (saved.current.blocks[block.id] ?? []).map((r) => r.id);
          applyRows(form, block, rows, insertRow(rows, rowToState(block.fields, conflict.theirs), order));
        } else {
          applyRows(
            form,
            block,
            rows,
            rows.filter((r) => r.rowId !== conflict.rowId),
          );
        }
      } finally {
        applyingServer.current = false;
      }
    },
    [form, setConflicts, store],
  );

  return { store, flush, resolveConflict };
}

/** Rows kept in the tab, made total: anything unreadable is dropped rather than shown half. */
function keptRows(block: BlockDef, kept: unknown[]): RowState[] {
  return kept.flatMap((r) => {
    if (!r || typeof r !== "object") return [];
    const { rowId, values } = r as { rowId?: unknown; values?: Record<string, unknown> };
    if (typeof rowId !== "string") return [];
    return [{ rowId, values: Object.fromEntries(block.fields.map((f) => [f.id, readState(f, values?.[f.id])])) }];
  });
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

/**
 * Shows `target` rows in a block. Field by field when the rows are the same
 * (nothing re-renders but the fields that change); when someone else added
 * or removed rows, the block is re-rendered and messages and focus follow
 * their row.
 */
function applyRows(form: UseFormReturn<FormValues>, block: BlockDef, shown: readonly RowState[], target: RowState[]) {
  const sameRows = shown.length === target.length && shown.every((r, i) => r.rowId === target[i]?.rowId);
  if (sameRows) {
    target.forEach((row, i) => {
      const before = shown[i];
      if (!before || row === before) return;
      for (const f of block.fields) {
        const state = row.values[f.id];
        if (state && state !== before.values[f.id])
          form.setValue(`b.${block.id}.${i}.values.${f.id}`, state, { shouldDirty: false });
      }
    });
    return;
  }
  const messages = new Map<string, string>();
  shown.forEach((row, i) => {
    for (const f of block.fields) {
      const message = form.getFieldState(`b.${block.id}.${i}.values.${f.id}.value`).error?.message;
      if (message) messages.set(`${row.rowId}.${f.id}`, message);
    }
  });
  const focused = document.activeElement?.id;
  form.clearErrors(`b.${block.id}`);
  form.setValue(`b.${block.id}`, target, { shouldDirty: false });
  target.forEach((row, i) => {
    for (const f of block.fields) {
      const message = messages.get(`${row.rowId}.${f.id}`);
      if (message) form.setError(`b.${block.id}.${i}.values.${f.id}.value`, { type: "rule", message });
    }
  });
  if (focused) requestAnimationFrame(() => document.getElementById(focused)?.focus());
}

/** Puts each message under its field; returns the first one that belongs to no single field (the whole save, the reason, a block). */
function showErrors(
  form: UseFormReturn<FormValues>,
  errors: FieldErrors,
  text: (ref: MessageRef) => string,
): MessageRef | undefined {
  let general = errors._form?.[0] ?? errors.reason?.[0];
  for (const [path, refs] of Object.entries(errors)) {
    if (path === "_form" || path === "reason") continue;
    if (blockById(path)) general ??= refs[0];
    else showServerError(form, path, refs.map(text).join(" "));
  }
  return general;
}

function showServerError(form: UseFormReturn<FormValues>, path: string, message: string) {
  const parts = path.split(".");
  if (parts.length === 1) {
    form.setError(`f.${path}.value`, { type: "server", message });
    return;
  }
  const [blockId, rowId, fieldId] = parts as [string, string, string];
  const index = (form.getValues().b[blockId] ?? []).findIndex((r) => r.rowId === rowId);
  if (index >= 0 && fieldId)
    form.setError(`b.${blockId}.${index}.values.${fieldId}.value`, { type: "server", message });
  else form.setError("root.server", { type: "server", message });
}
