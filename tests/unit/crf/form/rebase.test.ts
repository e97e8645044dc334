// The form's side of concurrent editing (src/components/crf/form-model.ts and
// conflict-model.ts): what a block shows after a save, what a patch holds back
// while a conflict is unsettled, and how conflicts follow later saves.
import { describe, expect, it } from "vitest";
import type { BlockRow, CaseAnswers } from "@/domain/crf/answers";
import { blockById } from "@/domain/crf/definition";
import type { Conflict } from "@/domain/crf/merge";
import {
  conflictCovers,
  holdBackConflicts,
  reconcileConflicts,
  settledByTyping,
} from "@/components/crf/conflict-model";
import { insertRow, rebaseRows, rowToState, type RowState } from "@/components/crf/form-model";
import { row } from "../engine/helpers";

const FIELDS = blockById("treatment_lines")!.fields;
const B = "treatment_lines";
const state = (r: BlockRow): RowState => rowToState(FIELDS, r);
const typed = (r: RowState, field: string, value: string): RowState => ({
  rowId: r.rowId,
  values: { ...r.values, [field]: { ...r.values[field]!, value } },
});
const nothingKept = () => false;
const ids = (rows: readonly RowState[]) => rows.map((r) => r.rowId);

const r1 = row("r1", { drug: "anakinra", dose_value: 200 });
const r2 = row("r2", { drug: "etoposide", dose_value: 150 });

describe("rebaseRows: what a block shows after a save", () => {
  it("takes the server's values where the user changed nothing, and returns untouched rows as the same objects", () => {
    const shown = [state(r1), state(r2)];
    const server = [row("r1", { drug: "anakinra", dose_value: 200, route: "iv" }), r2];
    const out = rebaseRows(FIELDS, B, [r1, r2], shown, server, nothingKept);
    expect(out[0]?.values.route?.value).toBe("iv");
    expect(out[0]?.values.dose_value).toBe(shown[0]?.values.dose_value);
    expect(out[1]).toBe(shown[1]);
  });

  it("keeps what the user changed since the last save as typed, in the same row as someone else's change", () => {
    const shown = [typed(state(r1), "dose_value", "250"), state(r2)];
    const server = [row("r1", { drug: "anakinra", dose_value: 200, route: "iv" }), r2];
    const out = rebaseRows(FIELDS, B, [r1, r2], shown, server, nothingKept);
    expect(out[0]?.values.dose_value?.value).toBe("250");
    expect(out[0]?.values.route?.value).toBe("iv");
  });

  it("keeps text that does not convert yet (being typed)", () => {
    const shown = [typed(state(r1), "dose_value", "20,,"), state(r2)];
    const out = rebaseRows(
      FIELDS,
      B,
      [r1, r2],
      shown,
      [row("r1", { drug: "anakinra", dose_value: 300 }), r2],
      nothingKept,
    );
    expect(out[0]?.values.dose_value?.value).toBe("20,,");
  });

  it("keeps the user's own notation when it stands for the stored value", () => {
    const shown = [typed(state(r1), "dose_value", "200,0"), state(r2)];
    const out = rebaseRows(FIELDS, B, [r1, r2], shown, [r1, r2], nothingKept);
    expect(out[0]).toBe(shown[0]);
  });

  it("adds someone else's rows where the server has them; the user's unsaved rows stay last", () => {
    const mine = state(row("m1", { drug: "ruxolitinib" }));
    const out = rebaseRows(
      FIELDS,
      B,
      [r1, r2],
      [state(r1), state(r2), mine],
      [r1, row("t1", { drug: "ciclosporin" }), r2],
      nothingKept,
    );
    expect(ids(out)).toEqual(["r1", "t1", "r2", "m1"]);
    expect(out[1]?.values.drug?.value).toBe("ciclosporin");
  });

  it("removes a row someone else deleted, unless the user changed it meanwhile", () => {
    expect(ids(rebaseRows(FIELDS, B, [r1, r2], [state(r1), state(r2)], [r2], nothingKept))).toEqual(["r2"]);
    const edited = typed(state(r1), "dose_value", "250");
    expect(ids(rebaseRows(FIELDS, B, [r1, r2], [edited, state(r2)], [r2], nothingKept))).toEqual(["r2", "r1"]);
  });

  it("a row the user deleted stays deleted until the save that sends it", () => {
    expect(
      ids(
        rebaseRows(
          FIELDS,
          B,
          [r1, r2],
          [state(r2)],
          [row("r1", { drug: "anakinra", dose_value: 250 }), r2],
          nothingKept,
        ),
      ),
    ).toEqual(["r2"]);
  });

  it("keep() protects a field or a whole row (a conflict, or typing back the old value during the save)", () => {
    const server = [row("r1", { drug: "anakinra", dose_value: 300 }), r2];
    const field = rebaseRows(
      FIELDS,
      B,
      [r1, r2],
      [state(r1), state(r2)],
      server,
      (p) => p === "treatment_lines.r1.dose_value",
    );
    expect(field[0]?.values.dose_value?.value).toBe("200");
    const wholeRow = rebaseRows(FIELDS, B, [r1, r2], [state(r1), state(r2)], [r2], (p) => p === "treatment_lines.r1");
    expect(ids(wholeRow)).toEqual(["r2", "r1"]);
  });

  it("insertRow puts a row back at its stored position, before rows not stored yet", () => {
    const mine = state(row("m1", {}));
    expect(ids(insertRow([state(r2), mine], state(r1), ["r1", "r2"]))).toEqual(["r1", "r2", "m1"]);
    expect(ids(insertRow([state(r1), mine], state(r2), ["r1", "r2"]))).toEqual(["r1", "r2", "m1"]);
    expect(ids(insertRow([state(r1)], state(r2), ["r1", "r2"]))).toEqual(["r1", "r2"]);
  });
});

const doseConflict: Conflict = {
  kind: "rowField",
  path: "treatment_lines.r1.dose_value",
  block: B,
  rowId: "r1",
  field: "dose_value",
  mine: { v: 300 },
  theirs: { v: 250 },
};
const stored = (rows: BlockRow[], fields: CaseAnswers["fields"] = {}): CaseAnswers => ({
  fields,
  blocks: { treatment_lines: rows },
});

describe("holdBackConflicts: a patch never settles a conflict behind the user's back", () => {
  it("sends the stored answer for a conflicting row field, the user's value for the others", () => {
    const rows = [row("r1", { drug: "anakinra", dose_value: 300, route: "iv" }), r2];
    const out = holdBackConflicts(B, rows, [row("r1", { drug: "anakinra", dose_value: 250 }), r2], [doseConflict]);
    expect(out[0]?.values).toEqual({ drug: { v: "anakinra" }, dose_value: { v: 250 }, route: { v: "iv" } });
    expect(rows[0]?.values.dose_value).toEqual({ v: 300 });
  });

  it("a row deleted here but changed there is sent as stored; a row deleted there but changed here is not sent", () => {
    const theirs = row("r1", { drug: "anakinra", dose_value: 250 });
    const iDeleted: Conflict = { kind: "row", path: "treatment_lines.r1", block: B, rowId: "r1", mine: null, theirs };
    expect(holdBackConflicts(B, [r2], [theirs, r2], [iDeleted])).toEqual([r2, theirs]);
    const theyDeleted: Conflict = {
      kind: "row",
      path: "treatment_lines.r1",
      block: B,
      rowId: "r1",
      mine: r1,
      theirs: null,
    };
    expect(holdBackConflicts(B, [r1, r2], [r2], [theyDeleted])).toEqual([r2]);
  });

  it("leaves other blocks and field conflicts alone", () => {
    const field: Conflict = { kind: "field", path: "ferritin", mine: { v: 1 }, theirs: { v: 2 } };
    expect(holdBackConflicts("infections", [r1], [], [doseConflict, field])).toEqual([r1]);
  });
});

describe("reconcileConflicts: conflicts across saves", () => {
  it("keeps an unsettled conflict from an earlier save, with the stored side as it is now", () => {
    const now = stored([row("r1", { drug: "anakinra", dose_value: 275 }), r2]);
    const shown = stored([row("r1", { drug: "anakinra", dose_value: 300 }), r2]);
    expect(reconcileConflicts([doseConflict], [], now, shown)).toEqual([{ ...doseConflict, theirs: { v: 275 } }]);
  });

  it("drops a conflict whose two sides became equal, or whose row the user removed", () => {
    const same = stored([row("r1", { drug: "anakinra", dose_value: 300 }), r2]);
    expect(reconcileConflicts([doseConflict], [], same, same)).toEqual([]);
    expect(reconcileConflicts([doseConflict], [], stored([r1, r2]), stored([r2]))).toEqual([]);
  });

  it("a conflicting field of a row deleted since becomes a conflict on the row", () => {
    const shown = stored([row("r1", { drug: "anakinra", dose_value: 300 }), r2]);
    expect(reconcileConflicts([doseConflict], [], stored([r2]), shown)).toEqual([
      {
        kind: "row",
        path: "treatment_lines.r1",
        block: B,
        rowId: "r1",
        mine: row("r1", { drug: "anakinra", dose_value: 300 }),
        theirs: null,
      },
    ]);
  });

  it("a new conflict replaces the earlier one on the same path; field conflicts follow the stored value", () => {
    const field: Conflict = { kind: "field", path: "ferritin", mine: { v: 1 }, theirs: { v: 2 } };
    const fresh: Conflict = { ...doseConflict, theirs: { v: 280 } };
    const now = stored([row("r1", { drug: "anakinra", dose_value: 280 }), r2], { ferritin: { v: 3 } });
    const shown = stored([row("r1", { drug: "anakinra", dose_value: 300 }), r2], { ferritin: { v: 1 } });
    expect(reconcileConflicts([doseConflict, field], [fresh], now, shown)).toEqual([
      fresh,
      { ...field, theirs: { v: 3 } },
    ]);
  });

  it("typing over a conflicting value settles it; conflictCovers tells which paths a conflict protects", () => {
    const rowConflict: Conflict = {
      kind: "row",
      path: "treatment_lines.r2",
      block: B,
      rowId: "r2",
      mine: r2,
      theirs: null,
    };
    const all = [doseConflict, rowConflict];
    expect(conflictCovers(all, "treatment_lines.r1.dose_value")).toBe(true);
    expect(conflictCovers(all, "treatment_lines.r1.route")).toBe(false);
    expect(conflictCovers(all, "treatment_lines.r2.route")).toBe(true);
    expect(settledByTyping(all, "treatment_lines.r1.route")).toBe(all);
    expect(settledByTyping(all, "treatment_lines.r1.dose_value")).toEqual([rowConflict]);
    expect(settledByTyping(all, "treatment_lines.r2.route")).toEqual([doseConflict]);
  });
});
