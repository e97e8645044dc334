"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { createApiToken, revokeApiToken, type CreatedToken } from "@/server/api/tokens.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Access: coordinators and statisticians ("api.token", checked in createApiToken), scopes their role allows.
export async function createTokenAction(input: unknown): Promise<ActionResult<CreatedToken>> {
  const actor = await requireActor();
  return runAction(() => createApiToken(db(), actor, input));
}

// Access: the token's owner, or a coordinator for anyone's ("api.token" + "user.manage", checked in revokeApiToken).
export async function revokeTokenAction(tokenId: unknown): Promise<ActionResult<void>> {
  const actor = await requireActor();
  return runAction(() => revokeApiToken(db(), actor, tokenId));
}
