// `npm run crf:migrate`: brings the cases of DATABASE_URL to the current form
// version through the declared amendments (src/domain/crf/versions/, ADR 0021)
// and recomputes every case's stored scores.
//   (no option)        dry run: prints, per case and answer, what would change; writes nothing
//   --apply            writes: per case one transaction, one audit event per changed answer
//   --recompute-only   only the stored scores (with --apply to write them)
//   --by <e-mail>      the user named in the audit trail (default: none, the data manager's script)
// Exit 0 when done, 1 when cases were held (validated/locked, conflicts, unknown version), 2 on error.
// Run with the react-server condition (package.json): the audit writer is a server-only module.
import { existsSync } from "node:fs";
import type { FieldAnswer } from "@/domain/crf/answers";
import { migrateCases, type CaseMigration, type MigrateSummary } from "@/server/crf-migrate";
import { createDb } from "@/server/db/create-db";
import { databaseUrl, providerOf, sqliteFilePath } from "@/server/db/database-url";
import { loadDotEnv } from "./load-env";

const HELD: Record<NonNullable<CaseMigration["held"]>, string> = {
  frozen: "validated or locked: not migrated (unlock it through the workflow, with a reason, then run again)",
  conflicts: "an operation would overwrite an answer already there: settle it, then run again",
  unknown_version: "its form version is not in the amendment chain (database newer than the code?)",
  concurrent_save: "saved by someone while migrating: run again",
};

const show = (a: FieldAnswer | null) => (a === null ? "∅" : JSON.stringify(a));

function print(summary: MigrateSummary): void {
  for (const d of summary.details) {
    const head = `Case ${d.caseId} (${d.status}) ${d.from} → ${d.to}`;
    console.log(d.held ? `${head}: HELD — ${HELD[d.held]}` : `${head}: ${d.changes.length} answer(s)`);
    for (const c of d.changes)
      console.log(`  ${c.path} [${c.op}, ${c.amendment}]: ${show(c.before)} → ${show(c.after)}`);
    for (const c of d.conflicts) console.log(`  ${c.path} [${c.op}, ${c.amendment}]: CONFLICT, already answered`);
  }
  const verb = summary.applied ? "" : " (dry run: nothing written; --apply to write)";
  console.log(
    `${summary.cases} case(s): ${summary.migrated} migrated, ${summary.changedAnswers} answer(s) changed, ` +
      `${summary.recomputed} with scores recomputed, ${summary.held} held${verb}.`,
  );
}

async function main(): Promise<number> {
  loadDotEnv();
  const args = process.argv.slice(2);
  const unknown = args.filter((a, i) => !["--apply", "--recompute-only", "--by"].includes(a) && args[i - 1] !== "--by");
  if (unknown.length) throw new Error(`unknown option ${unknown.join(" ")} (--apply, --recompute-only, --by <e-mail>)`);
  const url = databaseUrl();
  if (providerOf(url) === "sqlite" && !existsSync(sqliteFilePath(url))) {
    throw new Error(`no SQLite database at ${sqliteFilePath(url)} (set DATABASE_URL)`);
  }
  const { db } = createDb(url);
  try {
    const by = args.includes("--by") ? args[args.indexOf("--by") + 1] : undefined;
    let actor = null;
    if (by !== undefined) {
      const user = await db.user.findUnique({ where: { email: by }, include: { centre: { select: { code: true } } } });
      // The data manager of the study: the coordinating centre's role.
      if (user?.role !== "COORDINATOR") throw new Error(`no coordinator account ${by}`);
      actor = { id: user.id, role: user.role, centreCode: user.centre?.code ?? null };
    }
    const summary = await migrateCases(db, {
      apply: args.includes("--apply"),
      recomputeOnly: args.includes("--recompute-only"),
      actor,
    });
    print(summary);
    return summary.held ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? (error.message.trim().split("\n").at(-1) ?? error.name) : String(error);
    console.error(`crf:migrate could not run: ${message}`);
    process.exitCode = 2;
  },
);
