"use server";
import { action } from "@/server/action.server";
import { linkSsoSubject, resetSecondFactors, unlinkSso } from "@/server/auth/mfa-admin.server";

// Access: coordinators only ("user.manage", checked in each server function); never one's own reset.

export const resetSecondFactorsAction = action(async ({ actor, db }, userId: string) => {
  await resetSecondFactors(db, actor, String(userId));
  return null;
});

export const linkSsoAction = action(async ({ actor, db }, userId: string, subject: string) => {
  await linkSsoSubject(db, actor, String(userId), subject);
  return null;
});

export const unlinkSsoAction = action(async ({ actor, db }, userId: string) => {
  await unlinkSso(db, actor, String(userId));
  return null;
});
