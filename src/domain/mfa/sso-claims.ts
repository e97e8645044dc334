// Single sign-on: from an OpenID Connect identity (the ID token's and userinfo
// claims) to an invited account. Pure: the server reads the configuration from
// the environment and the links and accounts from the database.

export interface SsoConfig {
  issuer: string;
  /** Claim holding the stable identifier (default "sub"). */
  subjectClaim: string;
  /** Claim holding the e-mail address (default "email"). */
  emailClaim: string;
  /**
   * Claim saying the provider verified the address ("email_verified"), or null
   * when the provider only releases addresses it manages (a hospital directory).
   */
  emailVerifiedClaim: string | null;
  /** Whether a verified e-mail may reach an account that has no link yet (first sign-in). */
  matchByEmail: boolean;
  /** `acr` values that count as a second factor done at the provider (e.g. Pro Santé Connect's). */
  strongAcr: readonly string[];
}

export interface SsoIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  acr: string | null;
  amr: readonly string[];
}

function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** The identity an OpenID provider asserted, or null without a subject. */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>, config: SsoConfig): SsoIdentity | null {
  const subject = text(claims[config.subjectClaim]);
  if (!subject) return null;
  const email = text(claims[config.emailClaim])?.normalize("NFKC").toLowerCase() ?? null;
  const verifiedRaw = config.emailVerifiedClaim === null ? true : claims[config.emailVerifiedClaim];
  const emailVerified = email !== null && (verifiedRaw === true || verifiedRaw === "true");
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string") : [];
  return { issuer: config.issuer, subject, email, emailVerified, acr: text(claims.acr), amr };
}

/** Whether the provider says it checked more than one factor (an accepted acr, or amr "mfa"). */
export function strongAtProvider(identity: SsoIdentity, config: SsoConfig): boolean {
  return (identity.acr !== null && config.strongAcr.includes(identity.acr)) || identity.amr.includes("mfa");
}

export type SsoAccount =
  | { ok: true; userId: string; link: boolean }
  | { ok: false; cause: "no_account" | "unverified_email" | "disabled" | "link_conflict" };

interface Candidate {
  id: string;
  active: boolean;
  /** Whether this account is already linked to another identity of the same provider. */
  linkedElsewhere: boolean;
}

/**
 * Which invited account an identity reaches: the account linked to it, else
 * (first sign-in) the account with its verified e-mail — never a new account.
 * An account already linked to another identity of this provider is not taken
 * over by a second identity claiming the same address.
 */
export function resolveSsoAccount(
  identity: SsoIdentity,
  linked: { id: string; active: boolean } | null,
  byEmail: Candidate | null,
  config: SsoConfig,
): SsoAccount {
  if (linked) return linked.active ? { ok: true, userId: linked.id, link: false } : { ok: false, cause: "disabled" };
  if (!config.matchByEmail || identity.email === null || !byEmail) return { ok: false, cause: "no_account" };
  if (!identity.emailVerified) return { ok: false, cause: "unverified_email" };
  if (!byEmail.active) return { ok: false, cause: "disabled" };
  if (byEmail.linkedElsewhere) return { ok: false, cause: "link_conflict" };
  return { ok: true, userId: byEmail.id, link: true };
}

/** Reads the configuration (OIDC_* variables); null when single sign-on is not configured. */
export function ssoConfigFrom(env: Readonly<Record<string, string | undefined>>): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer || !env.OIDC_CLIENT_ID?.trim()) return null;
  const verified = env.OIDC_EMAIL_VERIFIED_CLAIM?.trim();
  return {
    issuer: issuer.replace(/\/+$/, ""),
    subjectClaim: env.OIDC_SUBJECT_CLAIM?.trim() || "sub",
    emailClaim: env.OIDC_EMAIL_CLAIM?.trim() || "email",
    emailVerifiedClaim: verified === "none" ? null : verified || "email_verified",
    matchByEmail: env.OIDC_MATCH_BY_EMAIL?.trim() !== "false",
    strongAcr: (env.OIDC_STRONG_ACR ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
