"use server";
import { publicAction } from "@/server/action.server";
import { requestClient } from "@/server/http.server";
import { acceptInvitation } from "@/server/invitations.server";

// Access: anyone holding a valid, unused, unexpired invitation token.
export const acceptInvitationAction = publicAction(async ({ db }, token: string, input: unknown) =>
  acceptInvitation(db, String(token), input, new Date(), await requestClient()),
);
