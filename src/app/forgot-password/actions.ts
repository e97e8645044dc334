"use server";
import { after } from "next/server";
import { publicAction } from "@/server/action.server";
import { requestPasswordReset, resetLinkBaseUrl } from "@/server/auth/forgot-password.server";
import { requestClient } from "@/server/http.server";
import { deliverOutbox } from "@/server/outbox.server";

// Access: anyone (signed out). The answer is the same whether the account exists
// or not: only a malformed address is refused; the outcome stays on the server.
export const requestPasswordResetAction = publicAction(async ({ db }, input: unknown) => {
  const client = await requestClient();
  const { outcome } = await requestPasswordReset(db, input, resetLinkBaseUrl(), new Date(), client);
  if (outcome === "sent") after(() => deliverOutbox(db));
  return null;
});
