// Signed checkpoints of the audit chain's head (ADR 0009): one JSON line per
// checkpoint, {seq, hash, at, keyId, mac}, kept OUTSIDE the database. A trail
// cut back (truncated, or restored from an older backup) no longer reaches a
// checkpoint's seq, and a rewritten one no longer has its hash there: both are
// caught even by someone who could rewrite the whole database.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditKeyring } from "./audit-chain";
import { canonicalJson } from "./canonical-json";

export interface Checkpoint {
  seq: number;
  hash: string;
  /** When it was written, ISO 8601 UTC. */
  at: string;
  keyId: string;
  mac: string;
}

function macOf(secret: string, c: Pick<Checkpoint, "seq" | "hash" | "at" | "keyId">): string {
  return createHmac("sha256", secret)
    .update(canonicalJson({ kind: "audit-checkpoint", seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId }))
    .digest("hex");
}

export function signCheckpoint(keyring: AuditKeyring, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const secret = keyring.keys.get(keyring.currentId);
  if (!secret) throw new Error(`audit key ${keyring.currentId} is not in the keyring`);
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keyring.currentId };
  return { ...unsigned, mac: macOf(secret, unsigned) };
}

export function checkpointLine(c: Checkpoint): string {
  return `${JSON.stringify({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId, mac: c.mac })}\n`;
}

/** Whether a checkpoint's signature holds under one of the keyring's keys. */
export function checkpointSigned(keyring: AuditKeyring, c: Checkpoint): boolean {
  const secret = keyring.keys.get(c.keyId);
  if (!secret || !/^[0-9a-f]{64}$/.test(c.mac)) return false;
  return timingSafeEqual(Buffer.from(macOf(secret, c), "hex"), Buffer.from(c.mac, "hex"));
}

export type CheckpointLine = { line: number; checkpoint: Checkpoint } | { line: number; checkpoint: null };

/** Every line of a checkpoint file; a line that is not a checkpoint has `checkpoint: null`. */
export function parseCheckpoints(text: string): CheckpointLine[] {
  const out: CheckpointLine[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      const v = JSON.parse(raw) as Partial<Checkpoint>;
      const ok =
        Number.isInteger(v.seq) &&
        typeof v.hash === "string" &&
        typeof v.at === "string" &&
        typeof v.keyId === "string" &&
        typeof v.mac === "string";
      out.push({ line: i + 1, checkpoint: ok ? (v as Checkpoint) : null });
    } catch {
      out.push({ line: i + 1, checkpoint: null });
    }
  });
  return out;
}

export type CheckpointProblem =
  | { kind: "unsigned"; line: number }
  | { kind: "beyond_trail"; line: number; checkpoint: Checkpoint; lastSeq: number }
  | { kind: "hash_differs"; line: number; checkpoint: Checkpoint };

/**
 * Compares the checkpoints with the chain's hashes (`hashAt(seq)`, undefined
 * past the end): every line must be signed, and name an event that exists
 * with the hash it recorded.
 */
export function compareCheckpoints(
  keyring: AuditKeyring,
  lines: readonly CheckpointLine[],
  hashAt: (seq: number) => string | undefined,
  lastSeq: number,
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  for (const { line, checkpoint } of lines) {
    if (!checkpoint || !checkpointSigned(keyring, checkpoint)) {
      problems.push({ kind: "unsigned", line });
      continue;
    }
    if (checkpoint.seq === 0) continue;
    if (checkpoint.seq > lastSeq) problems.push({ kind: "beyond_trail", line, checkpoint, lastSeq });
    else if (hashAt(checkpoint.seq) !== checkpoint.hash) problems.push({ kind: "hash_differs", line, checkpoint });
  }
  return problems;
}

/** The last (highest seq) correctly signed checkpoint, for the coordinators' page. */
export function lastCheckpoint(keyring: AuditKeyring, lines: readonly CheckpointLine[]): Checkpoint | null {
  let best: Checkpoint | null = null;
  for (const { checkpoint } of lines) {
    if (checkpoint && checkpointSigned(keyring, checkpoint) && (!best || checkpoint.seq > best.seq)) best = checkpoint;
  }
  return best;
}
