// The one external store the form's readers share (src/components/crf/store.ts), and the record
// issues kept in it per path (issue-store.ts): a reader hears of a write only when its part changed.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { RecordIssue } from "@/domain/crf/issues";
import { createIssueStore, indexIssues, issuesAt } from "@/components/crf/issue-store";
import { createStore, useStore } from "@/components/crf/store";

const shown = createStore({ status: "saved", conflicts: [] as string[] });
function Status() {
  return createElement(
    "p",
    null,
    useStore(shown, (s) => s.status),
  );
}

describe("createStore", () => {
  it("gives the value set, from a value or from the current one", () => {
    const store = createStore({ n: 1 });
    store.set({ n: 2 });
    expect(store.get()).toEqual({ n: 2 });
    store.set((v) => ({ n: v.n + 1 }));
    expect(store.get()).toEqual({ n: 3 });
  });

  it("tells its listeners of a new value, not of the same one, and no more once they leave", () => {
    const value = { n: 1 };
    const store = createStore(value);
    let heard = 0;
    const leave = store.subscribe(() => heard++);
    store.set(value);
    store.set((v) => v);
    expect(heard).toBe(0);
    store.set({ n: 1 });
    expect(heard).toBe(1);
    leave();
    store.set({ n: 2 });
    expect(heard).toBe(1);
  });

  it("a listener leaving while others are told does not make the next one miss the value", () => {
    const store = createStore(0);
    const heard: string[] = [];
    const leaveA = store.subscribe(() => {
      heard.push("a");
      leaveA();
    });
    store.subscribe(() => heard.push("b"));
    store.set(1);
    store.set(2);
    expect(heard).toEqual(["a", "b", "b"]);
  });

  it("useStore reads the part a component selects", () => {
    expect(renderToString(createElement(Status))).toBe("<p>saved</p>");
    shown.set({ ...shown.get(), status: "saving" });
    expect(renderToString(createElement(Status))).toBe("<p>saving</p>");
  });
});

const issue = (path: string, key: string): RecordIssue => ({ path, key, level: "warning" });

describe("record issues by path", () => {
  it("groups issues by their path; a path without issues reads the same empty list each time", () => {
    const index = indexIssues(new Map(), [issue("a", "x"), issue("b", "y"), issue("a", "z")]);
    expect(issuesAt(index, "a").map((i) => i.key)).toEqual(["x", "z"]);
    expect(issuesAt(index, "none")).toBe(issuesAt(index, "other"));
  });

  it("nothing changed: the same index, so no reader hears of it", () => {
    const store = createIssueStore();
    const found = [issue("a", "x"), issue("b", "y")];
    store.set((i) => indexIssues(i, found));
    const first = store.get();
    let heard = 0;
    store.subscribe(() => heard++);
    store.set((i) => indexIssues(i, [issue("a", "x"), issue("b", "y")]));
    expect(store.get()).toBe(first);
    expect(heard).toBe(0);
  });

  it("one path changed: only its list is new; a path gone is gone", () => {
    const before = indexIssues(new Map(), [issue("a", "x"), issue("b", "y")]);
    const after = indexIssues(before, [issue("a", "x"), issue("b", "w")]);
    expect(after).not.toBe(before);
    expect(issuesAt(after, "a")).toBe(issuesAt(before, "a"));
    expect(issuesAt(after, "b")).not.toBe(issuesAt(before, "b"));
    const fewer = indexIssues(after, [issue("a", "x")]);
    expect(fewer).not.toBe(after);
    expect(issuesAt(fewer, "b")).toEqual([]);
  });
});
