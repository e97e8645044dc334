import "server-only";
import type { Actor } from "@/domain/actor";
import { isCentreScoped, monitorsSomeCentres } from "@/domain/roles";
import { centreCodeList, newUserSchema } from "@/domain/user-input";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize } from "./access.server";
import { clearSignInDelays } from "./auth/sign-in.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { createInvitation, INVITATION_HOURS, revokeInvitations } from "./invitations.server";
import { invitationMail, mailLocale, passwordResetMail, reinvitationMail } from "./mail-templates";
import { queueMail } from "./outbox.server";

// The outbox listing masks secret links: it lives with the outbox (re-exported for existing callers).
export { listOutbox } from "./outbox.server";
import { isUniqueViolation } from "./prisma-errors";

const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });
const linkTo = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, "")}/invite/${token}`;

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: string;
  centreCode: string | null;
  /** Monitors: "all", or the codes of the centres they monitor. */
  monitored: "all" | string[] | null;
  active: boolean;
  hasPassword: boolean;
  lockedUntil: Date | null;
  /** Consecutive failed sign-ins since the last success (reset to 0 when the account locks). */
  failedAttempts: number;
}

export async function listUsers(db: Db, actor: Actor): Promise<UserRow[]> {
  authorize(actor, "user.manage");
  const users = await db.user.findMany({
    include: { centre: true, monitoredCentres: { include: { centre: { select: { code: true } } } } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    centreCode: u.centre?.code ?? null,
    monitored:
      u.role !== "MONITOR" ? null : u.monitorsAllCentres ? "all" : u.monitoredCentres.map((m) => m.centre.code).sort(),
    active: u.active,
    hasPassword: u.passwordHash !== null,
    lockedUntil: u.lockedUntil,
    failedAttempts: u.failedAttempts,
  }));
}

/** Creates a user without a password and returns the one-time link to choose it. */
export async function createUser(
  db: Db,
  actor: Actor,
  input: unknown,
  baseUrl: string,
): Promise<{ userId: string; inviteUrl: string }> {
  authorize(actor, "user.manage");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const v = parsed.data;
  const centre = isCentreScoped(v.role) ? await db.centre.findUnique({ where: { code: v.centreCode } }) : null;
  if (isCentreScoped(v.role) && !centre)
    throw InputError.field("centreCode", { key: "centreCode.unknown", params: { code: v.centreCode } });
  const monitorsAll = monitorsSomeCentres(v.role) && v.monitorsAllCentres;
  const monitored = monitorsSomeCentres(v.role) && !monitorsAll ? await monitoredCentreIds(db, v.monitoredCentres) : [];
  if (await db.user.findUnique({ where: { email: v.email }, select: { id: true } })) {
    throw InputError.field("email", { key: "email.taken" });
  }
  try {
    return await db.$transaction(async (tx) => {
      // The language the coordinator chose: the invitation and every later mail are written in it, and the interface opens in it.
      const user = await tx.user.create({
        data: {
          email: v.email,
          displayName: v.displayName,
          role: v.role,
          centreId: centre?.id ?? null,
          locale: v.locale,
          monitorsAllCentres: monitorsAll,
          monitoredCentres: { create: monitored.map((m) => ({ centreId: m.id })) },
        },
      });
      const { token, expiresAt } = await createInvitation(tx, user.id, actor.id);
      const inviteUrl = linkTo(baseUrl, token);
      const mail = invitationMail(mailLocale(user.locale), {
        displayName: user.displayName,
        link: inviteUrl,
        hours: INVITATION_HOURS,
      });
      await queueMail(tx, { to: user.email, kind: "invitation", ...mail });
      await appendAudit(tx, [
        {
          type: "user.created",
          actor: by(actor),
          data: {
            userId: user.id,
            email: user.email,
            role: v.role,
            centreCode: centre?.code ?? null,
            ...(monitorsSomeCentres(v.role)
              ? { monitoredCentres: monitorsAll ? "all" : monitored.map((m) => m.code) }
              : {}),
          },
        },
        { type: "user.invited", actor: by(actor), data: { userId: user.id, expiresAt: expiresAt.toISOString() } },
      ]);
      return { userId: user.id, inviteUrl };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw InputError.field("email", { key: "email.taken" });
    throw error;
  }
}

/** The centres a new monitor will read, from the codes typed; an unknown code is refused on the field. */
async function monitoredCentreIds(db: Db, text: string): Promise<{ id: string; code: string }[]> {
  const codes = centreCodeList(text);
  const found = await db.centre.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const unknown = codes.find((c) => !found.some((f) => f.code === c));
  if (unknown)
    throw InputError.field("monitoredCentres", { key: "monitoredCentres.unknown", params: { code: unknown } });
  return found;
}

async function userOrNotFound(db: Db, userId: string) {
  const user = await db.user.findUnique({ where: { id: String(userId) } });
  if (!user) throw new NotFoundError();
  return user;
}

/** Disables (or enables again) an account: a disabled user cannot sign in, and loses access at their next request. */
export async function setUserActive(
  db: Db,
  actor: Actor,
  userId: string,
  active: boolean,
  now: Date = new Date(),
): Promise<void> {
  authorize(actor, "user.manage");
  if (!active && userId === actor.id) throw InputError.form({ key: "admin.user.self" });
  const user = await userOrNotFound(db, userId);
  if (user.active === active) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { active } });
    // A disabled account's pending links stop working too (re-enabling does not revive them: re-invite).
    if (!active) await revokeInvitations(tx, user.id, now);
    await appendAudit(
      tx,
      [
        {
          type: active ? "user.enabled" : "user.disabled",
          actor: by(actor),
          data: { userId: user.id, email: user.email },
        },
      ],
      now,
    );
  });
}

/**
 * A new one-time link to choose a password: "reinvite" for an account that never
 * set one, "reset" (password reset) for one that did. Every earlier unused link
 * stops working. The link goes to the outbox (and SMTP when configured) and is
 * returned to be shown once to the coordinator.
 */
async function sendPasswordLink(
  db: Db,
  actor: Actor,
  userId: string,
  baseUrl: string,
  purpose: "reinvite" | "reset",
  now: Date,
): Promise<{ inviteUrl: string }> {
  authorize(actor, "user.manage");
  const user = await userOrNotFound(db, userId);
  if (!user.active) throw InputError.form({ key: "admin.user.inactive" });
  if (purpose === "reinvite" && user.passwordHash) throw InputError.form({ key: "admin.user.hasPassword" });
  if (purpose === "reset" && !user.passwordHash) throw InputError.form({ key: "admin.user.noPassword" });
  return db.$transaction(async (tx) => {
    const revokedLinks = await revokeInvitations(tx, user.id, now);
    const { token, expiresAt } = await createInvitation(tx, user.id, actor.id, now);
    const inviteUrl = linkTo(baseUrl, token);
    const content = { displayName: user.displayName, link: inviteUrl, hours: INVITATION_HOURS };
    const mail =
      purpose === "reinvite"
        ? reinvitationMail(mailLocale(user.locale), content)
        : passwordResetMail(mailLocale(user.locale), content);
    await queueMail(tx, { to: user.email, kind: purpose === "reinvite" ? "invitation" : "password_reset", ...mail });
    await appendAudit(
      tx,
      [
        {
          type: purpose === "reinvite" ? "user.reinvited" : "user.password_reset",
          actor: by(actor),
          data: { userId: user.id, email: user.email, expiresAt: expiresAt.toISOString(), revokedLinks },
        },
      ],
      now,
    );
    return { inviteUrl };
  });
}

/** Sends a new invitation link to an account that has not chosen its password; the old links stop working. */
export async function reinviteUser(
  db: Db,
  actor: Actor,
  userId: string,
  baseUrl: string,
  now: Date = new Date(),
): Promise<{ inviteUrl: string }> {
  return sendPasswordLink(db, actor, userId, baseUrl, "reinvite", now);
}

/** Coordinator-triggered password reset: a 72 h one-time link (same page as invitations); the current password works until it is used. */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  userId: string,
  baseUrl: string,
  now: Date = new Date(),
): Promise<{ inviteUrl: string }> {
  return sendPasswordLink(db, actor, userId, baseUrl, "reset", now);
}

/** Lifts a sign-in lock-out (and the failure count) before its 15 minutes are over. */
export async function unlockUser(db: Db, actor: Actor, userId: string, now: Date = new Date()): Promise<void> {
  authorize(actor, "user.manage");
  const user = await userOrNotFound(db, userId);
  if (user.lockedUntil === null && user.failedAttempts === 0) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedAttempts: 0 } });
    await clearSignInDelays(tx, user.email);
    await appendAudit(
      tx,
      [
        {
          type: "user.unlocked",
          actor: by(actor),
          data: {
            userId: user.id,
            email: user.email,
            lockedUntil: user.lockedUntil?.toISOString() ?? null,
            failedAttempts: user.failedAttempts,
          },
        },
      ],
      now,
    );
  });
}
