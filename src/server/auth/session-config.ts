// Session settings shared by next-auth and the proxy that slides the session
// forward on each request (no server import: the proxy loads it too).

/** Sessions end after 30 minutes without a request (issue #2, docs/security.md). */
export const SESSION_IDLE_SECONDS = 30 * 60;

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret && process.env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set (see .env.example)");
  }
  // Only reachable in development and tests, where .env may not exist yet.
  return secret ?? "development-only-secret-change-me-0123456789";
}

/** next-auth names its cookie __Secure-… when the site is served over HTTPS. */
export function usesSecureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
