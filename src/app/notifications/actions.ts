"use server";
import { action } from "@/server/action.server";
import { updateNotificationPrefs } from "@/server/notifications.server";

// Access: every signed-in user, for their own account only ("notifications.own").
export const updateNotificationPrefsAction = action(({ actor, db }, input: unknown) =>
  updateNotificationPrefs(db, actor, input),
);
