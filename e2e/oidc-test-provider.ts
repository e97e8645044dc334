// A real OpenID Connect provider for the single sign-on journey: panva's
// oidc-provider (the certified implementation behind many IdPs), on
// 127.0.0.1:<E2E_PORT + 88>, with its development login page (any login, any
// password) and the identities below. The app is configured for it by
// scripts/e2e-server.ts (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export const OIDC_CLIENT = { id: "dm-sam-e2e", secret: "e2e-only-oidc-client-secret-0123456789" };

/** Login typed on the provider's page → the claims it asserts. */
export const OIDC_IDENTITIES: Record<string, Record<string, unknown>> = {
  // An invited clinician, by verified e-mail.
  "sso-rei": { email: "clinicien.rei@dm-sam.test", email_verified: true, name: "Clinicien REI" },
  // Nobody invited this address.
  "sso-unknown": { email: "inconnu@chu-test.fr", email_verified: true },
  // An invited address the provider did not verify.
  "sso-unverified": { email: "clinicien.par@dm-sam.test", email_verified: false },
  // The demo coordinator: a second factor is still due (the provider asserts no strong acr).
  "sso-coord": { email: "coordinateur@dm-sam.test", email_verified: true },
};

export function oidcPort(): number {
  return Number(process.env.E2E_PORT ?? 3100) + 88;
}

export async function startOidcProvider(appBaseUrl: string): Promise<() => Promise<void>> {
  const port = oidcPort();
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`${appBaseUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The identity's claims in the ID token itself (the app reads the ID token).
    conformIdTokenClaims: false,
    cookies: { keys: ["e2e-only-oidc-cookie-key"] },
    async findAccount(_ctx, id) {
      const claims = OIDC_IDENTITIES[id] ?? {};
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
