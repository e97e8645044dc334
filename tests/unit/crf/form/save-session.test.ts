// The draft's save session (src/components/crf/save-session.ts), transition by
// transition, then generated: any sequence of events, including answers that
// arrive in the wrong stage, gives a state, loses no change, and never leaves
// changes unsaved without the status line saying why (ADR 0018).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseAnswers } from "@/domain/crf/answers";
import type { Conflict } from "@/domain/crf/merge";
import type { FieldErrors } from "@/domain/messages";
import type { OutgoingPatch } from "@/components/crf/outgoing-patch";
import {
  generalOf,
  hasUnsaved,
  reduceSave,
  startSession,
  type SaveEffect,
  type SaveEvent,
  type SaveSession,
} from "@/components/crf/save-session";

const T = { delayMs: 800, retryMs: 5000 };
const STORED: CaseAnswers = { fields: { ferritin: { v: 12000 } }, blocks: {} };
const patchOf = (s: SaveSession): OutgoingPatch => ({ baseVersion: s.version, fields: {}, blocks: {} });

function play(start: SaveSession, ...events: SaveEvent[]): { state: SaveSession; effects: SaveEffect[] } {
  let state = start;
  const effects: SaveEffect[] = [];
  for (const e of events) {
    const step = reduceSave(state, e, T);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

/** The form's answer to "build" when every pending change is accepted. */
const builtAll = (s: SaveSession): SaveEvent => ({
  type: "built",
  patch: patchOf(s),
  sent: [...s.pending],
  invalid: false,
});

/** A save of `f.ferritin` on its way. */
function sending(start = startSession(STORED, 3)): SaveSession {
  const typed = play(start, { type: "changed", key: "f.ferritin", path: "ferritin" }, { type: "flush", timer: true });
  return reduceSave(typed.state, builtAll(typed.state), T).state;
}

const stored = (version: number, answers: CaseAnswers, conflicts: Conflict[] = [], savedAt?: string): SaveEvent => ({
  type: "stored",
  version,
  answers,
  conflicts,
  savedAt,
});

const fieldConflict: Conflict = { kind: "field", path: "ferritin", mine: { v: 13000 }, theirs: { v: 9000 } };
const rowConflict: Conflict = {
  kind: "row",
  path: "treatment_lines.r1",
  block: "treatment_lines",
  rowId: "r1",
  mine: null,
  theirs: { id: "r1", values: { drug: { v: "anakinra" } } },
};

describe("save session: a change", () => {
  it("is pending, kept in the tab, and saved after the pause", () => {
    const { state, effects } = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin", path: "ferritin" });
    expect(state.status).toEqual({ kind: "pending" });
    expect([...state.pending]).toEqual(["f.ferritin"]);
    expect(state.planned).toBe(true);
    expect(effects).toEqual([{ type: "persist" }, { type: "schedule", ms: 800 }]);
  });

  it("when the pause is over, the form is read into a patch, then sent; its keys are no longer pending", () => {
    const typed = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }).state;
    const flushed = reduceSave(typed, { type: "flush", timer: true }, T);
    expect(flushed.effects).toEqual([{ type: "build", reason: undefined }]);
    expect(flushed.state.planned).toBe(false);
    expect(flushed.state.flight?.stage).toBe("preparing");
    const patch = { ...patchOf(flushed.state), fields: { ferritin: { from: { v: 12000 }, to: { v: 13000 } } } };
    const sent = reduceSave(flushed.state, { type: "built", patch, sent: ["f.ferritin"], invalid: false }, T);
    expect(sent.effects).toEqual([{ type: "send", patch }]);
    expect(sent.state.status).toEqual({ kind: "saving" });
    expect(sent.state.pending.size).toBe(0);
  });

  it("with nothing pending, a flush does nothing", () => {
    const s = startSession(STORED, 1);
    expect(reduceSave(s, { type: "flush" }, T)).toEqual({ state: s, effects: [] });
  });

  it("on a submitted case, is not sent without a reason; the reason travels with the patch", () => {
    const typed = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }).state;
    const blank = reduceSave(typed, { type: "flush", reason: "   " }, T);
    expect(blank.state.status).toEqual({ kind: "reason" });
    expect(blank.effects).toEqual([]);
    expect(reduceSave(typed, { type: "flush", reason: " typo " }, T).effects).toEqual([
      { type: "build", reason: "typo" },
    ]);
  });

  it("the rules refuse everything: said invalid, nothing sent, the change stays pending", () => {
    const typed = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }, { type: "flush" }).state;
    const none = reduceSave(typed, { type: "built", patch: patchOf(typed), sent: [], invalid: true }, T);
    expect(none.state.status).toEqual({ kind: "invalid" });
    expect(none.state.flight).toBeNull();
    expect(none.effects).toEqual([]);
    expect(none.state.pending.has("f.ferritin")).toBe(true);
    const general = { key: "draft.reasonRequired" };
    const whole = reduceSave(typed, { type: "built", patch: patchOf(typed), sent: [], invalid: true, general }, T);
    expect(whole.state.status).toEqual({ kind: "error", message: general, retrying: false });
  });

  it("accepted from the pre-fill panel: its path travels with its key's patch, until stored", () => {
    const s = play(
      startSession(STORED, 1),
      { type: "prefillAccepted", path: "ferritin" },
      { type: "prefillAccepted", path: "treatment_lines.r1" },
      { type: "prefillAccepted", path: "Not a path" },
      { type: "changed", key: "f.ferritin" },
      { type: "flush" },
    ).state;
    expect([...s.prefilled].sort()).toEqual(["ferritin", "treatment_lines.r1"]);
    const sent = reduceSave(s, builtAll(s), T);
    expect(sent.effects).toEqual([{ type: "send", patch: { ...patchOf(s), prefilled: ["ferritin"] } }]);
    const after = reduceSave(sent.state, stored(2, STORED), T).state;
    expect([...after.prefilled]).toEqual(["treatment_lines.r1"]);
  });
});

describe("save session: the server's answer", () => {
  it("stored: the session follows the new version; the answers are shown; said saved at the server's time", () => {
    const s = sending();
    const answers: CaseAnswers = { fields: { ferritin: { v: 13000 } }, blocks: {} };
    const got = reduceSave(s, stored(4, answers, [], "2026-12-06T10:00:00.000Z"), T);
    expect(got.state.version).toBe(4);
    expect(got.state.saved).toBe(answers);
    expect(got.effects[0]).toEqual({ type: "persist" });
    expect(got.effects[1]).toMatchObject({ type: "show", before: STORED, answers });
    expect(got.state.status).toEqual({ kind: "saving" });
    const shown = reduceSave(got.state, { type: "shown", shown: answers, now: "2026-12-06T11:00:00.000Z" }, T);
    expect(shown.state.status).toEqual({ kind: "saved", at: "2026-12-06T10:00:00.000Z" });
    expect(shown.state.flight).toBeNull();
    expect(shown.effects).toEqual([]);
  });

  it("stored without a time: said saved now; with changes held back: said invalid", () => {
    const noTime = play(sending(), stored(4, STORED), { type: "shown", shown: STORED, now: "N" }).state;
    expect(noTime.status).toEqual({ kind: "saved", at: "N" });
    const typed = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }, { type: "flush" }).state;
    const partly = play(
      typed,
      { type: "built", patch: patchOf(typed), sent: ["f.ferritin"], invalid: true },
      stored(2, STORED),
      { type: "shown", shown: STORED, now: "N" },
    ).state;
    expect(partly.status).toEqual({ kind: "invalid" });
  });

  it("a change typed meanwhile: still 'saving', its path not overwritten by the answer, and saved next", () => {
    const s = play(sending(), { type: "changed", key: "b.treatment_lines", path: "treatment_lines.r1.drug" });
    expect(s.state.status).toEqual({ kind: "saving" });
    expect(s.state.touched.has("treatment_lines.r1.drug")).toBe(true);
    const got = reduceSave(s.state, stored(4, STORED), T);
    const show = got.effects.find((e) => e.type === "show");
    expect(show).toMatchObject({ type: "show" });
    if (show?.type !== "show") return;
    expect(show.touched.has("treatment_lines.r1.drug")).toBe(true);
    expect(show.typing.has("b.treatment_lines")).toBe(true);
    // The timer set by the change fired during the save and found it on its way: the next save is planned after it.
    const fired = reduceSave(got.state, { type: "flush", timer: true }, T).state;
    expect(fired.flight?.stage).toBe("showing");
    const done = reduceSave(fired, { type: "shown", shown: STORED, now: "N" }, T);
    expect(done.effects).toEqual([{ type: "schedule", ms: 800 }]);
    expect([...done.state.pending]).toEqual(["b.treatment_lines"]);
  });

  it("saved but the page could not show it: said so, not as a lost connection, and not sent again", () => {
    const s = play(sending(), stored(4, STORED), { type: "showFailed" }).state;
    expect(s.status).toEqual({ kind: "error", message: { key: "generic.savedNotShown" }, retrying: false });
    expect(s.version).toBe(4);
    expect(s.pending.size).toBe(0);
    expect(s.flight).toBeNull();
  });

  it("refused by the rules: messages under the fields, no longer pending (not put back after a reload)", () => {
    const errors = { ferritin: [{ key: "rules.max" }] };
    const got = reduceSave(sending(), { type: "refused", errors }, T);
    expect(got.state.status).toEqual({ kind: "invalid" });
    expect(got.state.pending.has("f.ferritin")).toBe(false);
    expect(got.effects).toEqual([{ type: "persist" }, { type: "showErrors", errors }]);
  });

  it("refused as a whole (record locked, reason, a block): said in the status line, not retried", () => {
    const wholes: FieldErrors[] = [
      { _form: [{ key: "case.locked" }] },
      { reason: [{ key: "draft.reasonRequired" }] },
      { treatment_lines: [{ key: "rules.maxRows" }], ferritin: [{ key: "rules.max" }] },
    ];
    for (const errors of wholes) {
      const got = reduceSave(sending(), { type: "refused", errors }, T);
      expect(got.state.status).toEqual({ kind: "error", message: Object.values(errors)[0]![0], retrying: false });
      expect(got.effects.some((e) => e.type === "schedule")).toBe(false);
    }
  });

  it("no connection: the change is pending again, said so, and retried in 5 s", () => {
    const got = reduceSave(sending(), { type: "networkFailed" }, T);
    expect(got.state.status).toEqual({ kind: "error", message: { key: "generic.network" }, retrying: true });
    expect(got.state.pending.has("f.ferritin")).toBe(true);
    expect(got.effects).toEqual([{ type: "schedule", ms: 5000 }]);
    const retry = reduceSave(got.state, { type: "flush", timer: true }, T);
    expect(retry.effects).toEqual([{ type: "build", reason: undefined }]);
  });

  it("server unavailable: pending again, its message said, retried in 5 s", () => {
    const message = { key: "generic.unavailable" };
    const got = reduceSave(sending(), { type: "unavailable", status: 503, message }, T);
    expect(got.state.status).toEqual({ kind: "error", message, retrying: true });
    expect(got.state.pending.has("f.ferritin")).toBe(true);
    expect(got.effects).toEqual([{ type: "persist" }, { type: "schedule", ms: 5000 }]);
  });

  it("signed out or forbidden: pending again and kept in the tab, not said as retrying, and not asked again", () => {
    for (const status of [401, 403]) {
      const got = reduceSave(sending(), { type: "unavailable", status }, T);
      expect(got.state.status).toEqual({ kind: "error", message: { key: "generic.network" }, retrying: false });
      expect(got.state.pending.has("f.ferritin")).toBe(true);
      expect(got.state.flight).toBeNull();
      // The same answer would come back: no timer (a loop of refused saves every 800 ms before).
      expect(got.effects).toEqual([{ type: "persist" }]);
      // The next change, or the retry button, tries again.
      const typed = reduceSave(got.state, { type: "changed", key: "f.crp" }, T);
      expect(typed.effects).toContainEqual({ type: "schedule", ms: T.delayMs });
      expect(reduceSave(got.state, { type: "flush" }, T).effects).toEqual([{ type: "build", reason: undefined }]);
    }
  });

  it("a fault in the page: nothing dropped, said as such, retried in 5 s", () => {
    const preparing = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }, { type: "flush" }).state;
    for (const s of [preparing, sending()]) {
      const got = reduceSave(s, { type: "pageFailed" }, T);
      expect(got.state.status).toEqual({ kind: "error", message: { key: "generic.clientFault" }, retrying: true });
      expect(got.state.pending.has("f.ferritin")).toBe(true);
      expect(got.state.flight).toBeNull();
      expect(got.effects).toEqual([{ type: "persist" }, { type: "schedule", ms: 5000 }]);
    }
  });
});

describe("save session: conflicts", () => {
  const theirs: CaseAnswers = { fields: { ferritin: { v: 9000 } }, blocks: {} };
  const mine: CaseAnswers = { fields: { ferritin: { v: 13000 } }, blocks: {} };
  const withConflict = () =>
    play(sending(), stored(5, theirs, [fieldConflict]), { type: "shown", shown: mine, now: "N" }).state;

  it("someone else's save overtook a change: both sides kept until chosen, the user's side not overwritten", () => {
    const got = reduceSave(sending(), stored(5, theirs, [fieldConflict]), T);
    const show = got.effects.find((e) => e.type === "show");
    expect(show?.type === "show" && show.typing.has("f.ferritin")).toBe(true);
    expect(withConflict().conflicts).toEqual([{ ...fieldConflict, mine: { v: 13000 }, theirs: { v: 9000 } }]);
    expect(hasUnsaved(withConflict())).toBe(true);
  });

  it("a conflict whose sides became equal is gone", () => {
    const s = play(sending(), stored(5, theirs, [fieldConflict]), { type: "shown", shown: theirs, now: "N" }).state;
    expect(s.conflicts).toEqual([]);
  });

  it("typing over the value settles it as the user's", () => {
    const s = reduceSave(withConflict(), { type: "changed", key: "f.ferritin", path: "ferritin" }, T).state;
    expect(s.conflicts).toEqual([]);
  });

  it("'keep mine' sends the user's value over theirs now; 'keep theirs' puts theirs in the form", () => {
    const s = withConflict();
    const c = s.conflicts[0]!;
    const mineStep = reduceSave(s, { type: "resolved", conflict: c, choice: "mine" }, T);
    expect(mineStep.state.conflicts).toEqual([]);
    expect(mineStep.state.pending.has("f.ferritin")).toBe(true);
    expect(mineStep.effects).toEqual([{ type: "flush" }]);
    const theirsStep = reduceSave(s, { type: "resolved", conflict: c, choice: "theirs" }, T);
    expect(theirsStep.state.conflicts).toEqual([]);
    expect(theirsStep.state.pending.size).toBe(0);
    expect(theirsStep.effects).toEqual([{ type: "takeTheirs", conflict: c }]);
  });

  it("'keep mine' on a row queues its whole block", () => {
    const s = { ...startSession(STORED, 1), conflicts: [rowConflict] };
    const got = reduceSave(s, { type: "resolved", conflict: rowConflict, choice: "mine" }, T);
    expect([...got.state.pending]).toEqual(["b.treatment_lines"]);
  });
});

describe("save session: changes kept in the tab", () => {
  it("put back: pending, saved after the pause, and the user told how many, and how many others overtook", () => {
    const got = reduceSave(
      startSession(STORED, 1),
      { type: "restored", keys: ["f.ferritin"], restored: 1, overtaken: 2 },
      T,
    );
    expect(got.state.unsent).toEqual({ restored: 1, overtaken: 2 });
    expect([...got.state.pending]).toEqual(["f.ferritin"]);
    expect(got.effects).toEqual([{ type: "persist" }, { type: "schedule", ms: 800 }]);
  });

  it("none kept: nothing said, nothing written", () => {
    const s = startSession(STORED, 1);
    expect(reduceSave(s, { type: "restored", keys: [], restored: 0, overtaken: 0 }, T)).toEqual({
      state: s,
      effects: [],
    });
  });
});

describe("generalOf", () => {
  it("prefers the whole save, then the reason, then a block; a field's message is not general", () => {
    expect(generalOf({ ferritin: [{ key: "a" }] })).toBeUndefined();
    expect(generalOf({ reason: [{ key: "r" }], _form: [{ key: "f" }] })).toEqual({ key: "f" });
    expect(generalOf({ ferritin: [{ key: "a" }], treatment_lines: [{ key: "b" }] })).toEqual({ key: "b" });
  });
});

// ---- Generated ----------------------------------------------------------------------------------

const KEYS = ["f.ferritin", "f.weight_kg", "b.treatment_lines"] as const;
const PATHS = ["ferritin", "weight_kg", "treatment_lines.r1.drug", "treatment_lines.r1", undefined] as const;
const CONFLICTS: Conflict[][] = [[], [fieldConflict], [rowConflict], [fieldConflict, rowConflict]];
const ANSWERS: CaseAnswers[] = [STORED, { fields: { ferritin: { v: 13000 } }, blocks: {} }, { fields: {}, blocks: {} }];
const ERRORS: FieldErrors[] = [
  { ferritin: [{ key: "x" }] },
  { _form: [{ key: "locked" }] },
  { treatment_lines: [{ key: "rows" }] },
];

/** An event, or a recipe for one that depends on the state (the form's answer to "build", a listed conflict). */
type Move =
  | SaveEvent
  | { type: "build"; how: "all" | "some" | "none" | "whole" }
  | { type: "choose"; index: number; mine: boolean };

// The moves of a save that goes through (type, save, build) come more often, so that sequences reach
// every stage and then meet every answer there.
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ arbitrary, weight: 3 });
const move: fc.Arbitrary<Move> = fc.oneof(
  often(
    fc.record({
      type: fc.constant("changed" as const),
      key: fc.constantFrom(...KEYS),
      path: fc.constantFrom(...PATHS),
    }),
  ),
  often(
    fc.record({
      type: fc.constant("flush" as const),
      timer: fc.boolean(),
      reason: fc.constantFrom(undefined, "", " ", "typo"),
    }),
  ),
  often(
    fc.record({
      type: fc.constant("build" as const),
      how: fc.constantFrom("all" as const, "some" as const, "none" as const, "whole" as const),
    }),
  ),
  fc.record({
    type: fc.constant("stored" as const),
    version: fc.nat(50),
    answers: fc.constantFrom(...ANSWERS),
    conflicts: fc.constantFrom(...CONFLICTS),
    savedAt: fc.constantFrom(undefined, "2026-12-06T10:00:00.000Z"),
  }),
  fc.record({ type: fc.constant("refused" as const), errors: fc.constantFrom(...ERRORS) }),
  fc.record({
    type: fc.constant("unavailable" as const),
    status: fc.constantFrom(200, 401, 403, 409, 500, 503),
    message: fc.constantFrom(undefined, { key: "down" }),
  }),
  fc.constantFrom<SaveEvent>({ type: "networkFailed" }, { type: "showFailed" }, { type: "pageFailed" }),
  often(fc.record({ type: fc.constant("shown" as const), shown: fc.constantFrom(...ANSWERS), now: fc.constant("N") })),
  fc.record({
    type: fc.constant("restored" as const),
    keys: fc.subarray([...KEYS]),
    restored: fc.nat(3),
    overtaken: fc.nat(3),
  }),
  fc.record({ type: fc.constant("choose" as const), index: fc.nat(3), mine: fc.boolean() }),
  fc.record({
    type: fc.constant("prefillAccepted" as const),
    path: fc.constantFrom("ferritin", "treatment_lines.r1", "X y"),
  }),
);

/** The event a move stands for in state `s`, as the hook would send it. */
function eventOf(m: Move, s: SaveSession): SaveEvent {
  if (m.type === "build") {
    const pending = [...s.pending];
    const sent = m.how === "all" ? pending : m.how === "some" ? pending.slice(1) : [];
    const general = m.how === "whole" ? { key: "whole" } : undefined;
    return { type: "built", patch: patchOf(s), sent, invalid: sent.length < pending.length || !!general, general };
  }
  if (m.type === "choose") {
    const conflict = s.conflicts[m.index] ?? fieldConflict;
    return { type: "resolved", conflict, choice: m.mine ? "mine" : "theirs" };
  }
  return m;
}

const plain = (s: SaveSession) =>
  JSON.stringify(s, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)] : v));

const STATUS_KINDS = ["idle", "pending", "saving", "saved", "invalid", "reason", "error"];

describe("save session: generated sequences", () => {
  it("every event in every reachable state gives a state: nothing lost, nothing silent, the old state untouched", () => {
    fc.assert(
      fc.property(
        fc.array(move, { minLength: 10, maxLength: 80 }),
        fc.constantFrom(undefined, "typo", ""),
        (moves, reason) => {
          let s = startSession(STORED, 1);
          for (const m of moves) {
            const queue: SaveEvent[] = [eventOf(m, s)];
            while (queue.length > 0) {
              const e = queue.shift()!;
              const before = plain(s);
              const { state, effects } = reduceSave(s, e, T);
              expect(plain(s)).toBe(before);
              expect(STATUS_KINDS).toContain(state.status.kind);
              // A save on its way is said "saving"; nothing else is.
              if (state.status.kind === "saving") expect(["sending", "showing"]).toContain(state.flight?.stage);
              if (state.flight === null) expect(state.status.kind).not.toBe("saving");
              // A failed request gives back every change it carried.
              if (s.flight?.stage === "sending" && ["networkFailed", "unavailable", "pageFailed"].includes(e.type))
                for (const k of s.flight.sent) expect(state.pending.has(k)).toBe(true);
              // Only the server's answer moves the version.
              if (e.type !== "stored" || s.flight?.stage !== "sending") expect(state.version).toBe(s.version);
              // "Save now" effects are carried out at once, with the reason the page has.
              for (const f of effects) if (f.type === "flush") queue.push({ type: "flush", reason });
              s = state;
            }
            // Changes waiting with no save planned or on its way: the status line says why.
            if (s.pending.size > 0 && s.flight === null && !s.planned) {
              const said =
                s.status.kind === "reason" ||
                s.status.kind === "invalid" ||
                // A refusal of the whole patch; "saved, reload to see it" says nothing of what is still waiting.
                (s.status.kind === "error" && !s.status.retrying && s.status.message.key !== "generic.savedNotShown");
              expect(said, `status ${JSON.stringify(s.status)} with ${plain(s)}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("an answer arriving in a stage it does not belong to changes nothing", () => {
    const typed = play(startSession(STORED, 1), { type: "changed", key: "f.ferritin" }).state;
    const preparing = reduceSave(typed, { type: "flush" }, T).state;
    const send = sending();
    const showing = reduceSave(send, stored(2, STORED), T).state;
    const states = { idle: startSession(STORED, 1), typed, preparing, sending: send, showing };
    const answers: Record<string, SaveEvent> = {
      built: builtAll(typed),
      stored: stored(9, STORED),
      refused: { type: "refused", errors: ERRORS[0]! },
      unavailable: { type: "unavailable", status: 500 },
      networkFailed: { type: "networkFailed" },
      shown: { type: "shown", shown: STORED, now: "N" },
      showFailed: { type: "showFailed" },
    };
    const stageOf: Record<string, string> = {
      built: "preparing",
      stored: "sending",
      refused: "sending",
      unavailable: "sending",
      networkFailed: "sending",
      shown: "showing",
      showFailed: "showing",
    };
    for (const [name, s] of Object.entries(states))
      for (const [type, e] of Object.entries(answers)) {
        const step = reduceSave(s, e, T);
        if (s.flight?.stage === stageOf[type]) expect(step.state, `${type} in ${name}`).not.toBe(s);
        else expect(step, `${type} in ${name}`).toEqual({ state: s, effects: [] });
      }
  });
});
