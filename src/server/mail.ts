// Outgoing mail, one path for every kind (invitations, password resets,
// reminders): the mail is written to OutboxMail inside the transaction that
// causes it (so no mail exists for a change that rolled back, and none is lost
// if the process dies), then delivered after the commit:
// - SMTP configured (SMTP_URL, MAIL_FROM): sent through nodemailer, `sentAt` stamped;
// - no SMTP but MAIL_DROP_DIR: written as one file per mail into that directory
//   (tests and staging: the directory is the mailbox; see docs/security.md);
// - neither: it stays in the outbox. The coordinator sees in /admin/outbox that
//   it exists, never a link that grants access (maskSecretLinks); in development
//   only, the server console prints it for the recipient.
// A plain module (no "server-only"): `npm run reminders` (scripts/reminders.ts)
// uses it outside Next.js; the app reaches it through outbox.server.ts.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { env as currentEnv } from "./env";

export type MailKind = "invitation" | "reminder" | "password_reset" | "security_notice" | "notification" | "digest";

/** What replaces a link that grants access wherever a mail is shown or kept after delivery. */
export const HIDDEN_LINK = "[lien masqué · link hidden]";

// Links that grant access: an invitation or password link (/invite/<token>).
const SECRET_LINK = /\S*\/invite\/[A-Za-z0-9_-]+/g;

/** The mail's text without its secret links: for the outbox page and for what the outbox keeps once sent. */
export function maskSecretLinks(body: string): string {
  return body.replace(SECRET_LINK, HIDDEN_LINK);
}

export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
  kind: MailKind;
}

/** Writes the mail to the outbox (call inside the transaction that causes it); returns its id. */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<string> {
  const row = await tx.outboxMail.create({ data: mail, select: { id: true } });
  // A local demo without SMTP: the developer's console stands for the recipient's mailbox.
  const { NODE_ENV, SMTP_URL, MAIL_DROP_DIR } = currentEnv();
  if (NODE_ENV === "development" && !SMTP_URL && !MAIL_DROP_DIR) {
    console.info(`[mail, development only] to ${mail.to} — ${mail.subject}\n${mail.body}`);
  }
  return row.id;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** What delivers a message (nodemailer's SMTP transport in the app; a fake one in tests). */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

export interface MailSender {
  transport: MailTransport;
  from: string;
}

export class MailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailConfigError";
  }
}

/**
 * The SMTP sender configured by the environment, or null when SMTP_URL is unset
 * (mail then stays in the outbox). SMTP_URL is a nodemailer connection URL
 * (smtp://user:pass@host:587, smtps://…:465); MAIL_FROM the sender address.
 */
export function senderFromEnv(env: Readonly<Record<string, string | undefined>> = currentEnv()): MailSender | null {
  const url = env.SMTP_URL?.trim();
  const dropDir = env.MAIL_DROP_DIR?.trim();
  if (!url && dropDir) return { from: env.MAIL_FROM?.trim() || "ecrf@localhost", transport: dropDirTransport(dropDir) };
  if (!url) return null;
  const from = env.MAIL_FROM?.trim();
  if (!from)
    throw new MailConfigError(
      'SMTP_URL is set but MAIL_FROM is not: set the sender address (e.g. "DM-SAM eCRF <ecrf@chu-reims.fr>").',
    );
  if (!/^smtps?:\/\//i.test(url)) throw new MailConfigError("SMTP_URL must start with smtp:// or smtps://.");
  // Bounded waits: a dead SMTP server must not hold a request or the cron job for minutes.
  const transporter = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    from,
    transport: {
      async send(message) {
        await transporter.sendMail(message);
      },
    },
  };
}

/**
 * Delivers each mail as a JSON file (owner-only) into `dir`: a mailbox for the
 * browser tests and a staging server without SMTP. Whoever reads the directory
 * reads the links: it must be the recipient's side, never the app's users.
 */
export function dropDirTransport(dir: string): MailTransport {
  return {
    async send(message) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const name = `${Date.now()}-${randomUUID()}.json`;
      writeFileSync(join(dir, name), JSON.stringify(message), { mode: 0o600 });
    },
  };
}

/**
 * Mail older than this is not sent automatically: with no SMTP (or SMTP down)
 * for that long, the coordinator has read it in the outbox and invitation links
 * have expired; switching SMTP on later must not flood inboxes with stale mail.
 */
export const DELIVERY_MAX_AGE_HOURS = 72;

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Mail ids and error messages (never the body: it may hold a one-time link). */
  errors: { mailId: string; error: string }[];
}

/**
 * Sends every recent unsent mail through `sender`. Each mail is claimed first
 * (sentAt set only if still null), so two runs at once never send one twice;
 * a failed send gives the claim back and the next run retries it.
 */
export async function deliverQueuedMail(
  db: Db,
  sender: MailSender | null,
  options: { now?: Date; ids?: readonly string[]; limit?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, errors: [] };
  if (!sender) return report;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - DELIVERY_MAX_AGE_HOURS * 3600_000);
  const pending = await db.outboxMail.findMany({
    where: { sentAt: null, createdAt: { gte: cutoff }, ...(options.ids ? { id: { in: [...options.ids] } } : {}) },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 500,
  });
  for (const mail of pending) {
    const claimed = await db.outboxMail.updateMany({ where: { id: mail.id, sentAt: null }, data: { sentAt: now } });
    if (claimed.count !== 1) continue;
    try {
      await sender.transport.send({ from: sender.from, to: mail.to, subject: mail.subject, text: mail.body });
      // Delivered: the outbox no longer needs the link, and keeps no usable copy of it.
      await db.outboxMail.updateMany({ where: { id: mail.id }, data: { body: maskSecretLinks(mail.body) } });
      report.sent++;
    } catch (error) {
      await db.outboxMail.updateMany({ where: { id: mail.id }, data: { sentAt: null } });
      report.failed++;
      report.errors.push({ mailId: mail.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
