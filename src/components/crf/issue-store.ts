// Record-level issues (cross-field dates, doses, eligibility) computed once
// for the whole record and read per field: a field re-renders only when its
// own issues change.
import type { RecordIssue } from "@/domain/crf/issues";
import { createStore, useStore, type Store } from "./store";

const NONE: readonly RecordIssue[] = [];

/** The issues by record path. */
export type IssueIndex = ReadonlyMap<string, readonly RecordIssue[]>;

export type IssueStore = Store<IssueIndex>;

export const createIssueStore = (): IssueStore => createStore<IssueIndex>(new Map());

/**
 * The issues grouped by path. A path whose issues did not change keeps its
 * previous array, and an index where nothing changed is returned as it was,
 * so that neither the store nor a field hears of it.
 */
export function indexIssues(previous: IssueIndex, issues: readonly RecordIssue[]): IssueIndex {
  const next = new Map<string, RecordIssue[]>();
  for (const i of issues) next.set(i.path, [...(next.get(i.path) ?? []), i]);
  let changed = next.size !== previous.size;
  const merged = new Map<string, readonly RecordIssue[]>();
  for (const [path, list] of next) {
    const prev = previous.get(path);
    if (prev && JSON.stringify(prev) === JSON.stringify(list)) merged.set(path, prev);
    else {
      merged.set(path, list);
      changed = true;
    }
  }
  return changed ? merged : previous;
}

export const issuesAt = (index: IssueIndex, path: string): readonly RecordIssue[] => index.get(path) ?? NONE;

/** One path's issues: the reader re-renders only when they change. */
export function usePathIssues(store: IssueStore, path: string): readonly RecordIssue[] {
  return useStore(store, (index) => issuesAt(index, path));
}
