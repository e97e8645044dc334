import { describe, expect, it } from "vitest";
import { caseKeySchema, normaliseInitials } from "@/domain/pseudonym-key";
import { zodFieldErrors } from "@/domain/zod-errors";

const schema = caseKeySchema({ centreCodes: ["REI", "PAR"], today: "2026-11-23" });
const valid = { initials: "dm", birthDate: "1961-04-12", centreCode: "rei" };

function errorKeys(input: unknown): Record<string, string[]> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(Object.entries(zodFieldErrors(r.error)).map(([k, v]) => [k, v.map((m) => m.key)]));
}

describe("pseudonymised key", () => {
  it("normalises case and accents", () => {
    expect(normaliseInitials("é d")).toBe("ED");
    expect(normaliseInitials("Ç.ï")).toBe("CI");
    expect(schema.parse(valid)).toEqual({ initials: "DM", birthDate: "1961-04-12", centreCode: "REI" });
  });

  it("refuses digits, three letters, a full name and symbols with distinct messages", () => {
    expect(errorKeys({ ...valid, initials: "D1" }).initials).toEqual(["initials.digits"]);
    expect(errorKeys({ ...valid, initials: "DMA" }).initials).toEqual(["initials.tooLong"]);
    expect(errorKeys({ ...valid, initials: "Dupont Marie" }).initials).toEqual(["initials.tooLong"]);
    expect(errorKeys({ ...valid, initials: "D@" }).initials).toEqual(["initials.letters"]);
    expect(errorKeys({ ...valid, initials: "D" }).initials).toEqual(["initials.tooShort"]);
    expect(errorKeys({ ...valid, initials: "" }).initials).toEqual(["initials.required"]);
  });

  it("carries the letter count so the message can name it", () => {
    const r = schema.safeParse({ ...valid, initials: "Dupont" });
    expect(r.success).toBe(false);
    if (!r.success) expect(zodFieldErrors(r.error).initials?.[0]?.params).toEqual({ count: 6 });
  });

  it("accepts only real past dates from 1900", () => {
    expect(errorKeys({ ...valid, birthDate: "1900-01-01" })).toEqual({});
    expect(errorKeys({ ...valid, birthDate: "1899-12-31" }).birthDate).toEqual(["birthDate.tooOld"]);
    expect(errorKeys({ ...valid, birthDate: "2021-02-30" }).birthDate).toEqual(["birthDate.invalid"]);
    expect(errorKeys({ ...valid, birthDate: "12/04/1961" }).birthDate).toEqual(["birthDate.invalid"]);
    expect(errorKeys({ ...valid, birthDate: "2026-11-22" })).toEqual({});
    expect(errorKeys({ ...valid, birthDate: "2026-11-23" }).birthDate).toEqual(["birthDate.future"]);
    expect(errorKeys({ ...valid, birthDate: "2030-01-01" }).birthDate).toEqual(["birthDate.future"]);
  });

  it("accepts only the study's centres", () => {
    expect(errorKeys({ ...valid, centreCode: "LYO" }).centreCode).toEqual(["centreCode.unknown"]);
    expect(errorKeys({ ...valid, centreCode: "RE1" }).centreCode).toEqual(["centreCode.format"]);
  });

  it("refuses unknown keys and wrong types", () => {
    expect(errorKeys({ ...valid, name: "Dupont" })._form).toEqual(["generic.unknownField"]);
    expect(errorKeys({ ...valid, birthDate: 19610412 }).birthDate).toEqual(["generic.invalidType"]);
  });
});

describe("lenient initials (documented in the help text)", () => {
  it("reads J.D, j-d and é m as JD and EM, and still refuses a full name", async () => {
    const { initialsSchema } = await import("@/domain/pseudonym-key");
    expect(initialsSchema.parse("J.D")).toBe("JD");
    expect(initialsSchema.parse("j-d")).toBe("JD");
    expect(initialsSchema.parse("é m")).toBe("EM");
    expect(initialsSchema.safeParse("Dupont").success).toBe(false);
  });
});
