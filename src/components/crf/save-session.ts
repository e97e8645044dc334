// The draft's save session as a pure state machine: (state, event) → state and
// the effects to carry out. No React, no fetch, no timers, no form here — the
// hook (autosave.ts) reads the form, sends, waits and writes back, and tells
// this module what happened. Every rule of saving is decided here, so it is
// tested without a browser (tests/unit/crf/form/save-session.test.ts).
import type { CaseAnswers } from "@/domain/crf/answers";
import { blockById } from "@/domain/crf/definition";
import type { Conflict } from "@/domain/crf/merge";
import type { FieldErrors, MessageRef } from "@/domain/messages";
import { reconcileConflicts, settledByTyping } from "./conflict-model";
import type { OutgoingPatch } from "./outgoing-patch";
import { pendingKeyOf, prefilledFor } from "./prefill-provenance";
import { saveKeyOf } from "./unsent-changes";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "invalid" }
  | { kind: "reason" }
  | { kind: "error"; message: MessageRef; retrying: boolean };

/** Where the save under way is. At most one save is on its way at a time. */
export type Flight =
  /** Reading the form into a patch (the first save also loads the schema check). */
  | { readonly stage: "preparing"; readonly reason?: string }
  /** Sent; what its keys were, whether some changes were held back, which were accepted from the pre-fill panel. */
  | {
      readonly stage: "sending";
      readonly sent: readonly string[];
      readonly invalid: boolean;
      readonly prefilled: readonly string[];
    }
  /** Stored by the server; its answers are being shown. */
  | {
      readonly stage: "showing";
      readonly invalid: boolean;
      readonly savedAt?: string;
      readonly fresh: readonly Conflict[];
    };

export interface SaveSession {
  readonly status: SaveStatus;
  /** Conflicts the user has not settled yet. */
  readonly conflicts: readonly Conflict[];
  /** Changes kept in this tab from before a reload: how many were put back, how many others had overtaken. */
  readonly unsent: { readonly restored: number; readonly overtaken: number } | null;
  /** What the server last stored, and its version. */
  readonly saved: CaseAnswers;
  readonly version: number;
  /** Keys ("f.<field>", "b.<block>") changed and not stored yet. */
  readonly pending: ReadonlySet<string>;
  /** Record paths typed while a save is on its way: what it brings back must not overwrite them. */
  readonly touched: ReadonlySet<string>;
  /** Record paths accepted from the pre-fill panel, until a save stores them. */
  readonly prefilled: ReadonlySet<string>;
  /** A save is planned (a timer is set). */
  readonly planned: boolean;
  readonly flight: Flight | null;
}

export type SaveEvent =
  /** The user changed the value under `key`; `path` is the record path, when known. */
  | { type: "changed"; key: string; path?: string }
  /** Save now: the timer fired, the retry button, the reason typed. `reason` is given when changes need one. */
  | { type: "flush"; reason?: string; timer?: boolean }
  /** The form read into a patch: the keys in it, whether some were held back, the message for the whole save. */
  | { type: "built"; patch: OutgoingPatch; sent: readonly string[]; invalid: boolean; general?: MessageRef }
  /** The server's answers to the request. */
  | { type: "stored"; version: number; answers: CaseAnswers; conflicts: readonly Conflict[]; savedAt?: string }
  | { type: "refused"; errors: FieldErrors }
  | { type: "unavailable"; status: number; message?: MessageRef }
  | { type: "networkFailed" }
  /** The stored answers are on the page (`shown`: the form's answers now), or showing them failed. */
  | { type: "shown"; shown: CaseAnswers; now: string }
  | { type: "showFailed" }
  /** A fault in the page itself while saving. */
  | { type: "pageFailed" }
  /** Changes kept in the tab were put back into the form (`keys`); `restored`/`overtaken` are what the user is told. */
  | { type: "restored"; keys: readonly string[]; restored: number; overtaken: number }
  | { type: "resolved"; conflict: Conflict; choice: "mine" | "theirs" }
  | { type: "prefillAccepted"; path: string };

export type SaveEffect =
  /** Keep the pending changes in the tab (sessionStorage). */
  | { type: "persist" }
  /** Save after `ms` (replacing any save planned). */
  | { type: "schedule"; ms: number }
  /** Read the form into a patch and answer with "built". */
  | { type: "build"; reason?: string }
  | { type: "send"; patch: OutgoingPatch }
  /** Show what the server stored, except under `typing` keys, `touched` paths and unsettled conflicts; answer "shown". */
  | {
      type: "show";
      before: CaseAnswers;
      answers: CaseAnswers;
      typing: ReadonlySet<string>;
      touched: ReadonlySet<string>;
      unsettled: readonly Conflict[];
    }
  /** Put the server's messages under their fields. */
  | { type: "showErrors"; errors: FieldErrors }
  /** Put the other user's side of a conflict into the form. */
  | { type: "takeTheirs"; conflict: Conflict }
  /** Save now (dispatch "flush"). */
  | { type: "flush" };

export interface SaveTimings {
  /** Pause after a change before saving. */
  readonly delayMs: number;
  /** Wait before retrying a failed save. */
  readonly retryMs: number;
}

export const RETRY_MS = 5000;

export interface Step {
  readonly state: SaveSession;
  readonly effects: readonly SaveEffect[];
}

const IDLE: SaveStatus = { kind: "idle" };
const PENDING: SaveStatus = { kind: "pending" };
const SAVING: SaveStatus = { kind: "saving" };
const INVALID: SaveStatus = { kind: "invalid" };
const REASON: SaveStatus = { kind: "reason" };
const failed = (message: MessageRef, retrying: boolean): SaveStatus => ({ kind: "error", message, retrying });
const NETWORK: MessageRef = { key: "generic.network" };
const NOT_SHOWN = failed({ key: "generic.savedNotShown" }, false);

export function startSession(saved: CaseAnswers, version: number): SaveSession {
  return {
    status: IDLE,
    conflicts: [],
    unsent: null,
    saved,
    version,
    pending: new Set(),
    touched: new Set(),
    prefilled: new Set(),
    planned: false,
    flight: null,
  };
}

/** Something typed is not stored yet, a save is on its way, or a conflict is open: leaving would lose it. */
export const hasUnsaved = (s: SaveSession): boolean =>
  s.pending.size > 0 || s.flight !== null || s.conflicts.length > 0;

/** The first message about the whole save (not one field's): the record, the reason, a whole block. */
export function generalOf(errors: FieldErrors): MessageRef | undefined {
  let general = errors._form?.[0] ?? errors.reason?.[0];
  for (const [path, refs] of Object.entries(errors)) {
    if (path !== "_form" && path !== "reason" && blockById(path)) general ??= refs[0];
  }
  return general;
}

const union = (a: ReadonlySet<string>, b: Iterable<string>) => new Set([...a, ...b]);
const without = (a: ReadonlySet<string>, b: Iterable<string>) => {
  const out = new Set(a);
  for (const k of b) out.delete(k);
  return out;
};
const step = (state: SaveSession, ...effects: SaveEffect[]): Step => ({ state, effects });
const PERSIST: SaveEffect = { type: "persist" };
const later = (ms: number): SaveEffect => ({ type: "schedule", ms });

/** After a save: the next one is planned if changes are waiting and nothing else planned one. */
function settle(s: SaveSession, t: SaveTimings, ...effects: SaveEffect[]): Step {
  const idle = { ...s, flight: null };
  if (idle.pending.size === 0 || idle.planned) return step(idle, ...effects);
  return step({ ...idle, planned: true }, ...effects, later(t.delayMs));
}

/** Total: every event in every state gives a state (an event that does not apply leaves it as it was). */
export function reduceSave(s: SaveSession, e: SaveEvent, t: SaveTimings): Step {
  switch (e.type) {
    case "changed": {
      const pending = union(s.pending, [e.key]);
      let { touched, conflicts } = s;
      if (e.path) {
        if (s.flight) touched = union(touched, [e.path]);
        conflicts = settledByTyping(conflicts, e.path);
      }
      const status = s.status.kind === "saving" ? s.status : PENDING;
      return step({ ...s, pending, touched, conflicts, status, planned: true }, PERSIST, later(t.delayMs));
    }
    case "flush": {
      const state = e.timer ? { ...s, planned: false } : s;
      if (s.flight || s.pending.size === 0) return step(state);
      const reason = e.reason?.trim();
      if (e.reason !== undefined && !reason) return step({ ...state, status: REASON });
      return step({ ...state, flight: { stage: "preparing", reason } }, { type: "build", reason });
    }
    case "built": {
      if (s.flight?.stage !== "preparing") return step(s);
      if (e.sent.length === 0) {
        const status = e.general ? failed(e.general, false) : e.invalid ? INVALID : IDLE;
        return step({ ...s, flight: null, status });
      }
      const fromPrefill = prefilledFor(s.prefilled, e.sent);
      const patch = fromPrefill.length ? { ...e.patch, prefilled: fromPrefill } : e.patch;
      const flight: Flight = { stage: "sending", sent: [...e.sent], invalid: e.invalid, prefilled: fromPrefill };
      const pending = without(s.pending, e.sent);
      return step({ ...s, flight, pending, touched: new Set(), status: SAVING }, { type: "send", patch });
    }
    case "stored": {
      if (s.flight?.stage !== "sending") return step(s);
      const unsettled = [...s.conflicts, ...e.conflicts];
      // What this user is typing, and both sides of a conflict, stay as typed until they choose.
      const typing = union(
        s.pending,
        unsettled.flatMap((c) => (c.kind === "field" ? [saveKeyOf("f", c.path)] : [])),
      );
      const flight: Flight = { stage: "showing", invalid: s.flight.invalid, savedAt: e.savedAt, fresh: e.conflicts };
      const state = {
        ...s,
        flight,
        saved: e.answers,
        version: e.version,
        prefilled: without(s.prefilled, s.flight.prefilled),
      };
      return step(state, PERSIST, {
        type: "show",
        before: s.saved,
        answers: e.answers,
        typing,
        touched: s.touched,
        unsettled,
      });
    }
    case "shown": {
      if (s.flight?.stage !== "showing") return step(s);
      const { invalid, savedAt, fresh } = s.flight;
      try {
        const conflicts = reconcileConflicts(s.conflicts, fresh, s.saved, e.shown);
        return settle({ ...s, conflicts, status: invalid ? INVALID : { kind: "saved", at: savedAt ?? e.now } }, t);
      } catch {
        return settle({ ...s, status: NOT_SHOWN }, t);
      }
    }
    case "showFailed":
      // Stored on the server: say so, and that the page is behind — not "no connection".
      if (s.flight?.stage !== "showing") return step(s);
      return settle({ ...s, status: NOT_SHOWN }, t);
    case "refused": {
      // Refused by the rules: shown with its message, no longer pending, so not put back after a reload.
      if (s.flight?.stage !== "sending") return step(s);
      const general = generalOf(e.errors);
      const status = general ? failed(general, false) : INVALID;
      return settle({ ...s, status }, t, PERSIST, { type: "showErrors", errors: e.errors });
    }
    case "unavailable": {
      // Session expired, server down…: the changes stay pending and the status says so.
      if (s.flight?.stage !== "sending") return step(s);
      const retrying = e.status !== 401 && e.status !== 403;
      const pending = union(s.pending, s.flight.sent);
      const state = { ...s, pending, status: failed(e.message ?? NETWORK, retrying) };
      // Signed out or no longer allowed: asking again would get the same answer every few hundred
      // milliseconds. The changes wait (kept in the tab) for the next change, the retry button or sign-in.
      if (!retrying) return step({ ...state, flight: null }, PERSIST);
      return step({ ...state, flight: null, planned: true }, PERSIST, later(t.retryMs));
    }
    case "networkFailed": {
      if (s.flight?.stage !== "sending") return step(s);
      const pending = union(s.pending, s.flight.sent);
      return step({ ...s, flight: null, pending, status: failed(NETWORK, true), planned: true }, later(t.retryMs));
    }
    case "pageFailed": {
      // Nothing pending is dropped: what was on its way without an answer is pending again.
      const pending = s.flight?.stage === "sending" ? union(s.pending, s.flight.sent) : s.pending;
      const status = failed({ key: "generic.clientFault" }, true);
      return step({ ...s, flight: null, pending, status, planned: true }, PERSIST, later(t.retryMs));
    }
    case "restored": {
      if (e.restored === 0 && e.overtaken === 0) return step(s);
      const unsent = { restored: e.restored, overtaken: e.overtaken };
      return step({ ...s, pending: union(s.pending, e.keys), unsent, planned: true }, PERSIST, later(t.delayMs));
    }
    case "resolved": {
      // Settled first: a conflict still listed is held back from the patch.
      const conflicts = s.conflicts.filter((c) => c !== e.conflict);
      const c = e.conflict;
      if (e.choice === "theirs") return step({ ...s, conflicts }, { type: "takeTheirs", conflict: c });
      // What is stored (theirs) is what "from" will say: ours is sent over it.
      const key = c.kind === "field" ? saveKeyOf("f", c.path) : saveKeyOf("b", c.block);
      return step({ ...s, conflicts, pending: union(s.pending, [key]) }, { type: "flush" });
    }
    case "prefillAccepted":
      if (!pendingKeyOf(e.path) || s.prefilled.has(e.path)) return step(s);
      return step({ ...s, prefilled: union(s.prefilled, [e.path]) });
  }
}
