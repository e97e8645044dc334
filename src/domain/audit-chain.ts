// Tamper evidence for the audit trail (ADR 0004, 0009, 0010). Each event's
// hash covers its content and the previous event's hash, so editing or
// removing any row breaks the chain. Since ADR 0009 the hash is an HMAC with a
// key kept outside the database, so whoever can write the database cannot
// re-hash an edited trail; and the chained content commits to the free values
// (old/new value, reason, data) through salted hashes (ADR 0010), so a
// redaction can blank a value while the chain still verifies.
// Pure functions; the database side is audit.server.ts and audit-verify.ts.
import { createHash, createHmac } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export { canonicalJson };

export const GENESIS_HASH = "0".repeat(64);

/** The four columns that may hold free text, each committed to by a salted hash in keyed events. */
export const VALUE_COLUMNS = ["oldValue", "newValue", "reason", "data"] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** The stored fields of one audit event (JSON columns kept as text). */
export interface ChainedEventContent {
  seq: number;
  at: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  centre: string | null;
  caseId: string | null;
  fieldPath: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  data: string | null;
}

/** An event as stored: its content, its link and hash, and (keyed events) key id, commitments, salts, redactions. */
export interface StoredAuditEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
  keyId?: string | null;
  commits?: string | null;
  salts?: string | null;
  redacted?: string | null;
}

/** HMAC keys by id; `currentId` signs new events and checkpoints, the others only verify (rotation). */
export interface AuditKeyring {
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, string>;
}

/** Legacy (ADR 0004) unkeyed hash: SHA-256 of the previous hash and the content with its values. */
export function eventHash(prevHash: string, content: ChainedEventContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

/** Salted commitment to one value: SHA-256(salt ‖ "\n" ‖ value). */
export function commitValue(salt: string, value: string): string {
  return createHash("sha256").update(salt).update("\n").update(value).digest("hex");
}

export type Commits = Partial<Record<ValueColumn, string | null>>;

/** What a keyed hash covers: the event without its values, with their commitments and the key id. */
function keyedPayload(content: ChainedEventContent, keyId: string, commits: Commits): string {
  const { oldValue: _o, newValue: _n, reason: _r, data: _d, ...header } = content;
  const committed = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, commits[c] ?? null]));
  return canonicalJson({ v: 2, ...header, keyId, commits: committed });
}

export function keyedEventHash(
  secret: string,
  prevHash: string,
  content: ChainedEventContent,
  keyId: string,
  commits: Commits,
): string {
  return createHmac("sha256", secret)
    .update(prevHash)
    .update("\n")
    .update(keyedPayload(content, keyId, commits))
    .digest("hex");
}

export interface SealedEvent {
  keyId: string;
  commits: string;
  salts: string;
  hash: string;
}

/** Seals a new event with the current key: a fresh salt per non-null value, its commitment, the HMAC. */
export function sealEvent(
  keyring: AuditKeyring,
  prevHash: string,
  content: ChainedEventContent,
  newSalt: () => string,
): SealedEvent {
  const secret = keyring.keys.get(keyring.currentId);
  if (!secret) throw new Error(`audit key ${keyring.currentId} is not in the keyring`);
  const commits: Commits = {};
  const salts: Partial<Record<ValueColumn, string>> = {};
  for (const column of VALUE_COLUMNS) {
    const value = content[column];
    if (value === null) continue;
    salts[column] = newSalt();
    commits[column] = commitValue(salts[column], value);
  }
  const hash = keyedEventHash(secret, prevHash, content, keyring.currentId, commits);
  return { keyId: keyring.currentId, commits: canonicalJson(commits), salts: canonicalJson(salts), hash };
}

/** One redacted column named by an audit.redacted event, with its text after redaction (null: wholly removed). */
export interface RedactionTarget {
  seq: number;
  column: ValueColumn;
  replacement: string | null;
}

/** The targets of an audit.redacted event's data; none when it is missing or not what a redaction writes. */
export function redactionTargetsOf(data: string | null): RedactionTarget[] {
  if (data === null) return [];
  try {
    const parsed = JSON.parse(data) as { targets?: RedactionTarget[] } | null;
    return Array.isArray(parsed?.targets) ? parsed.targets : [];
  } catch {
    return [];
  }
}

export type ChainBreak = "hash" | "link" | "gap" | "unkeyed" | "key" | "redaction";

const parseObject = (text: string | null | undefined): Record<string, unknown> => {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const parseList = (text: string | null | undefined): string[] => {
  try {
    const value: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
};

/**
 * The walk along the chain, one event at a time in seq order. Legacy unkeyed
 * events are accepted only as a prefix (before the first keyed event): an
 * unkeyed event after it is a forgery by someone without the key. A blanked
 * value must be marked redacted and named by a later audit.redacted event.
 */
export class ChainWalk {
  lastHash = GENESIS_HASH;
  lastSeq = 0;
  count = 0;
  /** Seq of the last legacy (unkeyed) event; 0 when none. */
  legacyUntil = 0;
  private keyedSeen = false;
  /** Blanked columns not yet named by a redaction event: "seq:column" → seq. */
  private readonly unexplained = new Map<string, number>();

  constructor(private readonly keyring: AuditKeyring | null) {}

  step(e: StoredAuditEvent): { seq: number; why: ChainBreak } | null {
    const expectedSeq = this.lastSeq + 1;
    if (e.seq !== expectedSeq) return { seq: expectedSeq, why: "gap" };
    if (e.prevHash !== this.lastHash) return { seq: e.seq, why: "link" };
    const content: ChainedEventContent = {
      seq: e.seq,
      at: e.at,
      type: e.type,
      actorId: e.actorId,
      actorRole: e.actorRole,
      centre: e.centre,
      caseId: e.caseId,
      fieldPath: e.fieldPath,
      oldValue: e.oldValue,
      newValue: e.newValue,
      reason: e.reason,
      data: e.data,
    };
    if (!e.keyId) {
      if (this.keyedSeen) return { seq: e.seq, why: "unkeyed" };
      if (eventHash(this.lastHash, content) !== e.hash) return { seq: e.seq, why: "hash" };
      this.legacyUntil = e.seq;
    } else {
      const secret = this.keyring?.keys.get(e.keyId);
      if (!secret) return { seq: e.seq, why: "key" };
      const commits = parseObject(e.commits) as Commits;
      if (keyedEventHash(secret, this.lastHash, content, e.keyId, commits) !== e.hash)
        return { seq: e.seq, why: "hash" };
      const broken = this.checkValues(e, content, commits);
      if (broken) return broken;
      this.keyedSeen = true;
    }
    this.lastHash = e.hash;
    this.lastSeq = e.seq;
    this.count += 1;
    return null;
  }

  private checkValues(
    e: StoredAuditEvent,
    content: ChainedEventContent,
    commits: Commits,
  ): { seq: number; why: ChainBreak } | null {
    const salts = parseObject(e.salts);
    const redacted = new Set(parseList(e.redacted));
    for (const column of VALUE_COLUMNS) {
      const committed = commits[column] ?? null;
      const value = content[column];
      if (committed === null) {
        if (value !== null) return { seq: e.seq, why: "hash" };
        continue;
      }
      if (value === null) {
        // Blanked: only a redaction may do that, and it must say so.
        if (!redacted.has(column)) return { seq: e.seq, why: "hash" };
        this.unexplained.set(`${e.seq}:${column}`, e.seq);
        continue;
      }
      const salt = salts[column];
      if (typeof salt !== "string" || commitValue(salt, value) !== committed) return { seq: e.seq, why: "hash" };
    }
    if (e.type === "audit.redacted") {
      for (const t of redactionTargetsOf(e.data)) {
        if (t.seq < e.seq) this.unexplained.delete(`${t.seq}:${t.column}`);
      }
    }
    return null;
  }

  /** After the last event: the first blanked value that no redaction event names. */
  unexplainedRedaction(): { seq: number; why: ChainBreak } | null {
    const seqs = [...this.unexplained.values()];
    return seqs.length ? { seq: Math.min(...seqs), why: "redaction" } : null;
  }
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number; why: ChainBreak };

/** Walks events in seq order and names the first one whose hash, link or redaction is wrong. */
export function verifyChain(events: Iterable<StoredAuditEvent>, keyring: AuditKeyring | null = null): ChainCheck {
  const walk = new ChainWalk(keyring);
  for (const e of events) {
    const broken = walk.step(e);
    if (broken) return { ok: false, count: walk.count, brokenAtSeq: broken.seq, why: broken.why };
  }
  const unexplained = walk.unexplainedRedaction();
  if (unexplained) return { ok: false, count: walk.count, brokenAtSeq: unexplained.seq, why: unexplained.why };
  return { ok: true, count: walk.count };
}
