import { describe, expect, it } from "vitest";
import { mayRemoveFactor, parseRequiredRoles, secondFactorRequired, stepAfterFirstFactor } from "@/domain/mfa/policy";
import {
  looksLikeRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodesFrom,
} from "@/domain/mfa/recovery-codes";
import { parseSecondStep, parseSsoError, ssoErrorCode } from "@/domain/mfa/sign-in-codes";

describe("recovery codes", () => {
  const bytes = new Uint8Array(RECOVERY_CODE_COUNT * 10).map((_, i) => (i * 37) % 256);

  it("makes ten distinct codes of the form XXXXX-XXXXX without look-alike characters", () => {
    const codes = recoveryCodesFrom(bytes);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
    expect(() => recoveryCodesFrom(bytes.slice(0, 50))).toThrow(RangeError);
  });

  it("reads a code however it is typed, and never takes a TOTP code for one", () => {
    const [code] = recoveryCodesFrom(bytes);
    const canonical = code!.replace("-", "");
    expect(normaliseRecoveryCode(code!.toLowerCase())).toBe(canonical);
    expect(normaliseRecoveryCode(` ${code!.slice(0, 5)} ${code!.slice(6)} `)).toBe(canonical);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(normaliseRecoveryCode("ABCDE-FGHI0")).toBeNull(); // I and 0 are not in the alphabet
    expect(normaliseRecoveryCode("ABCDE-FGHJKL")).toBeNull();
  });
});

describe("who must use a second factor", () => {
  it("always coordinators; other roles as configured; unknown names reported", () => {
    expect(parseRequiredRoles(undefined).roles).toEqual(["COORDINATOR"]);
    expect(parseRequiredRoles("clinician, monitor").roles.sort()).toEqual(["CLINICIAN", "COORDINATOR", "MONITOR"]);
    expect(parseRequiredRoles("CLINICIAN,NURSE").unknown).toEqual(["NURSE"]);
    expect(parseRequiredRoles("all").roles).toHaveLength(5);
    expect(secondFactorRequired("COORDINATOR", [])).toBe(true);
    expect(secondFactorRequired("CLINICIAN", ["COORDINATOR"])).toBe(false);
  });

  it("asks an enrolled user for the factor, makes a required user enrol, lets others in", () => {
    const none = { totp: false, passkeys: 0 };
    expect(stepAfterFirstFactor("COORDINATOR", [], none)).toBe("enrol");
    expect(stepAfterFirstFactor("CLINICIAN", [], none)).toBe("none");
    expect(stepAfterFirstFactor("CLINICIAN", [], { totp: true, passkeys: 0 })).toBe("verify");
    expect(stepAfterFirstFactor("CLINICIAN", ["CLINICIAN"], { totp: false, passkeys: 1 })).toBe("verify");
  });

  it("refuses removing the last factor of a role that requires one", () => {
    expect(mayRemoveFactor("COORDINATOR", [], { totp: false, passkeys: 0 })).toBe(false);
    expect(mayRemoveFactor("COORDINATOR", [], { totp: false, passkeys: 1 })).toBe(true);
    expect(mayRemoveFactor("CLINICIAN", [], { totp: false, passkeys: 0 })).toBe(true);
  });
});

describe("codes between the server and the sign-in page", () => {
  it("reads a second-step ticket and nothing that merely resembles one", () => {
    const ticket = "a".repeat(43);
    expect(parseSecondStep(`MFA_VERIFY:${ticket}`)).toEqual({ step: "verify", ticket });
    expect(parseSecondStep(`MFA_ENROL:${ticket}`)).toEqual({ step: "enrol", ticket });
    for (const bad of [
      null,
      "",
      "MFA_VERIFY:",
      "MFA_VERIFY:short",
      `MFA_VERIFY:${ticket}<script>`,
      `INVALID:${ticket}`,
    ])
      expect(parseSecondStep(bad)).toBeNull();
  });

  it("round-trips single sign-on refusals, ignores unknown ones", () => {
    expect(parseSsoError(ssoErrorCode("no_account"))).toBe("no_account");
    expect(parseSsoError("SSO_UNVERIFIED_EMAIL")).toBe("unverified_email");
    expect(parseSsoError("SSO_WHATEVER")).toBeNull();
    expect(parseSsoError("INVALID")).toBeNull();
  });
});
