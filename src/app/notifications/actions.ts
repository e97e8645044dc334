"use server";
import { runAction } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { updateNotificationPrefs } from "@/server/notifications.server";
import { requireActor } from "@/server/session.server";

// Access: every signed-in user, for their own account only ("notifications.own").
export async function updateNotificationPrefsAction(input: unknown) {
  const actor = await requireActor();
  return runAction(() => updateNotificationPrefs(db(), actor, input));
}
