// The daily digest (ADR 0016): for each user who chose it, the notifications
// waiting since the last digest, in one mail in their language. At most one
// digest per user and day (a SentReminder row with a unique key, as the
// reminders do), and each notification is claimed (digest → digested) in the
// same transaction as the mail: two runs at once, or a second run the same
// day, never send one twice. Run it once a day: `npm run notifications:digest`.
// A plain module (no "server-only"): the script uses it outside Next.js.
import { todayIso } from "@/domain/dates";
import type { NotificationKind } from "@/domain/notifications";
import { pseudonymisedKey } from "@/domain/reminders";
import type { Db } from "@/server/db/create-db";
import { queueMail } from "@/server/mail";
import { mailLocale } from "@/server/mail-templates";
import { digestMail } from "@/server/notification-mail";
import { isUniqueViolation } from "@/server/prisma-errors";

export interface DigestRun {
  today: string;
  /** Users whose digest was queued, with how many notifications each. */
  sent: { to: string; count: number; mailId: string }[];
  /** Users already sent today's digest (or by a concurrent run). */
  skipped: number;
}

class ClaimLost extends Error {}

export async function runDigests(db: Db, options: { now?: Date; baseUrl: string }): Promise<DigestRun> {
  const today = todayIso(options.now ?? new Date());
  const run: DigestRun = { today, sent: [], skipped: 0 };
  const waiting = await db.notification.groupBy({ by: ["userId"], where: { state: "digest" } });
  for (const { userId } of waiting) {
    try {
      const sent = await db.$transaction(async (tx) => {
        const user = await tx.user.findUniqueOrThrow({
          where: { id: userId },
          select: { email: true, displayName: true, locale: true, active: true },
        });
        // The unique key first: a second run today fails here and writes nothing.
        const record = await tx.sentReminder.create({
          data: { kind: "digest", recipient: user.email, dedupeKey: `digest|${userId}|${today}` },
        });
        const rows = await tx.notification.findMany({
          where: { userId, state: "digest" },
          orderBy: { createdAt: "asc" },
        });
        if (!user.active || rows.length === 0) return null;
        const cases = await tx.case.findMany({
          where: { id: { in: [...new Set(rows.map((r) => r.caseId))] } },
          select: { id: true, initials: true, birthDate: true, centre: { select: { code: true } } },
        });
        const keyOf = new Map(cases.map((c) => [c.id, pseudonymisedKey({ ...c, centreCode: c.centre.code })]));
        const items = rows.map((r) => ({
          kind: r.kind as NotificationKind,
          caseId: r.caseId,
          caseKey: keyOf.get(r.caseId) ?? r.caseId,
          fieldPath: r.fieldPath,
        }));
        const mailId = await queueMail(tx, {
          to: user.email,
          kind: "digest",
          ...digestMail(mailLocale(user.locale), user.displayName, items, options.baseUrl),
        });
        const claimed = await tx.notification.updateMany({
          where: { id: { in: rows.map((r) => r.id) }, state: "digest" },
          data: { state: "digested", mailId },
        });
        if (claimed.count !== rows.length) throw new ClaimLost();
        await tx.sentReminder.update({ where: { id: record.id }, data: { mailId } });
        return { to: user.email, count: rows.length, mailId };
      });
      if (sent) run.sent.push(sent);
    } catch (error) {
      if (!(error instanceof ClaimLost) && !isUniqueViolation(error)) throw error;
      run.skipped++;
    }
  }
  return run;
}
