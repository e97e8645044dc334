// Changes not yet stored are kept in the tab (sessionStorage) and put back after a reload only
// while nobody else changed those answers; sign-out clears everything this app kept.
import { describe, expect, it } from "vitest";
import type { CaseAnswers } from "@/domain/crf/answers";
import {
  clearUnsentChanges,
  entryFor,
  parseSaveKey,
  readUnsent,
  restorable,
  saveKeyOf,
  writeUnsent,
} from "@/components/crf/unsent-changes";

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key = (i: number) => [...this.items.keys()][i] ?? null;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

const stored: CaseAnswers = { fields: { ferritin: { v: 12000 } }, blocks: { treatment_lines: [] } };

describe("unsent changes kept in the tab", () => {
  it("round-trips, and an empty set removes the entry", () => {
    const s = new MemoryStorage();
    writeUnsent(
      "c1",
      { "f.ferritin": entryFor("f.ferritin", stored, { value: "13000", unit: "ug_l", code: "", confirmed: false }) },
      s,
    );
    expect(readUnsent("c1", s)["f.ferritin"]?.from).toEqual({ v: 12000 });
    writeUnsent("c1", {}, s);
    expect(s.length).toBe(0);
  });

  it("puts back a change only while the stored answer is still the one it was typed over", () => {
    const kept = {
      "f.ferritin": entryFor("f.ferritin", stored, { value: "13000" }),
      "f.triglycerides": entryFor("f.triglycerides", stored, { value: "3,2" }),
      "b.treatment_lines": entryFor("b.treatment_lines", stored, [{ rowId: "r1", values: {} }]),
    };
    const same = restorable(kept, stored);
    expect(same.restore.map(([k]) => k).sort()).toEqual(["b.treatment_lines", "f.ferritin", "f.triglycerides"]);
    const changed: CaseAnswers = {
      fields: { ferritin: { v: 9000 }, triglycerides: { v: 2 } },
      blocks: { treatment_lines: [] },
    };
    const after = restorable(kept, changed);
    expect(after.restore.map(([k]) => k)).toEqual(["b.treatment_lines"]);
    expect(after.overtaken.sort()).toEqual(["f.ferritin", "f.triglycerides"]);
  });

  it("ignores keys it did not write and unreadable content", () => {
    const s = new MemoryStorage();
    s.setItem("dmsam.unsent.c2", "{not json");
    expect(readUnsent("c2", s)).toEqual({});
    expect(restorable({ "__proto__.x": { from: null, state: 1 }, "f.a b": { from: null, state: 1 } }, stored)).toEqual({
      restore: [],
      overtaken: [],
    });
  });

  it("sign-out clears every case's kept changes and nothing else", () => {
    const s = new MemoryStorage();
    writeUnsent("c1", { "f.ferritin": { from: null, state: {} } }, s);
    writeUnsent("c2", { "f.ferritin": { from: null, state: {} } }, s);
    s.setItem("other.app", "x");
    clearUnsentChanges(s);
    expect(s.length).toBe(1);
    expect(s.getItem("other.app")).toBe("x");
  });
});

describe("the keys changes are kept under", () => {
  it("read back what saveKeyOf writes; anything else is no key", () => {
    expect(parseSaveKey(saveKeyOf("f", "ferritin"))).toEqual({ root: "f", id: "ferritin" });
    expect(parseSaveKey(saveKeyOf("b", "treatment_lines"))).toEqual({ root: "b", id: "treatment_lines" });
    for (const key of ["x.ferritin", "f.", "f.a.b", "f.fer-ritin", "ferritin", ""])
      expect(parseSaveKey(key)).toBeUndefined();
  });
});
