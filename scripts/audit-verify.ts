// `npm run audit:verify`: verifies the audit trail of DATABASE_URL (SQLite
// under data/ when unset) against its keyed hash chain and the AuditHead row
// (ADR 0004, 0009), the signed checkpoints of AUDIT_CHECKPOINT_FILE, and each
// case's stored answers against those its trail rebuilds.
// Exit 0 when intact, 1 when broken (one line per problem, naming it), 2 when
// the check could not run. Prints event metadata only, never old or new values.
import { existsSync } from "node:fs";
import type { CheckpointProblem } from "../src/domain/audit-checkpoint";
import { checkpointFile } from "../src/server/audit-config";
import { readCheckpoints } from "../src/server/audit-checkpoints";
import {
  verifyAuditTrail,
  verifyCaseAnswers,
  verifyCheckpoints,
  type AuditBreak,
  type AuditVerification,
} from "../src/server/audit-verify";
import { createDb } from "../src/server/db/create-db";
import { databaseUrl, providerOf, sqliteFilePath } from "../src/server/db/database-url";
import { loadDotEnv } from "./load-env";

const EXPLANATION: Record<AuditBreak, string> = {
  hash: "its content no longer matches its keyed hash (edited, or re-hashed without the audit key)",
  link: "it does not follow the previous event's hash (an earlier event was replaced or re-hashed)",
  gap: "this event is missing (deleted)",
  head: "the audit head does not match the last event (events removed from, or added to, the end)",
  unkeyed: "an unkeyed event after the keyed chain began (appended by someone without the audit key)",
  key: "it was signed with a key id that is not in AUDIT_HMAC_KEYS (unknown key, or forged)",
  redaction: "a value was blanked but no redaction event names it (removed outside the application)",
};

function report(result: AuditVerification): string {
  if (result.ok) {
    const legacy = result.legacyUntil > 0 ? `; events #1–#${result.legacyUntil} are legacy, unkeyed (ADR 0009)` : "";
    return `Audit trail intact: ${result.count} events (last #${result.lastSeq})${legacy}`;
  }
  const { seq, type, at, caseId } = result.brokenAt;
  const what = type === null ? "missing event" : type;
  return `Audit trail BROKEN at event #${seq} (${what}, ${at ?? "-"}, case ${caseId ?? "-"}): ${result.why} — ${EXPLANATION[result.why]}`;
}

function checkpointReport(p: CheckpointProblem): string {
  if (p.kind === "unsigned")
    return `Checkpoint line ${p.line} BROKEN: unsigned — not a checkpoint signed with a key of AUDIT_HMAC_KEYS (forged or damaged)`;
  const { seq, at } = p.checkpoint;
  if (p.kind === "beyond_trail") {
    return `Checkpoint line ${p.line} BROKEN: truncated — the checkpoint of ${at} names event #${seq} but the trail ends at #${p.lastSeq} (events removed from the end, or the database rolled back)`;
  }
  return `Checkpoint line ${p.line} BROKEN: rewritten — event #${seq} no longer has the hash the checkpoint of ${at} recorded`;
}

async function main(): Promise<number> {
  loadDotEnv();
  const url = databaseUrl();
  // Opening a missing SQLite file would create an empty one: say so instead.
  if (providerOf(url) === "sqlite" && !existsSync(sqliteFilePath(url))) {
    throw new Error(`no SQLite database at ${sqliteFilePath(url)} (set DATABASE_URL)`);
  }
  const { db } = createDb(url);
  const problems: string[] = [];
  const notes: string[] = [];
  try {
    const result = await verifyAuditTrail(db);
    (result.ok ? notes : problems).push(report(result));
    const file = checkpointFile();
    const lines = readCheckpoints(file);
    if (lines === null) {
      // No file at all: nothing outside the database vouches for the trail's length.
      if (result.ok && result.lastSeq > result.legacyUntil)
        problems.push(
          `Checkpoints MISSING: no checkpoint file at ${file} (AUDIT_CHECKPOINT_FILE) — truncation and rollback cannot be ruled out`,
        );
    } else if (result.ok) {
      const found = await verifyCheckpoints(db, lines);
      problems.push(...found.map(checkpointReport));
      if (found.length === 0) notes.push(`Checkpoints agree: ${lines.length} checked (${file})`);
    }
    for (const m of await verifyCaseAnswers(db)) {
      problems.push(
        `Case ${m.caseId} BROKEN: answers — its stored answers differ from its audit trail at ${m.paths.join(", ")} (edited outside the application)`,
      );
    }
    for (const line of notes) console.log(line);
    for (const line of problems) console.error(line);
    return problems.length ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The last line of the message only: Prisma's errors quote the calling code first.
    const message = error instanceof Error ? (error.message.trim().split("\n").at(-1) ?? error.name) : String(error);
    console.error(`Audit verification could not run: ${message}`);
    process.exitCode = 2;
  },
);
