// Every environment variable the app reads, in one Zod schema (issue #12). The
// server parses it when it starts (src/instrumentation.ts): a production server
// with a missing or malformed setting refuses to start with a message naming
// the variable and the rule, instead of failing requests one by one later.
// Modules read the result through env(), never process.env.
//
// A plain module (no "server-only", no Next.js import): the proxy, the scripts
// (seed, audit:verify, digest) and the tests load it too.
import { z } from "zod";
import { parseRequiredRoles } from "@/domain/mfa/policy";

/** Empty or blank counts as unset (.env.example ships `NEXTAUTH_SECRET=""`); values are trimmed. */
const blankAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = (schema: z.ZodType<string, string> = z.string()) =>
  z.preprocess(blankAsUnset, z.string().trim().pipe(schema).optional());

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}, "must be an absolute http:// or https:// URL (e.g. https://ecrf.example-chu.fr)");
const flag = z.enum(["true", "false"], { message: 'must be "true" or "false"' });

/** 32 bytes, base64 or hex — the same reading as totp-crypto's parseKey. */
const key32 = z.string().refine((text) => {
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  return bytes.length === 32;
}, "must be 32 random bytes, base64 or hex (openssl rand -base64 32)");

/** id:secret pairs, comma-separated (audit-config.ts parses them; this only says what is malformed). */
const auditKeys = z.string().refine(
  (text) =>
    text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .every((item) => /^[A-Za-z0-9._-]{1,40}:\s*\S.{31,}$/.test(item)),
  "must be id:secret pairs, comma-separated; ids of letters, digits, '.', '_', '-'; secrets of 32+ characters",
);

export const ENV_SCHEMA = z.object({
  // Set by the tools.
  NODE_ENV: optional(),
  NEXT_RUNTIME: optional(),
  NEXT_PHASE: optional(),
  ECRF_ENV: optional(),
  // The database.
  DATABASE_URL: optional(
    z.string().regex(/^(file:|postgres(ql)?:\/\/)/i, "must start with file: (SQLite) or postgresql:// (PostgreSQL)"),
  ),
  // The public URL: where users reach the app, and every link in a mail (publicBaseUrl below).
  NEXTAUTH_URL: optional(httpUrl),
  APP_URL: optional(httpUrl),
  // next-auth would take its origin from X-Forwarded-Host with it: refused (productionProblems).
  AUTH_TRUST_HOST: optional(),
  // Sessions.
  NEXTAUTH_SECRET: optional(),
  AUTH_SECRET: optional(),
  // The audit trail (ADR 0009).
  AUDIT_HMAC_KEYS: optional(auditKeys),
  AUDIT_CHECKPOINT_FILE: optional(),
  // Mail.
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//i, "must start with smtp:// or smtps://")),
  MAIL_FROM: optional(),
  MAIL_DROP_DIR: optional(),
  // Reverse proxies (ADR 0011).
  TRUST_PROXY_HOPS: optional(z.string().regex(/^([0-9]|10)$/, "must be a whole number from 0 to 10")),
  // Strong sign-in (ADR 0012).
  MFA_ENCRYPTION_KEY: optional(key32),
  MFA_ENCRYPTION_KEY_PREVIOUS: optional(key32),
  MFA_REQUIRED_ROLES: optional(
    z
      .string()
      .refine(
        (text) => parseRequiredRoles(text).unknown.length === 0,
        'must list CLINICIAN, RESEARCH_ASSISTANT, MONITOR, STATISTICIAN, COORDINATOR (comma-separated), or "all"',
      ),
  ),
  WEBAUTHN_ORIGIN: optional(httpUrl),
  WEBAUTHN_RP_ID: optional(z.string().regex(/^[a-z0-9.-]+$/i, "must be a host name (e.g. ecrf.example-chu.fr)")),
  OIDC_ISSUER: optional(httpUrl),
  OIDC_CLIENT_ID: optional(),
  OIDC_CLIENT_SECRET: optional(),
  OIDC_NAME: optional(),
  OIDC_SCOPES: optional(),
  OIDC_ACR_VALUES: optional(),
  OIDC_USERINFO: optional(flag),
  OIDC_TOKEN_AUTH_METHOD: optional(
    z.enum(["client_secret_basic", "client_secret_post"], {
      message: "must be client_secret_basic or client_secret_post",
    }),
  ),
  OIDC_SUBJECT_CLAIM: optional(),
  OIDC_EMAIL_CLAIM: optional(),
  OIDC_EMAIL_VERIFIED_CLAIM: optional(),
  OIDC_MATCH_BY_EMAIL: optional(flag),
  OIDC_STRONG_ACR: optional(),
});

export type ServerEnv = z.infer<typeof ENV_SCHEMA>;
type RawEnv = Readonly<Record<string, string | undefined>>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`the environment is not usable (see .env.example, docs/deployment.md):\n  - ${problems.join("\n  - ")}`);
    this.name = "EnvError";
  }
}

export const isProductionEnv = (source: RawEnv): boolean =>
  source.NODE_ENV === "production" || source.ECRF_ENV === "production";

const issueText = (issue: z.core.$ZodIssue): string => `${issue.path.join(".") || "environment"} ${issue.message}`;

/** The variables, checked for form only (what a development checkout or a test may leave unset is unset). */
export function parseEnv(source: RawEnv): ServerEnv {
  const parsed = ENV_SCHEMA.safeParse(source);
  if (!parsed.success) throw new EnvError(parsed.error.issues.map(issueText));
  return parsed.data;
}

const MIN_SECRET = 32;

/**
 * What production needs besides well-formed values; each line names the
 * variable and the rule. The modules that use a value keep their own deeper
 * checks (audit-config, totp-crypto, session-config), run at start as well.
 */
export function productionProblems(e: ServerEnv): string[] {
  if (!isProductionEnv(e)) return [];
  const problems: string[] = [];
  const secret = e.NEXTAUTH_SECRET ?? e.AUTH_SECRET;
  if (!secret) problems.push("NEXTAUTH_SECRET is required in production (32+ random characters)");
  else if (secret.length < MIN_SECRET)
    problems.push(`NEXTAUTH_SECRET must be at least ${MIN_SECRET} characters in production (it is ${secret.length})`);
  if (!e.AUDIT_HMAC_KEYS) problems.push("AUDIT_HMAC_KEYS is required in production (id:secret pairs)");
  else if (/(^|,)\s*dev:/.test(e.AUDIT_HMAC_KEYS))
    problems.push('AUDIT_HMAC_KEYS must not use the key id "dev" in production (reserved for development)');
  if (!e.AUDIT_CHECKPOINT_FILE) problems.push("AUDIT_CHECKPOINT_FILE is required in production (a file path)");
  if (!e.MFA_ENCRYPTION_KEY) problems.push("MFA_ENCRYPTION_KEY is required in production (32 random bytes, base64)");
  if (!e.NEXTAUTH_URL)
    problems.push("NEXTAUTH_URL is required in production: the public URL, used for sign-in redirects and mail links");
  for (const name of ["NEXTAUTH_URL", "APP_URL", "WEBAUTHN_ORIGIN"] as const) {
    const value = e[name];
    if (value && new URL(value).protocol !== "https:" && !LOOPBACK.has(new URL(value).hostname))
      problems.push(`${name} must be an https:// URL in production (http:// only for localhost)`);
  }
  if (e.AUTH_TRUST_HOST)
    problems.push(
      "AUTH_TRUST_HOST must not be set: the public URL comes from NEXTAUTH_URL, never from the Host header",
    );
  if (e.SMTP_URL && !e.MAIL_FROM) problems.push("MAIL_FROM is required with SMTP_URL (the sender address)");
  return problems;
}

/** Parses and checks the environment for a server start; throws an EnvError listing every problem. */
export function checkServerEnv(source: RawEnv): ServerEnv {
  const parsed = parseEnv(source);
  const problems = productionProblems(parsed);
  if (problems.length > 0) throw new EnvError(problems);
  return parsed;
}

let cached: { fingerprint: string; value: ServerEnv } | null = null;
const KEYS = Object.keys(ENV_SCHEMA.shape);
/** Shared by every bundle of one server process (instrumentation and routes are bundled apart). */
const started = globalThis as { __ecrfServerEnv?: ServerEnv };

/**
 * A production server whose environment passed the start check keeps it: its
 * environment does not change while it runs, and env() then costs nothing.
 */
export function keepServerEnv(value: ServerEnv): void {
  if (isProductionEnv(value)) started.__ecrfServerEnv = value;
}

/**
 * The typed environment. The production server's is the one checked at start;
 * elsewhere (development, scripts, tests that set variables between cases) it
 * is parsed again only when a variable changed.
 */
export function env(): ServerEnv {
  if (started.__ecrfServerEnv) return started.__ecrfServerEnv;
  const fingerprint = KEYS.map((k) => process.env[k] ?? "\u0000").join("\u0001");
  if (cached?.fingerprint !== fingerprint) cached = { fingerprint, value: parseEnv(process.env) };
  return cached.value;
}

/** Outside production without a configured URL: the development server's address. */
export const DEVELOPMENT_BASE_URL = "http://localhost:3000";

/**
 * THE public-URL policy: every link in a mail (invitations, password resets,
 * notifications), the passkeys' origin and next-auth's redirects start with the
 * configured public URL — APP_URL, else NEXTAUTH_URL — and never with the
 * request's Host or X-Forwarded-Host, which anyone can forge to have a link
 * carrying a token point to their own site. Production without one refuses.
 */
export function publicBaseUrl(source: RawEnv = env()): string {
  const configured = source.APP_URL?.trim() || source.NEXTAUTH_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  if (isProductionEnv(source))
    throw new EnvError([
      "APP_URL or NEXTAUTH_URL must be set: links in mails are built from it, never from the request's Host header",
    ]);
  return DEVELOPMENT_BASE_URL;
}
