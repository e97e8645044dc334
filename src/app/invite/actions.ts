"use server";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { requestClient } from "@/server/http.server";
import { acceptInvitation } from "@/server/invitations.server";

// Access: anyone holding a valid, unused, unexpired invitation token.
export async function acceptInvitationAction(token: string, input: unknown): Promise<ActionResult<{ email: string }>> {
  const client = await requestClient();
  return runAction(() => acceptInvitation(db(), String(token), input, new Date(), client));
}
