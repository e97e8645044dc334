import "server-only";
import type { Tx } from "./audit.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
  kind: "invitation" | "reminder" | "password_reset";
}

/**
 * Queues a mail. With no SMTP server configured (the default here) the
 * outbox is where the coordinator reads it; a sender (later issue) delivers
 * and stamps sentAt when SMTP is configured.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<void> {
  await tx.outboxMail.create({ data: mail });
}
