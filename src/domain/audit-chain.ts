// Tamper evidence for the audit trail: each event's hash covers its content
// and the previous event's hash, so editing or removing any row breaks every
// hash after it. Pure functions; the database side is audit.server.ts.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export { canonicalJson };

export const GENESIS_HASH = "0".repeat(64);

/** The stored, hashed fields of one audit event (JSON columns kept as text). */
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

export function eventHash(prevHash: string, content: ChainedEventContent): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalJson(content)).digest("hex");
}

export type ChainCheck = { ok: true; count: number } | { ok: false; count: number; brokenAtSeq: number; why: "hash" | "link" | "gap" };

/** Walks events in seq order and names the first one whose hash or link is wrong. */
export function verifyChain(events: Iterable<ChainedEventContent & { prevHash: string; hash: string }>): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { ok: false, count, brokenAtSeq: expectedSeq, why: "gap" };
    if (e.prevHash !== prev) return { ok: false, count, brokenAtSeq: e.seq, why: "link" };
    const { prevHash: _p, hash, ...content } = e;
    if (eventHash(prev, content) !== hash) return { ok: false, count, brokenAtSeq: e.seq, why: "hash" };
    prev = hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, count };
}
