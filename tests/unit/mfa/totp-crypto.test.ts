import { describe, expect, it } from "vitest";
import { MfaKeyError, mfaKeys, openSecret, recoveryCodeHashes, sealSecret } from "@/server/auth/totp-crypto";

const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("hex");
const secret = new Uint8Array(20).map((_, i) => i);

describe("second-factor secrets at rest", () => {
  it("seals a TOTP secret so that the stored text holds neither it nor its base32", () => {
    const env = { MFA_ENCRYPTION_KEY: KEY_A };
    const sealed = sealSecret(secret, mfaKeys(env).current);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(Buffer.from(secret).toString("base64url"));
    expect(sealSecret(secret, mfaKeys(env).current)).not.toBe(sealed); // fresh IV each time
    expect(openSecret(sealed, env)).toEqual({ secret, stale: false });
  });

  it("refuses a tampered value and a value sealed under a key no longer configured", () => {
    const sealed = sealSecret(secret, mfaKeys({ MFA_ENCRYPTION_KEY: KEY_A }).current);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(() => openSecret(flipped, { MFA_ENCRYPTION_KEY: KEY_A })).toThrow();
    expect(() => openSecret(sealed, { MFA_ENCRYPTION_KEY: KEY_B })).toThrow(MfaKeyError);
  });

  it("rotates: the previous key still opens (marked stale, to be sealed again) and still matches recovery codes", () => {
    const old = { MFA_ENCRYPTION_KEY: KEY_A };
    const rotated = { MFA_ENCRYPTION_KEY: KEY_B, MFA_ENCRYPTION_KEY_PREVIOUS: KEY_A };
    const sealed = sealSecret(secret, mfaKeys(old).current);
    expect(openSecret(sealed, rotated)).toEqual({ secret, stale: true });
    const [stored] = recoveryCodeHashes("ABCDEFGHJK", old);
    expect(recoveryCodeHashes("ABCDEFGHJK", rotated)).toContain(stored);
    expect(recoveryCodeHashes("ABCDEFGHJK", rotated)[0]).not.toBe(stored);
  });

  it("requires a real key in production; elsewhere derives one from the session secret", () => {
    expect(() => mfaKeys({ NODE_ENV: "production" })).toThrow(/MFA_ENCRYPTION_KEY is not set/);
    expect(() => mfaKeys({ MFA_ENCRYPTION_KEY: "too-short" })).toThrow(/32 random bytes/);
    expect(mfaKeys({ NEXTAUTH_SECRET: "x".repeat(40) }).current.id).not.toBe(
      mfaKeys({ NEXTAUTH_SECRET: "y".repeat(40) }).current.id,
    );
  });
});
