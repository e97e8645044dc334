import "server-only";
import type { Db } from "./db/create-db";
import { deliverQueuedMail, senderFromEnv } from "./mail";

// Every mail is first written to OutboxMail in the transaction that causes it
// (queueMail), then delivered after the commit when SMTP is configured
// (SMTP_URL, MAIL_FROM); otherwise the coordinator reads it in /admin/outbox.
// The implementation is a plain module shared with `npm run reminders`: src/server/mail.ts.
export { queueMail, type MailKind, type OutgoingMail } from "./mail";

/**
 * Sends the outbox's recent unsent mail when SMTP is configured (no-op
 * otherwise). Never throws: a mail that could not be sent stays in the outbox
 * and is retried by the next delivery (the next mail, or `npm run reminders`).
 * Call it after the commit, e.g. in `after()` from a server action.
 */
export async function deliverOutbox(db: Db): Promise<void> {
  try {
    const report = await deliverQueuedMail(db, senderFromEnv());
    for (const e of report.errors) console.error(`mail ${e.mailId} not sent (kept in the outbox): ${e.error}`);
  } catch (error) {
    console.error(`mail delivery did not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
