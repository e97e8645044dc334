import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { identityFromClaims, resolveSsoAccount, ssoConfigFrom, strongAtProvider } from "@/domain/mfa/sso-claims";
import type { Role } from "@/domain/roles";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import { env as currentEnv } from "@/server/env";
import { afterFirstFactor } from "./second-factor.server";

// Single sign-on with the hospital's OpenID Connect provider (Keycloak, ADFS,
// Pro Santé Connect…), configured by OIDC_* variables (docs/security.md). The
// provider proves who the person is; only an account a coordinator created is
// reached, through a stored link (issuer + subject) or, on first sign-in, the
// provider's verified e-mail. Nobody gets an account by signing in.

type Env = Readonly<Record<string, string | undefined>>;
type Claims = Record<string, unknown>;

/** The provider id in next-auth's routes (/api/auth/signin/oidc, /api/auth/callback/oidc). */
export const OIDC_PROVIDER_ID = "oidc";

export function ssoConfigured(env: Env = currentEnv()): boolean {
  return ssoConfigFrom(env) !== null;
}

export function ssoDisplayName(env: Env = currentEnv()): string {
  return env.OIDC_NAME?.trim() || "SSO";
}

/** next-auth's provider for the configured issuer; null when single sign-on is not configured. */
export function oidcProvider(env: Env = currentEnv()): OAuthConfig<Claims> | null {
  const config = ssoConfigFrom(env);
  if (!config) return null;
  const acrValues = env.OIDC_ACR_VALUES?.trim();
  const useUserinfo = env.OIDC_USERINFO?.trim() === "true";
  return {
    id: OIDC_PROVIDER_ID,
    name: ssoDisplayName(env),
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID?.trim(),
    clientSecret: env.OIDC_CLIENT_SECRET?.trim(),
    client: {
      token_endpoint_auth_method: (env.OIDC_TOKEN_AUTH_METHOD?.trim() ||
        "client_secret_basic") as "client_secret_basic",
    },
    authorization: {
      params: {
        scope: env.OIDC_SCOPES?.trim() || "openid email profile",
        ...(acrValues ? { acr_values: acrValues } : {}),
      },
    },
    // The ID token is verified (signature, issuer, audience, nonce) by openid-client; state and PKCE too.
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    userinfo: {
      // Some providers (Pro Santé Connect) put the person's attributes in userinfo only.
      async request({ client, tokens }) {
        // At run time `tokens` is openid-client's TokenSet (next-auth types it as its parameters).
        const tokenSet = tokens as unknown as Parameters<typeof client.userinfo>[0] & { claims(): Claims };
        const fromToken = tokenSet.claims();
        if (!useUserinfo) return fromToken;
        const info = (await client.userinfo(tokenSet)) as Claims;
        if (info.sub !== fromToken.sub) throw new Error("userinfo sub differs from the ID token's");
        return { ...info, ...fromToken };
      },
    },
    profile(claims) {
      return { id: String(claims.sub ?? ""), ssoClaims: claims };
    },
  };
}

export type SsoOutcome =
  | { kind: "session"; userId: string }
  | { kind: "challenge"; ticket: string }
  | {
      kind: "refused";
      cause: "no_account" | "unverified_email" | "disabled" | "link_conflict" | "no_subject" | "throttled";
    };

/**
 * From the provider's claims to an invited account (audited either way). A
 * coordinator — or a role configured to need a second factor — still proves one
 * here unless the provider says it did (OIDC_STRONG_ACR, amr "mfa").
 */
export async function ssoSignIn(db: Db, claims: Claims, now: Date = new Date()): Promise<SsoOutcome> {
  const config = ssoConfigFrom(currentEnv());
  const identity = config ? identityFromClaims(claims, config) : null;
  if (!config || !identity) {
    await db.$transaction((tx) =>
      appendAudit(
        tx,
        [
          {
            type: "auth.sso_refused",
            actor: null,
            data: { issuer: config?.issuer ?? "", email: null, cause: "no_subject" },
          },
        ],
        now,
      ),
    );
    return { kind: "refused", cause: "no_subject" };
  }
  const link = await db.ssoLink.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
  });
  const linked = link
    ? await db.user.findUnique({ where: { id: link.userId }, select: { id: true, active: true } })
    : null;
  const byEmail = identity.email
    ? await db.user.findUnique({ where: { email: identity.email }, select: { id: true, active: true } })
    : null;
  const linkedElsewhere = byEmail
    ? (await db.ssoLink.count({ where: { userId: byEmail.id, issuer: identity.issuer } })) > 0
    : false;
  const account = resolveSsoAccount(identity, linked, byEmail && { ...byEmail, linkedElsewhere }, config);
  if (!account.ok) {
    await db.$transaction((tx) =>
      appendAudit(
        tx,
        [
          {
            type: "auth.sso_refused",
            actor: null,
            data: { issuer: identity.issuer, email: identity.email, cause: account.cause },
          },
        ],
        now,
      ),
    );
    return { kind: "refused", cause: account.cause };
  }
  const user = await db.user.findUniqueOrThrow({ where: { id: account.userId }, include: { centre: true } });
  const actor = { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null };
  const strong = strongAtProvider(identity, config);
  await db.$transaction(async (tx) => {
    if (account.link)
      await tx.ssoLink.create({ data: { issuer: identity.issuer, subject: identity.subject, userId: user.id } });
    await appendAudit(
      tx,
      [
        {
          type: "auth.sso_sign_in",
          actor,
          data: { email: user.email, issuer: identity.issuer, linked: account.link, strongAtProvider: strong },
        },
      ],
      now,
    );
  });
  if (strong) return { kind: "session", userId: user.id };
  const next = await afterFirstFactor(db, user.id, "sso", now);
  if (next.kind === "throttled") return { kind: "refused", cause: "throttled" };
  return next.kind === "session" ? { kind: "session", userId: user.id } : { kind: "challenge", ticket: next.ticket };
}
