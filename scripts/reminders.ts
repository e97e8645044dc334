// `npm run reminders` — sends the study reminders that are due (protocol: at
// mid-term, stating the closing date), then delivers unsent mail when SMTP is
// configured. Safe to run from cron as often as wanted: a reminder is never
// sent twice (SentReminder). Options: --dry-run (list what would be sent).
// Uses DATABASE_URL (SQLite under data/ when unset), APP_URL or NEXTAUTH_URL
// for the links, SMTP_URL and MAIL_FROM for delivery (else the mail stays in
// the outbox, read by the coordinator in /admin/outbox).
// Exit 0 when done, 1 when some mail could not be delivered (kept for the next run), 2 on error.
import { existsSync } from "node:fs";
import { createDb } from "@/server/db/create-db";
import { databaseUrl, providerOf, sqliteFilePath } from "@/server/db/database-url";
import { publicBaseUrl } from "@/server/env";
import { deliverQueuedMail, senderFromEnv } from "@/server/mail";
import { runReminders } from "@/server/reminders";
import { loadDotEnv } from "./load-env";

async function main(): Promise<number> {
  loadDotEnv();
  const dryRun = process.argv.includes("--dry-run");
  const url = databaseUrl();
  // Opening a missing SQLite file would create an empty one: say so instead.
  if (providerOf(url) === "sqlite" && !existsSync(sqliteFilePath(url)))
    throw new Error(`no SQLite database at ${sqliteFilePath(url)} (set DATABASE_URL)`);
  // The one public-URL policy (src/server/env.ts): APP_URL, else NEXTAUTH_URL; production without one refuses.
  const baseUrl = publicBaseUrl();
  const sender = senderFromEnv();
  const { db } = createDb(url);
  try {
    const run = await runReminders(db, { baseUrl, dryRun });
    const calendar = run.reminderDate
      ? `reminder date ${run.reminderDate}, study ${run.phase.phase}`
      : "no study calendar set (opening date)";
    if (dryRun) {
      console.log(`${run.today}: ${calendar}; would queue ${run.planned.length} reminder(s)`);
      for (const p of run.planned) console.log(`  ${p.kind} → ${p.to}`);
      return 0;
    }
    console.log(
      `${run.today}: ${calendar}; ${run.queued.length} reminder(s) queued${run.skipped ? `, ${run.skipped} already sent by a concurrent run` : ""}`,
    );
    for (const q of run.queued) console.log(`  ${q.kind} → ${q.to}`);
    if (!sender) {
      console.log("SMTP not configured (SMTP_URL): mail stays in the outbox (/admin/outbox).");
      return 0;
    }
    const report = await deliverQueuedMail(db, sender);
    console.log(`SMTP: ${report.sent} mail(s) sent, ${report.failed} failed (kept for the next run).`);
    for (const e of report.errors) console.error(`  mail ${e.mailId}: ${e.error}`);
    return report.failed > 0 ? 1 : 0;
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
    console.error(`Reminders could not run: ${message}`);
    process.exitCode = 2;
  },
);
