import "server-only";
import { headers } from "next/headers";

/** Where links in mails point: the configured public URL, else the host the coordinator used. */
export async function publicBaseUrl(): Promise<string> {
  const configured = process.env.APP_URL ?? process.env.NEXTAUTH_URL;
  if (configured) return configured;
  const h = await headers();
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${h.get("host") ?? "localhost:3000"}`;
}
