import "server-only";
import type { Actor } from "@/domain/actor";
import { newUserSchema } from "@/domain/user-input";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError } from "./errors";
import { createInvitation, INVITATION_HOURS } from "./invitations.server";
import { queueMail } from "./outbox.server";
import { isUniqueViolation } from "./prisma-errors";

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: string;
  centreCode: string | null;
  active: boolean;
  hasPassword: boolean;
  lockedUntil: Date | null;
}

export async function listUsers(db: Db, actor: Actor): Promise<UserRow[]> {
  authorize(actor, "user.manage");
  const users = await db.user.findMany({ include: { centre: true }, orderBy: [{ role: "asc" }, { email: "asc" }] });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    centreCode: u.centre?.code ?? null,
    active: u.active,
    hasPassword: u.passwordHash !== null,
    lockedUntil: u.lockedUntil,
  }));
}

function invitationMail(displayName: string, link: string): { subject: string; body: string } {
  return {
    subject: "DM-SAM eCRF — invitation / invitation",
    body: [
      `Bonjour ${displayName},`,
      "",
      `Un compte a été créé pour vous sur l'eCRF de l'étude DM-SAM. Choisissez votre mot de passe (lien valable ${INVITATION_HOURS} h, utilisable une fois) :`,
      link,
      "",
      "—",
      "",
      `Hello ${displayName},`,
      "",
      `An account has been created for you on the DM-SAM study eCRF. Choose your password (link valid ${INVITATION_HOURS} h, single use):`,
      link,
    ].join("\n"),
  };
}

/** Creates a user without a password and returns the one-time link to choose it. */
export async function createUser(db: Db, actor: Actor, input: unknown, baseUrl: string): Promise<{ userId: string; inviteUrl: string }> {
  authorize(actor, "user.manage");
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const v = parsed.data;
  const centre = v.role === "COORDINATOR" ? null : await db.centre.findUnique({ where: { code: v.centreCode } });
  if (v.role !== "COORDINATOR" && !centre) throw InputError.field("centreCode", { key: "centreCode.unknown", params: { code: v.centreCode } });
  if (await db.user.findUnique({ where: { email: v.email }, select: { id: true } })) {
    throw InputError.field("email", { key: "email.taken" });
  }
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: v.email, displayName: v.displayName, role: v.role, centreId: centre?.id ?? null } });
      const { token, expiresAt } = await createInvitation(tx, user.id, actor.id);
      const inviteUrl = `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
      await queueMail(tx, { to: user.email, kind: "invitation", ...invitationMail(user.displayName, inviteUrl) });
      const by = { id: actor.id, role: actor.role, centreCode: actor.centreCode };
      await appendAudit(tx, [
        { type: "user.created", actor: by, data: { userId: user.id, email: user.email, role: v.role, centreCode: centre?.code ?? null } },
        { type: "user.invited", actor: by, data: { userId: user.id, expiresAt: expiresAt.toISOString() } },
      ]);
      return { userId: user.id, inviteUrl };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw InputError.field("email", { key: "email.taken" });
    throw error;
  }
}

export async function listOutbox(db: Db, actor: Actor): Promise<{ id: string; to: string; subject: string; body: string; createdAt: Date; sentAt: Date | null }[]> {
  authorize(actor, "outbox.read");
  return db.outboxMail.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
}
