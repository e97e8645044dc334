import "server-only";
import { headers } from "next/headers";
import { NextResponse } from "next/server";
import type { Actor } from "@/domain/actor";
import { clientAddress, trustedProxyHops } from "@/domain/throttle-policy";
import { ForbiddenError, InputError, NotFoundError } from "./errors";
import { env as currentEnv } from "./env";
import { getActor } from "./session.server";

export const MAX_JSON_BYTES = 256 * 1024;

type JsonBody = { ok: true; value: unknown } | { ok: false; response: NextResponse };

const fail = (status: number, key: string) => NextResponse.json({ fieldErrors: { _form: [{ key }] } }, { status });

/**
 * Reads a JSON request body defensively: same-origin only (the session cookie
 * must not be usable from another site), JSON content type, bounded size.
 */
export async function readJsonBody(req: Request): Promise<JsonBody> {
  if (!sameOrigin(req.headers)) return { ok: false, response: fail(403, "generic.forbidden") };
  if (!(req.headers.get("content-type") ?? "").startsWith("application/json"))
    return { ok: false, response: fail(415, "generic.invalid") };
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BYTES) return { ok: false, response: fail(413, "generic.tooLarge") };
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // The declared length can lie: count what actually arrives.
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      return { ok: false, response: fail(413, "generic.tooLarge") };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: fail(400, "generic.invalidJson") };
  }
}

/** The request's Origin names this host. "null" (sandboxed frame, file:, data:) or anything unparsable is not. */
export function sameOrigin(h: Headers): boolean {
  const origin = h.get("origin");
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!origin || !host || !URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

/**
 * Whether this page request is one the user made on this site: a link or form
 * of ours (Sec-Fetch-Site "same-origin"), or an address typed, a bookmark
 * ("none"). A link from another site ("cross-site", "same-site") must not
 * trigger state-changing effects such as an audited print (docs/security.md).
 * Browsers that send no Sec-Fetch-Site (all current ones do) are let through.
 */
export async function isOwnNavigation(): Promise<boolean> {
  const site = (await headers()).get("sec-fetch-site");
  return site === null || site === "same-origin" || site === "none";
}

/** The client's address for per-client limits (ADR 0011; TRUST_PROXY_HOPS behind a reverse proxy). */
export function clientOf(
  h: Pick<Headers, "get">,
  env: Readonly<Record<string, string | undefined>> = currentEnv(),
): string {
  return clientAddress(h.get("x-forwarded-for"), trustedProxyHops(env.TRUST_PROXY_HOPS));
}

/** clientOf() for the current request (server actions, pages). */
export async function requestClient(): Promise<string> {
  return clientOf(await headers());
}

/** Runs a JSON route for a signed-in user and maps refusals to HTTP statuses. */
export async function jsonRoute(body: (actor: Actor) => Promise<unknown>): Promise<NextResponse> {
  const actor = await getActor();
  if (!actor) return fail(401, "generic.unauthenticated");
  try {
    return NextResponse.json(await body(actor));
  } catch (error) {
    if (error instanceof InputError) return NextResponse.json({ fieldErrors: error.fieldErrors }, { status: 400 });
    if (error instanceof NotFoundError) return fail(404, "generic.notFound");
    if (error instanceof ForbiddenError) return fail(403, "generic.forbidden");
    throw error;
  }
}
