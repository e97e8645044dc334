// The checkpoint file (ADR 0009): signed heads of the audit chain appended to
// a file outside the database, after commits. A plain module (no
// "server-only"): the scripts and the export ZIP read it too.
//
// Written with O_APPEND (lines are never rewritten by the app) and mode 0600;
// the deployment makes the file append-only for the app's user where the
// file system allows it (chattr +a, docs/deployment.md).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync, constants } from "node:fs";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { AuditKeyring } from "../domain/audit-chain";
import {
  checkpointLine,
  lastCheckpoint,
  parseCheckpoints,
  signCheckpoint,
  type Checkpoint,
  type CheckpointLine,
} from "../domain/audit-checkpoint";
import { auditKeyring, checkpointFile } from "./audit-config";
import type { Db } from "./db/create-db";

/** Appends one signed checkpoint line; creates the file (0600) if needed. */
export function appendCheckpoint(
  file: string,
  keyring: AuditKeyring,
  head: { seq: number; hash: string },
  at = new Date(),
): Checkpoint {
  const checkpoint = signCheckpoint(keyring, head, at);
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
  try {
    writeSync(fd, checkpointLine(checkpoint));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return checkpoint;
}

/** The file's lines, or null when there is no file. */
export function readCheckpoints(file: string): CheckpointLine[] | null {
  if (!existsSync(file)) return null;
  return parseCheckpoints(readFileSync(file, "utf8"));
}

/** The checkpoint file's name inside an export package (package-zip). */
export const CHECKPOINTS_IN_PACKAGE = "audit-checkpoints.jsonl";

/** The file's raw text (for export packages), or null. */
export function checkpointFileText(file: string = checkpointFile()): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/** Signs the committed head of `db` into the file, unless it is already the last checkpoint written here. */
export async function checkpointHead(
  db: Pick<Db, "auditHead">,
  file: string = checkpointFile(),
  keyring: AuditKeyring = auditKeyring(),
): Promise<Checkpoint | null> {
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  if (!head || head.seq === 0) return null;
  if (written.get(file) === head.seq) return null;
  const checkpoint = appendCheckpoint(file, keyring, { seq: head.seq, hash: head.lastHash });
  written.set(file, head.seq);
  return checkpoint;
}

/** The last signed checkpoint of the configured file (the coordinators' audit page), or null. */
export function lastConfiguredCheckpoint(): { file: string; checkpoint: Checkpoint | null; exists: boolean } {
  const file = checkpointFile();
  const lines = readCheckpoints(file);
  return { file, exists: lines !== null, checkpoint: lines ? lastCheckpoint(auditKeyring(), lines) : null };
}

const written = new Map<string, number>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Wraps the process's client so that each transaction that committed audit
 * events is followed by a checkpoint of the committed head. Checkpoints are
 * written one at a time (a queue), never inside the transaction (a rolled
 * back head must never be signed). A failure to write is logged, not thrown:
 * the change is committed, and the next commit checkpoints the head again.
 */
export function withCheckpoints<T extends Db>(client: T, file: () => string = () => checkpointFile()): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== "$transaction" || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        queue = queue
          .then(() => checkpointHead(target, file()))
          .catch((error: unknown) =>
            console.error(`Audit checkpoint not written: ${error instanceof Error ? error.message : String(error)}`),
          );
        await queue;
        return result;
      };
    },
  });
}
