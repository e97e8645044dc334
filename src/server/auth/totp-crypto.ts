// Second-factor secrets at rest: TOTP seeds are sealed with AES-256-GCM and
// recovery codes stored as HMAC-SHA-256, both under keys derived (HKDF) from
// MFA_ENCRYPTION_KEY — a key from the environment, never in the database, so a
// copy of the database alone yields no usable seed and no guessable code hash.
// Plain module (no "server-only"): the seed script seals the demo secret too.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { env as currentEnv } from "../env";
import { configuredSecret, DEVELOPMENT_ONLY_SECRET } from "./session-config";

type Env = Readonly<Record<string, string | undefined>>;

export class MfaKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MfaKeyError";
  }
}

export interface MfaKey {
  /** First 8 hex digits of the key's SHA-256: names the key a sealed value needs (rotation). */
  id: string;
  seal: Buffer;
  mac: Buffer;
}

function isProduction(env: Env): boolean {
  return env.NODE_ENV === "production" || env.ECRF_ENV === "production";
}

function parseKey(raw: string, name: string): Buffer {
  const text = raw.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (bytes.length !== 32)
    throw new MfaKeyError(`${name} must be 32 random bytes, base64 or hex (openssl rand -base64 32).`);
  return bytes;
}

function derive(master: Buffer): MfaKey {
  return {
    id: createHash("sha256").update(master).digest("hex").slice(0, 8),
    seal: Buffer.from(hkdfSync("sha256", master, "", "dm-sam totp seal v1", 32)),
    mac: Buffer.from(hkdfSync("sha256", master, "", "dm-sam recovery code mac v1", 32)),
  };
}

/**
 * The current key and the previous one (MFA_ENCRYPTION_KEY_PREVIOUS, during a
 * rotation). In production the key is required; elsewhere, without one, a key
 * is derived from the session secret so that a fresh checkout works.
 */
export function mfaKeys(env: Env = currentEnv()): { current: MfaKey; previous: MfaKey | null } {
  const raw = env.MFA_ENCRYPTION_KEY?.trim();
  let master: Buffer;
  if (raw) master = parseKey(raw, "MFA_ENCRYPTION_KEY");
  else if (isProduction(env))
    throw new MfaKeyError("MFA_ENCRYPTION_KEY is not set (32 random bytes, base64: openssl rand -base64 32).");
  else
    master = createHash("sha256")
      .update(`dm-sam mfa development key|${configuredSecret(env) ?? DEVELOPMENT_ONLY_SECRET}`)
      .digest();
  const previousRaw = env.MFA_ENCRYPTION_KEY_PREVIOUS?.trim();
  return {
    current: derive(master),
    previous: previousRaw ? derive(parseKey(previousRaw, "MFA_ENCRYPTION_KEY_PREVIOUS")) : null,
  };
}

/** "v1.<key id>.<base64url(iv ‖ tag ‖ ciphertext)>". */
export function sealSecret(plain: Uint8Array, key: MfaKey = mfaKeys().current): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.seal, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `v1.${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** Opens a sealed secret with whichever configured key sealed it; `stale` says it should be sealed again. */
export function openSecret(sealed: string, env: Env = currentEnv()): { secret: Uint8Array; stale: boolean } {
  const [version, keyId, payload] = sealed.split(".");
  const { current, previous } = mfaKeys(env);
  const key = [current, previous].find((k) => k?.id === keyId);
  if (version !== "v1" || !key || !payload)
    throw new MfaKeyError("A second-factor secret was sealed with a key that is not configured.");
  const raw = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key.seal, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const secret = new Uint8Array(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]));
  return { secret, stale: key !== current };
}

/** The stored form of a (normalised) recovery code under each configured key: current first. */
export function recoveryCodeHashes(normalised: string, env: Env = currentEnv()): string[] {
  const { current, previous } = mfaKeys(env);
  return [current, previous]
    .filter((k): k is MfaKey => k !== null)
    .map((k) => createHmac("sha256", k.mac).update(normalised).digest("hex"));
}

/** Throws MfaKeyError when a production server could not seal or open second-factor secrets. */
export function assertMfaKey(env: Env = currentEnv()): void {
  mfaKeys(env);
}
