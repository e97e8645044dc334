"use server";
import { action } from "@/server/action.server";
import { createApiToken, revokeApiToken } from "@/server/api/tokens.server";

// Access: coordinators and statisticians ("api.token", checked in createApiToken), scopes their role allows.
export const createTokenAction = action(({ actor, db }, input: unknown) => createApiToken(db, actor, input));

// Access: the token's owner, or a coordinator for anyone's ("api.token" + "user.manage", checked in revokeApiToken).
export const revokeTokenAction = action(({ actor, db }, tokenId: unknown) => revokeApiToken(db, actor, tokenId));
