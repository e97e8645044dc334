// Session settings shared by next-auth and the proxy that slides the session
// forward on each request (no server import: the proxy loads it too).
import { env as currentEnv } from "../env";

/** Sessions end after 30 minutes without a request (issue #2, docs/security.md). */
export const SESSION_IDLE_SECONDS = 30 * 60;

/**
 * A session ends 12 hours after sign-in however active it is: the sliding idle
 * expiry alone would let a copied cookie live as long as someone keeps using it.
 */
export const SESSION_MAX_SECONDS = 12 * 60 * 60;

/**
 * Whether a session that began at `startedAt` (ms, the token's `authAt`) may
 * still be used: not older than SESSION_MAX_SECONDS, and not begun before the
 * user's sessions were voided (sign-out, password change). A token without a
 * start time predates this rule and is refused.
 */
export function sessionIsCurrent(startedAt: unknown, now: number, validFrom: Date | null = null): boolean {
  if (typeof startedAt !== "number" || !Number.isFinite(startedAt)) return false;
  if (startedAt > now + 60_000 || now - startedAt > SESSION_MAX_SECONDS * 1000) return false;
  return validFrom === null || startedAt >= validFrom.getTime();
}

/** Shortest secret accepted in production: 32 characters (`npm run setup` writes 44, base64 of 32 random bytes). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Signs development and test sessions when no secret is configured, so that
 * `npm run dev` works on a fresh checkout. Never used in production: there the
 * app refuses to start without a real secret (see assertProductionSecret).
 */
export const DEVELOPMENT_ONLY_SECRET = "development-only-secret-never-used-in-production-0123456789";

type Env = Readonly<Record<string, string | undefined>>;

export class SecretConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretConfigError";
  }
}

/**
 * The configured secret: NEXTAUTH_SECRET, else AUTH_SECRET (next-auth's newer
 * name). Empty or blank counts as unset — .env.example ships `NEXTAUTH_SECRET=""`.
 */
export function configuredSecret(env: Env = currentEnv()): string | undefined {
  return env.NEXTAUTH_SECRET?.trim() || env.AUTH_SECRET?.trim() || undefined;
}

/** Throws when production would run without a usable secret (unset, empty, or shorter than 32 characters). */
export function assertProductionSecret(env: Env = currentEnv()): void {
  if (env.NODE_ENV !== "production") return;
  const secret = configuredSecret(env);
  if (!secret) {
    throw new SecretConfigError(
      "NEXTAUTH_SECRET is not set (empty counts as unset): the app refuses to start in production without it. See .env.example.",
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SecretConfigError(
      `NEXTAUTH_SECRET is ${secret.length} characters long: production needs at least ${MIN_SECRET_LENGTH} (e.g. 32 random bytes in base64). See .env.example.`,
    );
  }
}

export function authSecret(env: Env = currentEnv()): string {
  assertProductionSecret(env);
  return configuredSecret(env) ?? DEVELOPMENT_ONLY_SECRET;
}

/** next-auth names its cookie __Secure-… when the site is served over HTTPS. */
export function usesSecureCookies(): boolean {
  return (currentEnv().NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}
