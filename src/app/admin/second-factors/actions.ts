"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { linkSsoSubject, resetSecondFactors, unlinkSso } from "@/server/auth/mfa-admin.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Access: coordinators only ("user.manage", checked in each server function); never one's own reset.

export async function resetSecondFactorsAction(userId: string): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await resetSecondFactors(db(), actor, String(userId));
    return null;
  });
}

export async function linkSsoAction(userId: string, subject: string): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await linkSsoSubject(db(), actor, String(userId), subject);
    return null;
  });
}

export async function unlinkSsoAction(userId: string): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await unlinkSso(db(), actor, String(userId));
    return null;
  });
}
