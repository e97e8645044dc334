import "server-only";
import { clientAddress, trustedProxyHops } from "@/domain/throttle-policy";
import type { Db } from "../db/create-db";
import { db } from "../db/db.server";
import { env } from "../env";
import { signInWithPassword } from "./sign-in.server";

/**
 * The codes the sign-in page translates (authorize's thrown message reaches it
 * as `error`, in the JSON answer or in the URL of a form posted without
 * JavaScript). Nothing else ever reaches it: a database error's own text
 * (file paths, SQLITE_CANTOPEN…) stays in the server's log.
 */
export const SIGN_IN_ERRORS = { invalid: "INVALID", throttled: "THROTTLED", unavailable: "UNAVAILABLE" } as const;

type RequestHeaders = Record<string, string | string[] | undefined> | undefined;

function header(h: RequestHeaders, name: string): string | null {
  const value = h?.[name];
  return Array.isArray(value) ? value.join(",") : (value ?? null);
}

/** next-auth's credentials `authorize`: the user id, or an Error whose message is one of SIGN_IN_ERRORS. */
export async function authorizeCredentials(
  credentials: Record<string, unknown> | undefined,
  req: { headers?: RequestHeaders },
  database: () => Db = db,
): Promise<{ id: string }> {
  const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
  const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
  if (!email || !password) throw new Error(SIGN_IN_ERRORS.invalid);
  const client = clientAddress(header(req.headers, "x-forwarded-for"), trustedProxyHops(env().TRUST_PROXY_HOPS));
  let result: Awaited<ReturnType<typeof signInWithPassword>>;
  try {
    result = await signInWithPassword(database(), email, password, { client });
  } catch (error) {
    console.error(`sign-in could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    throw new Error(SIGN_IN_ERRORS.unavailable);
  }
  if (result.ok) return { id: result.userId };
  if (result.reason === "throttled") throw new Error(`${SIGN_IN_ERRORS.throttled}:${result.retryAt.toISOString()}`);
  throw new Error(SIGN_IN_ERRORS.invalid);
}
