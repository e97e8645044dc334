import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Db } from "@/server/db/create-db";
import type { Tx } from "@/server/audit.server";
import { env as currentEnv, publicBaseUrl } from "@/server/env";

// Passkeys and security keys (WebAuthn) through @simplewebauthn/server. The
// relying party (host name and origin) comes from the configuration, never
// from the request's Host header: a passkey answers only the real site.

type Env = Readonly<Record<string, string | undefined>>;

export function relyingParty(env: Env = currentEnv()): { rpID: string; origin: string; rpName: string } {
  const base = new URL(env.WEBAUTHN_ORIGIN?.trim() || publicBaseUrl(env));
  return { rpID: env.WEBAUTHN_RP_ID?.trim() || base.hostname, origin: base.origin, rpName: "DM-SAM" };
}

const fromB64url = (s: string) => new Uint8Array(Buffer.from(s, "base64url"));
const splitTransports = (s: string) => s.split(",").filter(Boolean);

export async function registrationOptions(
  db: Db | Tx,
  user: { id: string; email: string; displayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const { rpID, rpName } = relyingParty();
  const existing = await db.passkey.findMany({
    where: { userId: user.id },
    select: { credentialId: true, transports: true },
  });
  return generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email,
    userDisplayName: user.displayName,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: splitTransports(p.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
}

export interface NewPasskey {
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string;
}

/** Verifies a registration against the challenge issued; null when it does not verify. */
export async function verifyRegistration(response: unknown, expectedChallenge: string): Promise<NewPasskey | null> {
  const { rpID, origin } = relyingParty();
  try {
    const result = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      // A second factor after the password: possession of the key is what counts.
      requireUserVerification: false,
    });
    if (!result.verified) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(","),
    };
  } catch {
    // Malformed or forged responses are a refusal, not a server error.
    return null;
  }
}

export async function authenticationOptions(
  db: Db | Tx,
  userId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty();
  const keys = await db.passkey.findMany({ where: { userId }, select: { credentialId: true, transports: true } });
  return generateAuthenticationOptions({
    rpID,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: splitTransports(k.transports) })),
    userVerification: "preferred",
  });
}

/**
 * Verifies an assertion by one of the user's own passkeys against the issued
 * challenge, and records the signature counter (a cloned key shows up as a
 * counter going backwards, which the library refuses).
 */
export async function verifyAuthentication(
  db: Db | Tx,
  userId: string,
  response: unknown,
  expectedChallenge: string,
  now: Date,
): Promise<{ name: string } | null> {
  const credentialId = typeof (response as { id?: unknown })?.id === "string" ? (response as { id: string }).id : null;
  if (!credentialId) return null;
  const key = await db.passkey.findUnique({ where: { credentialId } });
  if (!key || key.userId !== userId) return null;
  const { rpID, origin } = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: key.credentialId,
        publicKey: fromB64url(key.publicKey),
        counter: key.counter,
        transports: splitTransports(key.transports),
      },
      requireUserVerification: false,
    });
    if (!result.verified) return null;
    await db.passkey.update({
      where: { id: key.id },
      data: { counter: result.authenticationInfo.newCounter, lastUsedAt: now },
    });
    return { name: key.name };
  } catch {
    return null;
  }
}
