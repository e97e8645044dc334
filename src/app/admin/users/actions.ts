"use server";
import { after } from "next/server";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { publicBaseUrl } from "@/server/env";
import { deliverOutbox } from "@/server/outbox.server";
import { requireActor } from "@/server/session.server";
import { createUser, reinviteUser, resetUserPassword, setUserActive, unlockUser } from "@/server/users.server";

/** Mail queued by an action goes out after the response (SMTP configured), else stays in the outbox. */
function deliverAfterResponse(): void {
  after(() => deliverOutbox(db()));
}

/**
 * The link chooses the account's password: it goes to its owner by mail only,
 * never back to the coordinator's browser (docs/security.md, "who can act as whom").
 */
function withoutLink<T extends { inviteUrl: string }>(result: ActionResult<T>): ActionResult<Omit<T, "inviteUrl">> {
  if (!result.ok) return result;
  const { inviteUrl: _secret, ...rest } = result.data;
  deliverAfterResponse();
  return { ok: true, data: rest };
}

// Access: coordinators only ("user.manage", checked in createUser).
export async function createUserAction(input: unknown): Promise<ActionResult<{ userId: string }>> {
  const actor = await requireActor();
  const baseUrl = publicBaseUrl();
  return withoutLink(await runAction(() => createUser(db(), actor, input, baseUrl)));
}

// Access: coordinators only ("user.manage", checked in setUserActive); a coordinator cannot disable themselves.
export async function setUserActiveAction(userId: string, active: boolean): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await setUserActive(db(), actor, String(userId), active === true);
    return null;
  });
}

// Access: coordinators only ("user.manage", checked in reinviteUser).
export async function reinviteUserAction(userId: string): Promise<ActionResult<Record<string, never>>> {
  const actor = await requireActor();
  const baseUrl = publicBaseUrl();
  return withoutLink(await runAction(() => reinviteUser(db(), actor, String(userId), baseUrl)));
}

// Access: coordinators only ("user.manage", checked in resetUserPassword).
export async function resetUserPasswordAction(userId: string): Promise<ActionResult<Record<string, never>>> {
  const actor = await requireActor();
  const baseUrl = publicBaseUrl();
  return withoutLink(await runAction(() => resetUserPassword(db(), actor, String(userId), baseUrl)));
}

// Access: coordinators only ("user.manage", checked in unlockUser).
export async function unlockUserAction(userId: string): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await unlockUser(db(), actor, String(userId));
    return null;
  });
}
