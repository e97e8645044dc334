// `npm run audit:verify`: verifies the audit trail of DATABASE_URL (SQLite
// under data/ when unset) against its hash chain and the AuditHead row (ADR 0004).
// Exit 0 when intact, 1 when broken (naming the first bad event), 2 when the
// check could not run. Prints event metadata only, never old or new values.
import { verifyAuditTrail, type AuditBreak, type AuditVerification } from "../src/server/audit-verify";
import { createDb } from "../src/server/db/create-db";
import { existsSync } from "node:fs";
import { databaseUrl, providerOf, sqliteFilePath } from "../src/server/db/database-url";
import { loadDotEnv } from "./load-env";

const EXPLANATION: Record<AuditBreak, string> = {
  hash: "its content no longer matches its hash (edited after it was written)",
  link: "it does not follow the previous event's hash (an earlier event was replaced or re-hashed)",
  gap: "this event is missing (deleted)",
  head: "the audit head does not match the last event (events removed from, or added to, the end)",
};

function report(result: AuditVerification): string {
  if (result.ok) return `Audit trail intact: ${result.count} events (last #${result.lastSeq})`;
  const { seq, type, at, caseId } = result.brokenAt;
  const what = type === null ? "missing event" : type;
  return `Audit trail BROKEN at event #${seq} (${what}, ${at ?? "-"}, case ${caseId ?? "-"}): ${result.why} — ${EXPLANATION[result.why]}`;
}

async function main(): Promise<number> {
  loadDotEnv();
  const url = databaseUrl();
  // Opening a missing SQLite file would create an empty one: say so instead.
  if (providerOf(url) === "sqlite" && !existsSync(sqliteFilePath(url))) {
    throw new Error(`no SQLite database at ${sqliteFilePath(url)} (set DATABASE_URL)`);
  }
  const { db } = createDb(url);
  try {
    const result = await verifyAuditTrail(db);
    if (result.ok) {
      console.log(report(result));
      return 0;
    }
    console.error(report(result));
    return 1;
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
