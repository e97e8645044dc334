// Runs before every page and route: sets the per-request Content-Security-Policy
// nonce, slides the 30-minute idle session forward, and sends signed-out
// visitors to the sign-in page. It is a convenience, not the access control:
// every page, action and route re-checks the user on the server.
import { encode, getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import {
  authSecret,
  SESSION_IDLE_SECONDS,
  sessionCookieName,
  sessionIsCurrent,
  usesSecureCookies,
} from "./server/auth/session-config";
import { env } from "./server/env";

// /api/v1: the scripts API authenticates every request by its bearer token (ADR 0020), never by the session.
const PUBLIC = [
  /^\/login$/,
  /^\/forgot-password$/,
  /^\/invite\/[^/]+$/,
  /^\/api\/auth\//,
  /^\/api\/v1\//,
  /^\/favicon\.ico$/,
];

function contentSecurityPolicy(nonce: string): string {
  const dev = env().NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Next set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Next.js's server-action body limit (serverActions.bodySizeLimit, 1 MB by default). */
const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * A server action's body over the limit: Next.js would fail it with a 500 after
 * reading it. Refused here first, 413 with a sentence in the reader's language
 * (a body sent without Content-Length is still refused by Next.js, as a 500).
 */
function oversizedAction(req: NextRequest): NextResponse | null {
  if (req.method !== "POST" || !req.headers.has("next-action")) return null;
  const length = Number(req.headers.get("content-length") ?? "0");
  if (!(length > ACTION_BODY_LIMIT)) return null;
  const fr = req.cookies.get("NEXT_LOCALE")?.value !== "en";
  const message = fr ? "Envoi trop volumineux : 1 Mo au plus." : "Request too large: 1 MB at most.";
  return NextResponse.json({ error: "tooLarge", message }, { status: 413 });
}

/**
 * A server action's arguments naming `__proto__`: React decodes them without
 * that key, so the schema (strict: unknown keys refused) never sees it and the
 * action would run on the rest. Refused here from the raw body, 400, as the
 * JSON routes refuse an unknown key.
 */
async function prototypeKeyInAction(req: NextRequest): Promise<NextResponse | null> {
  if (req.method !== "POST" || !req.headers.has("next-action")) return null;
  const body = await req.clone().text();
  if (!/"__proto__"\s*:/.test(body) && !/name="[^"]*__proto__/.test(body)) return null;
  const fr = req.cookies.get("NEXT_LOCALE")?.value !== "en";
  const message = fr ? "Champ inconnu : __proto__." : "Unknown field: __proto__.";
  return NextResponse.json({ error: "unknownField", message }, { status: 400 });
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const refused = oversizedAction(req) ?? (await prototypeKeyInAction(req));
  if (refused) return refused;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const { pathname, search } = req.nextUrl;
  const isPublic = PUBLIC.some((re) => re.test(pathname));
  const secret = authSecret();
  const decoded = await getToken({ req, secret, secureCookie: usesSecureCookies() });
  // Past its 12-hour lifetime a session is not slid forward any more. (A session
  // voided by sign-out is refused by the server's user check, which reads the database.)
  const token = decoded && sessionIsCurrent(decoded.authAt, Date.now()) ? decoded : null;

  if (!token && !isPublic) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
    const login = new URL("/login", req.url);
    if (req.cookies.has(sessionCookieName())) login.searchParams.set("expired", "1");
    if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }

  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);

  // Re-issue the session with a fresh 30-minute expiry on each request: the
  // timeout counts idle time, not time since sign-in. next-auth's own routes
  // (sign-out in particular) manage the cookie themselves.
  if (token && !pathname.startsWith("/api/auth/")) {
    const fresh = await encode({ token, secret, maxAge: SESSION_IDLE_SECONDS });
    res.cookies.set(sessionCookieName(), fresh, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: usesSecureCookies(),
      maxAge: SESSION_IDLE_SECONDS,
    });
  }
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
