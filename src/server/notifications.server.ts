import "server-only";
import { z } from "zod";
import type { Actor } from "@/domain/actor";
import {
  deliveryFor,
  isEssential,
  NOTIFY_MODES,
  type NotificationKind,
  notificationKey,
  recipientsOf,
} from "@/domain/notifications";
import { pseudonymisedKey } from "@/domain/reminders";
import type { Role } from "@/domain/roles";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize } from "./access.server";
import { appendAudit, type Tx } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { queueMail } from "./mail";
import { mailLocale } from "./mail-templates";
import { notificationMail } from "./notification-mail";

// Notifications of workflow events (ADR 0016). The workflow functions call
// notify() inside their transaction, after the change: the notifications and
// their mails exist only if the change commits. One Notification row per
// event and recipient, under a unique key (the event's query message, or the
// case version validated, with the recipient): calling notify() again for the
// same event (a retried request) finds the rows and sends nothing more.

export type NotificationEvent =
  | { kind: "query_raised" | "query_reopened" | "case_sent_back" | "query_answered"; queryId: string }
  | { kind: "case_validated"; caseId: string; version: number }
  | { kind: "question_asked" | "question_answered"; questionId: string };

/** What the event is about, and its unique id. */
async function subjectOf(tx: Tx, event: NotificationEvent) {
  if (event.kind === "case_validated")
    return {
      caseId: event.caseId,
      fieldPath: null,
      raisedBy: null,
      eventId: `case_validated:${event.caseId}:${event.version}`,
    };
  if ("questionId" in event) {
    const q = await tx.caseQuestion.findUniqueOrThrow({
      where: { id: event.questionId },
      select: {
        caseId: true,
        fieldPath: true,
        createdById: true,
        messages: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true } },
      },
    });
    return {
      caseId: q.caseId,
      fieldPath: q.fieldPath,
      raisedBy: q.createdById,
      eventId: `${event.kind}:${q.messages[0]?.id ?? q.caseId}`,
    };
  }
  const query = await tx.query.findUniqueOrThrow({
    where: { id: event.queryId },
    select: {
      caseId: true,
      fieldPath: true,
      createdById: true,
      messages: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { id: true } },
    },
  });
  // The message this event wrote (raised, answered, reopened): each answer of a thread is its own event.
  const messageId = query.messages[0]?.id ?? query.caseId;
  return {
    caseId: query.caseId,
    fieldPath: query.fieldPath,
    raisedBy: query.createdById,
    eventId: `${event.kind}:${messageId}`,
  };
}

/** Writes the event's notifications (and the immediate mails) in the caller's transaction; returns how many were new. */
export async function notify(tx: Tx, actor: Actor, event: NotificationEvent): Promise<number> {
  const subject = await subjectOf(tx, event);
  const row = await tx.case.findUniqueOrThrow({
    where: { id: subject.caseId },
    select: {
      initials: true,
      birthDate: true,
      centreId: true,
      createdById: true,
      centre: { select: { code: true } },
      signatures: { orderBy: [{ caseVersion: "desc" }, { signedAt: "desc" }], take: 1, select: { signedById: true } },
    },
  });
  const candidates = await tx.user.findMany({
    where: {
      active: true,
      OR: [
        { centreId: row.centreId },
        { role: "COORDINATOR" },
        ...(subject.raisedBy ? [{ id: subject.raisedBy }] : []),
      ],
    },
    select: {
      id: true,
      role: true,
      active: true,
      centreId: true,
      email: true,
      displayName: true,
      locale: true,
      notifyMode: true,
      muteNonEssential: true,
    },
  });
  const parties = {
    centreId: row.centreId,
    createdById: row.createdById,
    signedById: row.signatures[0]?.signedById ?? null,
    queryRaisedById: subject.raisedBy,
  };
  const ids = recipientsOf(
    event.kind,
    parties,
    candidates.map((c) => ({ ...c, role: c.role as Role })),
    actor.id,
  );
  const item = {
    kind: event.kind,
    caseId: subject.caseId,
    caseKey: pseudonymisedKey({ ...row, centreCode: row.centre.code }),
    fieldPath: subject.fieldPath,
  };
  let created = 0;
  for (const user of candidates.filter((c) => ids.includes(c.id))) {
    const dedupeKey = notificationKey(subject.eventId, user.id);
    if (await tx.notification.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
    const state = deliveryFor(event.kind, user);
    const mailId =
      state === "queued"
        ? await queueMail(tx, {
            to: user.email,
            kind: "notification",
            ...notificationMail(mailLocale(user.locale), user.displayName, item),
          })
        : null;
    await tx.notification.create({
      data: {
        dedupeKey,
        userId: user.id,
        kind: event.kind,
        caseId: subject.caseId,
        fieldPath: subject.fieldPath,
        essential: isEssential(event.kind),
        state,
        mailId,
      },
    });
    created++;
  }
  return created;
}

// ---------------------------------------------------------------------------
// One's own preferences and notifications
// ---------------------------------------------------------------------------

export const notificationPrefsSchema = z.strictObject({
  notifyMode: z.enum(NOTIFY_MODES, { message: "notificationPrefs.modeInvalid" }),
  muteNonEssential: z.boolean().optional().default(false),
});

export interface NotificationPrefs {
  notifyMode: (typeof NOTIFY_MODES)[number];
  muteNonEssential: boolean;
}

export async function getNotificationPrefs(db: Db, actor: Actor): Promise<NotificationPrefs> {
  authorize(actor, "notifications.own");
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { notifyMode: true, muteNonEssential: true },
  });
  return { notifyMode: user.notifyMode === "digest" ? "digest" : "immediate", muteNonEssential: user.muteNonEssential };
}

/** The user's own choice (audited); it applies to the notifications that follow. */
export async function updateNotificationPrefs(db: Db, actor: Actor, input: unknown): Promise<NotificationPrefs> {
  authorize(actor, "notifications.own");
  const parsed = notificationPrefsSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const prefs = parsed.data;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: prefs });
    await appendAudit(tx, [
      {
        type: "user.notification_prefs_changed",
        actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
        data: prefs,
      },
    ]);
  });
  return prefs;
}

export interface MyNotification {
  id: string;
  kind: NotificationKind;
  caseId: string;
  caseKey: string;
  fieldPath: string | null;
  state: string;
  createdAt: Date;
}

/** The user's latest notifications (their own only), newest first. */
export async function myNotifications(db: Db, actor: Actor, take = 50): Promise<MyNotification[]> {
  authorize(actor, "notifications.own");
  const rows = await db.notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take });
  const cases = await db.case.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.caseId))] } },
    select: { id: true, initials: true, birthDate: true, centre: { select: { code: true } } },
  });
  // The pseudonymised key, as in the mail that was addressed to this user.
  const keyOf = new Map(cases.map((c) => [c.id, pseudonymisedKey({ ...c, centreCode: c.centre.code })]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    caseId: r.caseId,
    caseKey: keyOf.get(r.caseId) ?? "—",
    fieldPath: r.fieldPath,
    state: r.state,
    createdAt: r.createdAt,
  }));
}
