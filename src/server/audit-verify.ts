// Verifies the whole audit trail against its hash chain (ADR 0004) straight
// from the database: the events in seq order, read in batches so that a large
// trail is never held in memory at once, then the AuditHead row against the
// last event. A plain module (no "server-only"): `npm run audit:verify`
// (scripts/audit-verify.ts) uses it outside Next.js.
//
// The chain rules are those of verifyChain (src/domain/audit-chain.ts), applied
// one event at a time because the events arrive in asynchronous batches.
import { eventHash, GENESIS_HASH, type ChainedEventContent } from "../domain/audit-chain";
import type { Db } from "./db/create-db";

/** Why verification stopped: edited content, a re-linked event, a missing event, or a head that disagrees with the last event. */
export type AuditBreak = "hash" | "link" | "gap" | "head";

/**
 * The first event that does not verify. For a missing event ("gap", or "head"
 * when events are missing at the end) only `seq` is known: the other fields
 * are null.
 */
export interface BrokenEvent {
  readonly seq: number;
  readonly type: string | null;
  /** UTC time of the event, ISO 8601. */
  readonly at: string | null;
  readonly caseId: string | null;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly lastSeq: number }
  | { readonly ok: false; readonly count: number; readonly brokenAt: BrokenEvent; readonly why: AuditBreak };

export interface VerifyOptions {
  /** Events read per query (default 1000). */
  readonly batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 1000;

type StoredEvent = ChainedEventContent & { readonly prevHash: string; readonly hash: string };

const missing = (seq: number): BrokenEvent => ({ seq, type: null, at: null, caseId: null });
const described = (e: Pick<StoredEvent, "seq" | "type" | "at" | "caseId">): BrokenEvent => ({ seq: e.seq, type: e.type, at: e.at, caseId: e.caseId });

/** verifyChain's walk, one event at a time: the same checks in the same order (gap, link, hash). */
class ChainWalk {
  lastHash = GENESIS_HASH;
  lastSeq = 0;
  count = 0;

  /** Checks the next event in seq order; returns the break, or null when it extends the chain. */
  step(e: StoredEvent): { brokenAt: BrokenEvent; why: AuditBreak } | null {
    const expectedSeq = this.lastSeq + 1;
    if (e.seq !== expectedSeq) return { brokenAt: missing(expectedSeq), why: "gap" };
    if (e.prevHash !== this.lastHash) return { brokenAt: described(e), why: "link" };
    const { prevHash: _prevHash, hash, ...content } = e;
    if (eventHash(this.lastHash, content) !== hash) return { brokenAt: described(e), why: "hash" };
    this.lastHash = hash;
    this.lastSeq = e.seq;
    this.count += 1;
    return null;
  }
}

const EVENT_COLUMNS = {
  seq: true,
  at: true,
  type: true,
  actorId: true,
  actorRole: true,
  centre: true,
  caseId: true,
  fieldPath: true,
  oldValue: true,
  newValue: true,
  reason: true,
  data: true,
  prevHash: true,
  hash: true,
} as const;

/** The next events after `afterSeq`, oldest first, with `at` as the ISO text that was hashed. */
async function readBatch(db: Db, afterSeq: number, take: number): Promise<StoredEvent[]> {
  const rows = await db.auditEvent.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: "asc" }, take, select: EVENT_COLUMNS });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/**
 * Walks the audit trail in seq order and names the first event that is
 * missing, edited or re-linked, then checks that the AuditHead row (seq and
 * last hash) matches the last event. Safe to run while the application
 * writes: events committed during the walk are verified too.
 */
export async function verifyAuditTrail(db: Db, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const walk = new ChainWalk();
  let lastEvent: StoredEvent | undefined;
  for (;;) {
    // Every event committed so far, batch after batch.
    for (;;) {
      const batch = await readBatch(db, walk.lastSeq, batchSize);
      for (const e of batch) {
        const broken = walk.step(e);
        if (broken) return { ok: false, count: walk.count, ...broken };
        lastEvent = e;
      }
      if (batch.length < batchSize) break;
    }
    // The head is read after the events: a writer updates both in one
    // transaction, so a committed head is never behind committed events.
    const head = await db.auditHead.findUnique({ where: { id: 1 } });
    if (!head) return { ok: false, count: walk.count, brokenAt: missing(walk.lastSeq + 1), why: "head" };
    if (head.seq === walk.lastSeq) {
      if (head.lastHash === walk.lastHash) return { ok: true, count: walk.count, lastSeq: walk.lastSeq };
      // Same length, different last hash: the head disagrees about the last event.
      return { ok: false, count: walk.count, brokenAt: lastEvent ? described(lastEvent) : missing(walk.lastSeq), why: "head" };
    }
    if (head.seq < walk.lastSeq) {
      // Events beyond the head: written without going through appendAudit.
      const first = (await readBatch(db, head.seq, 1))[0];
      return { ok: false, count: walk.count, brokenAt: first ? described(first) : missing(head.seq + 1), why: "head" };
    }
    // The head is ahead: either events were committed since the last batch
    // (walk on), or events are missing at the end of the trail.
    const more = await db.auditEvent.count({ where: { seq: { gt: walk.lastSeq } } });
    if (more === 0) return { ok: false, count: walk.count, brokenAt: missing(walk.lastSeq + 1), why: "head" };
  }
}
