"use server";
import { after } from "next/server";
import { runAction, type ActionResult } from "@/server/action.server";
import { requestPasswordReset, resetLinkBaseUrl } from "@/server/auth/forgot-password.server";
import { db } from "@/server/db/db.server";
import { requestClient } from "@/server/http.server";
import { deliverOutbox } from "@/server/outbox.server";

// Access: anyone (signed out). The answer is the same whether the account exists
// or not: only a malformed address is refused; the outcome stays on the server.
export async function requestPasswordResetAction(input: unknown): Promise<ActionResult<null>> {
  const client = await requestClient();
  const result = await runAction(() => requestPasswordReset(db(), input, resetLinkBaseUrl(), new Date(), client));
  if (!result.ok) return result;
  if (result.data.outcome === "sent") after(() => deliverOutbox(db()));
  return { ok: true, data: null };
}
