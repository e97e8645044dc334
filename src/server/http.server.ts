import "server-only";
import { NextResponse } from "next/server";
import type { Actor } from "@/domain/actor";
import { ForbiddenError, InputError, NotFoundError } from "./errors";
import { getActor } from "./session.server";

export const MAX_JSON_BYTES = 256 * 1024;

type JsonBody = { ok: true; value: unknown } | { ok: false; response: NextResponse };

const fail = (status: number, key: string) => NextResponse.json({ fieldErrors: { _form: [{ key }] } }, { status });

/**
 * Reads a JSON request body defensively: same-origin only (the session cookie
 * must not be usable from another site), JSON content type, bounded size.
 */
export async function readJsonBody(req: Request): Promise<JsonBody> {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) return { ok: false, response: fail(403, "generic.forbidden") };
  if (!(req.headers.get("content-type") ?? "").startsWith("application/json")) return { ok: false, response: fail(415, "generic.invalid") };
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
