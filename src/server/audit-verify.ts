// Verifies the whole audit trail straight from the database (ADR 0004, 0009,
// 0010): the events in seq order, read in batches so that a large trail is
// never held in memory at once, each against the keyed chain; then the
// AuditHead row against the last event; then (verifyCheckpoints) the signed
// checkpoints kept outside the database, and (verifyCaseAnswers) every case's
// stored answers against the answers its trail rebuilds. A plain module (no
// "server-only"): `npm run audit:verify` (scripts/audit-verify.ts) uses it.
import { ChainWalk, type AuditKeyring, type ChainBreak, type StoredAuditEvent } from "../domain/audit-chain";
import { compareCheckpoints, type CheckpointLine, type CheckpointProblem } from "../domain/audit-checkpoint";
import { replayAnswers } from "../domain/audit-replay";
import { asCaseAnswers } from "../domain/crf/answers";
import { diffAnswers } from "../domain/crf/merge";
import { auditKeyring } from "./audit-config";
import type { Db } from "./db/create-db";

/** Why verification stopped: a chain break, or a head that disagrees with the last event. */
export type AuditBreak = ChainBreak | "head";

/** The first event that does not verify. For a missing event only `seq` is known. */
export interface BrokenEvent {
  readonly seq: number;
  readonly type: string | null;
  /** UTC time of the event, ISO 8601. */
  readonly at: string | null;
  readonly caseId: string | null;
}

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly lastSeq: number; readonly legacyUntil: number }
  | { readonly ok: false; readonly count: number; readonly brokenAt: BrokenEvent; readonly why: AuditBreak };

export interface VerifyOptions {
  /** Events read per query (default 1000). */
  readonly batchSize?: number;
  /** The HMAC keys (default: from the environment, audit-config.ts). */
  readonly keyring?: AuditKeyring;
}

export const DEFAULT_BATCH_SIZE = 1000;

const missing = (seq: number): BrokenEvent => ({ seq, type: null, at: null, caseId: null });
const described = (e: Pick<StoredAuditEvent, "seq" | "type" | "at" | "caseId">): BrokenEvent => ({
  seq: e.seq,
  type: e.type,
  at: e.at,
  caseId: e.caseId,
});

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
  keyId: true,
  commits: true,
  salts: true,
  redacted: true,
} as const;

/** The next events after `afterSeq`, oldest first, with `at` as the ISO text that was hashed. */
async function readBatch(db: Db, afterSeq: number, take: number): Promise<StoredAuditEvent[]> {
  const rows = await db.auditEvent.findMany({
    where: { seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take,
    select: EVENT_COLUMNS,
  });
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

async function describe(db: Db, seq: number): Promise<BrokenEvent> {
  const e = await db.auditEvent.findUnique({
    where: { seq },
    select: { seq: true, type: true, at: true, caseId: true },
  });
  return e ? described({ ...e, at: e.at.toISOString() }) : missing(seq);
}

/**
 * Walks the audit trail in seq order and names the first event that is
 * missing, edited, re-hashed without the key, appended without the key, or
 * blanked without a redaction; then checks that the AuditHead row (seq and
 * last hash) matches the last event. Safe to run while the application
 * writes: events committed during the walk are verified too.
 */
export async function verifyAuditTrail(db: Db, opts: VerifyOptions = {}): Promise<AuditVerification> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const walk = new ChainWalk(opts.keyring ?? auditKeyring());
  let lastEvent: StoredAuditEvent | undefined;
  for (;;) {
    for (;;) {
      const batch = await readBatch(db, walk.lastSeq, batchSize);
      for (const e of batch) {
        const broken = walk.step(e);
        if (broken)
          return {
            ok: false,
            count: walk.count,
            brokenAt: broken.why === "gap" ? missing(broken.seq) : described(e),
            why: broken.why,
          };
        lastEvent = e;
      }
      if (batch.length < batchSize) break;
    }
    // The head is read after the events: a writer updates both in one
    // transaction, so a committed head is never behind committed events.
    const head = await db.auditHead.findUnique({ where: { id: 1 } });
    if (!head) return { ok: false, count: walk.count, brokenAt: missing(walk.lastSeq + 1), why: "head" };
    if (head.seq === walk.lastSeq) {
      if (head.lastHash !== walk.lastHash) {
        return {
          ok: false,
          count: walk.count,
          brokenAt: lastEvent ? described(lastEvent) : missing(walk.lastSeq),
          why: "head",
        };
      }
      const unexplained = walk.unexplainedRedaction();
      if (unexplained)
        return { ok: false, count: walk.count, brokenAt: await describe(db, unexplained.seq), why: unexplained.why };
      return { ok: true, count: walk.count, lastSeq: walk.lastSeq, legacyUntil: walk.legacyUntil };
    }
    if (head.seq < walk.lastSeq) {
      // Events beyond the head: written without going through appendAudit.
      const first = (await readBatch(db, head.seq, 1))[0];
      return { ok: false, count: walk.count, brokenAt: first ? described(first) : missing(head.seq + 1), why: "head" };
    }
    const more = await db.auditEvent.count({ where: { seq: { gt: walk.lastSeq } } });
    if (more === 0) return { ok: false, count: walk.count, brokenAt: missing(walk.lastSeq + 1), why: "head" };
  }
}

/**
 * Compares the signed checkpoints (kept outside the database) with the
 * trail: a checkpoint past the trail's end means events were removed from the
 * end (truncation, or a database restored to an earlier state); a checkpoint
 * whose hash differs means the trail was rewritten. Run after verifyAuditTrail.
 */
export async function verifyCheckpoints(
  db: Db,
  lines: readonly CheckpointLine[],
  keyring: AuditKeyring = auditKeyring(),
): Promise<CheckpointProblem[]> {
  const wanted = new Set(lines.map((l) => l.checkpoint?.seq).filter((s): s is number => typeof s === "number"));
  const hashes = new Map<number, string>();
  let lastSeq = 0;
  for (let after = 0; ; ) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: 5000,
      select: { seq: true, hash: true },
    });
    for (const r of rows) if (wanted.has(r.seq)) hashes.set(r.seq, r.hash);
    if (rows.length === 0) break;
    after = rows.at(-1)!.seq;
    lastSeq = after;
  }
  return compareCheckpoints(keyring, lines, (seq) => hashes.get(seq), lastSeq);
}

export interface AnswersMismatch {
  readonly caseId: string;
  /** Paths whose stored answer differs from the trail's (no values). */
  readonly paths: readonly string[];
}

/** Every case whose stored answers differ from those its audit trail rebuilds (a direct edit of case data). */
export async function verifyCaseAnswers(db: Db, batchSize = 200): Promise<AnswersMismatch[]> {
  const out: AnswersMismatch[] = [];
  for (let after = ""; ; ) {
    const cases = await db.case.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, answers: true },
    });
    if (cases.length === 0) break;
    after = cases.at(-1)!.id;
    const events = await db.auditEvent.findMany({
      where: {
        caseId: { in: cases.map((c) => c.id) },
        type: { in: ["case.created", "case.field_changed", "case.answer_migrated", "audit.redacted"] },
      },
      orderBy: { seq: "asc" },
      select: { seq: true, type: true, caseId: true, fieldPath: true, newValue: true, data: true },
    });
    for (const c of cases) {
      const replayed = replayAnswers(events.filter((e) => e.caseId === c.id));
      const stored = asCaseAnswers(c.answers);
      if (!replayed) {
        out.push({ caseId: c.id, paths: ["(no case.created event)"] });
        continue;
      }
      const paths = diffAnswers(replayed, stored).map((d) => d.path);
      if (paths.length) out.push({ caseId: c.id, paths });
    }
  }
  return out;
}
