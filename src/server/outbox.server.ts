import "server-only";
import type { Actor } from "@/domain/actor";
import { authorize } from "./access.server";
import type { Db } from "./db/create-db";
import { env as currentEnv } from "./env";
import { deliverQueuedMail, maskSecretLinks, senderFromEnv } from "./mail";

// Every mail is first written to OutboxMail in the transaction that causes it
// (queueMail), then delivered after the commit when SMTP is configured
// (SMTP_URL, MAIL_FROM); otherwise the coordinator reads it in /admin/outbox.
// The implementation is a plain module shared with `npm run reminders`: src/server/mail.ts.
export { queueMail } from "./mail";

export interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  kind: string;
  /** The text with every link that grants access replaced by HIDDEN_LINK. */
  body: string;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * The outbox as a coordinator sees it: that a mail exists (to, subject, kind,
 * time, status), never a secret link in it — not even before delivery, so
 * nobody but the recipient can choose someone else's password (docs/security.md).
 */
export async function listOutbox(db: Db, actor: Actor): Promise<OutboxRow[]> {
  authorize(actor, "outbox.read");
  const rows = await db.outboxMail.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((m) => ({
    id: m.id,
    to: m.to,
    subject: m.subject,
    kind: m.kind,
    body: maskSecretLinks(m.body),
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  }));
}

/** Whether mail leaves the app at all (SMTP or a drop directory); without it, links wait in the outbox unseen. */
export function mailDeliveryConfigured(env: Readonly<Record<string, string | undefined>> = currentEnv()): boolean {
  return Boolean(env.SMTP_URL?.trim() || env.MAIL_DROP_DIR?.trim());
}

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
