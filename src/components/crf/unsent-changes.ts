// Changes typed but not yet stored by the server, kept in the tab's
// sessionStorage so that a reload, a crash or a lost connection does not lose
// them. sessionStorage (not localStorage): it lives as long as the tab, is
// never shared with another tab or user, and is cleared at sign-out
// (clearUnsentChanges, called by the sign-out button and the sign-in page) —
// hospital PCs are shared. Each entry remembers the stored answer it was typed
// over, so a change is only put back while nobody else has changed that
// answer since.
import { sameAnswer, type BlockRow, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";

const PREFIX = "dmsam.unsent.";

/** What a pending change is keyed by: a top-level field ("f.<field>") or a whole block ("b.<block>"). */
export interface SaveKey {
  readonly root: "f" | "b";
  readonly id: string;
}

export const saveKeyOf = (root: SaveKey["root"], id: string): string => `${root}.${id}`;

/** The key's parts, or undefined for anything this module did not write. */
export function parseSaveKey(key: string): SaveKey | undefined {
  const m = /^([fb])\.([A-Za-z0-9_]+)$/.exec(key);
  return m ? { root: m[1] as SaveKey["root"], id: m[2]! } : undefined;
}

/** One pending change: "f.<field>" → a field's state, "b.<block>" → the block's rows. */
export interface UnsentEntry {
  /** What the server had stored when the change was typed. */
  readonly from: FieldAnswer | readonly BlockRow[] | null;
  /** The form's state for that key (FieldState or RowState[]), as typed. */
  readonly state: unknown;
}

export type UnsentChanges = Readonly<Record<string, UnsentEntry>>;

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    // Storage disabled by policy: nothing is kept, saving still works.
    return undefined;
  }
}

export function readUnsent(caseId: string, store: Storage | undefined = storage()): UnsentChanges {
  try {
    const raw = store?.getItem(PREFIX + caseId);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as UnsentChanges) : {};
  } catch {
    return {};
  }
}

export function writeUnsent(caseId: string, changes: UnsentChanges, store: Storage | undefined = storage()): void {
  try {
    if (Object.keys(changes).length === 0) store?.removeItem(PREFIX + caseId);
    else store?.setItem(PREFIX + caseId, JSON.stringify(changes));
  } catch {
    // Quota or policy: the change stays in the page and is still saved; only the reload safety net is lost.
  }
}

/** Everything this app kept in the browser (every case): at sign-out and on the sign-in page. */
export function clearUnsentChanges(store: Storage | undefined = storage()): void {
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  } catch {
    // Nothing readable, nothing to clear.
  }
}

function storedFor(key: SaveKey, answers: CaseAnswers): FieldAnswer | readonly BlockRow[] | null {
  return key.root === "f" ? (answers.fields[key.id] ?? null) : (answers.blocks[key.id] ?? []);
}

const sameStored = (a: FieldAnswer | readonly BlockRow[] | null, b: FieldAnswer | readonly BlockRow[] | null) =>
  Array.isArray(a) || Array.isArray(b)
    ? JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
    : sameAnswer(a as FieldAnswer | null, b as FieldAnswer | null);

/**
 * Splits what was kept into the changes that can be put back (the stored
 * answer is still the one they were typed over) and those someone else's save
 * has overtaken (dropped: they would overwrite a newer answer unseen).
 */
export function restorable(
  changes: UnsentChanges,
  answers: CaseAnswers,
): { restore: [string, unknown][]; overtaken: string[] } {
  const restore: [string, unknown][] = [];
  const overtaken: string[] = [];
  for (const [key, entry] of Object.entries(changes)) {
    const parsed = parseSaveKey(key);
    if (!parsed || !entry || typeof entry !== "object") continue;
    if (sameStored(entry.from ?? null, storedFor(parsed, answers))) restore.push([key, entry.state]);
    else overtaken.push(key);
  }
  return { restore, overtaken };
}

/** The entry to keep for `key` now: what it was typed over, and the state shown. */
export function entryFor(key: string, saved: CaseAnswers, state: unknown): UnsentEntry {
  const parsed = parseSaveKey(key);
  return { from: parsed ? storedFor(parsed, saved) : null, state };
}
