// `npm run notifications:digest` (cron, once a day): queues the daily digest of
// every user who chose it (src/server/notification-digest.ts), then delivers
// unsent mail when SMTP is configured. A second run the same day sends nothing.
// Uses DATABASE_URL, APP_URL or NEXTAUTH_URL for the links, SMTP_URL and MAIL_FROM.
import { existsSync } from "node:fs";
import { createDb } from "@/server/db/create-db";
import { databaseUrl, providerOf, sqliteFilePath } from "@/server/db/database-url";
import { publicBaseUrl } from "@/server/env";
import { deliverQueuedMail, senderFromEnv } from "@/server/mail";
import { runDigests } from "@/server/notification-digest";
import { loadDotEnv } from "./load-env";

async function main(): Promise<number> {
  loadDotEnv();
  const url = databaseUrl();
  if (providerOf(url) === "sqlite" && !existsSync(sqliteFilePath(url)))
    throw new Error(`no SQLite database at ${sqliteFilePath(url)} (set DATABASE_URL)`);
  // The one public-URL policy (src/server/env.ts): APP_URL, else NEXTAUTH_URL; production without one refuses.
  const baseUrl = publicBaseUrl();
  const { db } = createDb(url);
  try {
    const run = await runDigests(db, { baseUrl });
    console.log(
      `${run.today}: ${run.sent.length} digest(s) queued${run.skipped ? `, ${run.skipped} already sent today` : ""}`,
    );
    for (const s of run.sent) console.log(`  ${s.count} notification(s) → ${s.to}`);
    const report = await deliverQueuedMail(db, senderFromEnv());
    if (report.sent || report.failed)
      console.log(`SMTP: ${report.sent} mail(s) sent, ${report.failed} failed (kept for the next run).`);
    return report.failed ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
