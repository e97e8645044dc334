import { describe, expect, it } from "vitest";
import {
  assertProductionSecret,
  authSecret,
  configuredSecret,
  DEVELOPMENT_ONLY_SECRET,
  MIN_SECRET_LENGTH,
  SecretConfigError,
} from "@/server/auth/session-config";

const STRONG = "q3Zx0vJ8mB1c5Y2rT7wK9nL4pS6dF0gH2jA8eU1iO3=";

describe("the session secret", () => {
  it("treats an empty or blank NEXTAUTH_SECRET as unset, and falls back to AUTH_SECRET", () => {
    expect(configuredSecret({ NEXTAUTH_SECRET: "" })).toBeUndefined();
    expect(configuredSecret({ NEXTAUTH_SECRET: "   " })).toBeUndefined();
    expect(configuredSecret({ NEXTAUTH_SECRET: "", AUTH_SECRET: STRONG })).toBe(STRONG);
    expect(configuredSecret({ NEXTAUTH_SECRET: STRONG, AUTH_SECRET: "other" })).toBe(STRONG);
  });

  it("refuses production without a secret, with an empty one, and with one under 32 characters", () => {
    for (const env of [
      { NODE_ENV: "production" },
      { NODE_ENV: "production", NEXTAUTH_SECRET: "" },
      { NODE_ENV: "production", AUTH_SECRET: " " },
    ]) {
      expect(() => authSecret(env)).toThrow(SecretConfigError);
      expect(() => authSecret(env)).toThrow(/NEXTAUTH_SECRET is not set/);
    }
    const short = "x".repeat(MIN_SECRET_LENGTH - 1);
    expect(() => assertProductionSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: short })).toThrow(
      /31 characters long: production needs at least 32/,
    );
    expect(authSecret({ NODE_ENV: "production", NEXTAUTH_SECRET: "y".repeat(MIN_SECRET_LENGTH) })).toBe(
      "y".repeat(MIN_SECRET_LENGTH),
    );
    expect(authSecret({ NODE_ENV: "production", AUTH_SECRET: STRONG })).toBe(STRONG);
  });

  it("uses the development-only fallback outside production only, never the empty string", () => {
    expect(authSecret({ NODE_ENV: "development", NEXTAUTH_SECRET: "" })).toBe(DEVELOPMENT_ONLY_SECRET);
    expect(authSecret({ NODE_ENV: "test" })).toBe(DEVELOPMENT_ONLY_SECRET);
    expect(authSecret({ NODE_ENV: "development", NEXTAUTH_SECRET: STRONG })).toBe(STRONG);
    expect(DEVELOPMENT_ONLY_SECRET).toMatch(/development-only/);
  });
});
