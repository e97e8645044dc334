import { describe, expect, it } from "vitest";
import {
  groupedSecret,
  matchTotp,
  normaliseCode,
  otpauthUri,
  secretFromBase32,
  secretToBase32,
  totpCode,
  totpStep,
} from "@/domain/mfa/totp";

// RFC 6238 appendix B's SHA-1 secret ("12345678901234567890"); its 8-digit codes end with our 6 digits.
const RFC_SECRET = new TextEncoder().encode("12345678901234567890");

describe("TOTP codes (RFC 6238)", () => {
  it("matches the RFC's test vectors (last six digits)", () => {
    expect(totpCode(RFC_SECRET, totpStep(59_000))).toBe("287082");
    expect(totpCode(RFC_SECRET, totpStep(1_111_111_109_000))).toBe("081804");
    expect(totpCode(RFC_SECRET, totpStep(2_000_000_000_000))).toBe("279037");
  });

  it("accepts the current step and one either side, not two", () => {
    const now = 1_111_111_109_000;
    const step = totpStep(now);
    for (const s of [step - 1, step, step + 1])
      expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, s), now, 0)).toEqual({ ok: true, step: s });
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), now, 0)).toEqual({ ok: false, reason: "wrong" });
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), now, 0)).toEqual({ ok: false, reason: "wrong" });
  });

  it("never accepts a code of a step already used, nor an older one", () => {
    const now = 1_111_111_109_000;
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now, step)).toEqual({ ok: false, reason: "replayed" });
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, step)).toEqual({ ok: false, reason: "replayed" });
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("reads codes typed with spaces or full-width digits, refuses anything else", () => {
    const now = 59_000;
    expect(matchTotp(RFC_SECRET, "287 082", now, 0).ok).toBe(true);
    expect(matchTotp(RFC_SECRET, "２８７０８２", now, 0).ok).toBe(true);
    expect(normaliseCode("28\u200B7-082")).toBe("287082");
    for (const bad of ["", "28708", "2870822", "abcdef", "287082; DROP"])
      expect(matchTotp(RFC_SECRET, bad, now, 0)).toEqual({ ok: false, reason: "malformed" });
  });

  it("round-trips the secret through base32 and builds the otpauth URI apps scan", () => {
    const b32 = secretToBase32(RFC_SECRET);
    expect(b32).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(secretFromBase32(b32.toLowerCase())).toEqual(RFC_SECRET);
    expect(groupedSecret(RFC_SECRET)).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
    const uri = new URL(otpauthUri("DM-SAM", "a.b@chu.fr", RFC_SECRET));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(b32);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
