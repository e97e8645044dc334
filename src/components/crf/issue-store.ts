// Record-level issues (cross-field dates, doses, eligibility) computed once
// for the whole record and read per field: a field re-renders only when its
// own issues change.
import type { RecordIssue } from "@/domain/crf/issues";

const NONE: readonly RecordIssue[] = [];

export class IssueStore {
  private byPath = new Map<string, readonly RecordIssue[]>();
  private all: readonly RecordIssue[] = NONE;
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (path: string): readonly RecordIssue[] => this.byPath.get(path) ?? NONE;
  getAll = (): readonly RecordIssue[] => this.all;

  set(issues: readonly RecordIssue[]): void {
    const next = new Map<string, RecordIssue[]>();
    for (const i of issues) next.set(i.path, [...(next.get(i.path) ?? []), i]);
    let changed = next.size !== this.byPath.size;
    const merged = new Map<string, readonly RecordIssue[]>();
    for (const [path, list] of next) {
      const prev = this.byPath.get(path);
      // Keep the previous array when nothing changed, so subscribers skip rendering.
      if (prev && JSON.stringify(prev) === JSON.stringify(list)) merged.set(path, prev);
      else {
        merged.set(path, list);
        changed = true;
      }
    }
    if (!changed) return;
    this.byPath = merged;
    this.all = issues;
    for (const l of this.listeners) l();
  }
}
