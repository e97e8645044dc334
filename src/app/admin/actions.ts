"use server";
import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { createUser } from "@/server/users.server";

/** Where invitation links point: the configured public URL, else the host the coordinator used. */
async function publicBaseUrl(): Promise<string> {
  const configured = process.env.APP_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return configured;
  const h = await headers();
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${h.get("host") ?? "localhost:3000"}`;
}

// Access: coordinators only ("user.manage", checked in createUser).
export async function createUserAction(input: unknown): Promise<ActionResult<{ userId: string; inviteUrl: string }>> {
  const actor = await requireActor();
  const baseUrl = await publicBaseUrl();
  return runAction(() => createUser(db(), actor, input, baseUrl));
}
