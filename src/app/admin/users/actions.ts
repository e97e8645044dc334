"use server";
import { after } from "next/server";
import { action } from "@/server/action.server";
import type { Db } from "@/server/db/create-db";
import { publicBaseUrl } from "@/server/env";
import { deliverOutbox } from "@/server/outbox.server";
import { createUser, reinviteUser, resetUserPassword, setUserActive, unlockUser } from "@/server/users.server";

/**
 * The link chooses the account's password: it goes to its owner by mail only,
 * never back to the coordinator's browser (docs/security.md, "who can act as whom").
 * The mail goes out after the response (SMTP configured), else stays in the outbox.
 */
function withoutLink<T extends { inviteUrl: string }>(db: Db, data: T): Omit<T, "inviteUrl"> {
  const { inviteUrl: _secret, ...rest } = data;
  after(() => deliverOutbox(db));
  return rest;
}

// Links in the mails start with the configured public URL, never the request's Host (publicBaseUrl).

// Access: coordinators only ("user.manage", checked in createUser).
export const createUserAction = action(async ({ actor, db }, input: unknown) =>
  withoutLink(db, await createUser(db, actor, input, publicBaseUrl())),
);

// Access: coordinators only ("user.manage", checked in setUserActive); a coordinator cannot disable themselves.
export const setUserActiveAction = action(async ({ actor, db }, userId: string, active: boolean) => {
  await setUserActive(db, actor, String(userId), active === true);
  return null;
});

// Access: coordinators only ("user.manage", checked in reinviteUser).
export const reinviteUserAction = action(async ({ actor, db }, userId: string) =>
  withoutLink(db, await reinviteUser(db, actor, String(userId), publicBaseUrl())),
);

// Access: coordinators only ("user.manage", checked in resetUserPassword).
export const resetUserPasswordAction = action(async ({ actor, db }, userId: string) =>
  withoutLink(db, await resetUserPassword(db, actor, String(userId), publicBaseUrl())),
);

// Access: coordinators only ("user.manage", checked in unlockUser).
export const unlockUserAction = action(async ({ actor, db }, userId: string) => {
  await unlockUser(db, actor, String(userId));
  return null;
});
