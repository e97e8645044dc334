import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/domain/zod-errors";
import { studySettingsSchema } from "@/domain/study-settings-input";

const keys = (input: unknown) => {
  const parsed = studySettingsSchema.safeParse(input);
  return parsed.success
    ? {}
    : Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, v]) => [k, v.map((m) => m.key)]));
};
const base = { openingDate: "2026-01-05", closingDate: "", reminderDate: "", graceDays: "0" };

describe("study settings form", () => {
  it("accepts an opening date alone (defaults for the rest) and turns empty dates into null", () => {
    expect(studySettingsSchema.parse(base)).toEqual({
      openingDate: "2026-01-05",
      closingDate: null,
      reminderDate: null,
      graceDays: 0,
    });
    expect(studySettingsSchema.parse({ ...base, openingDate: "", graceDays: 3 })).toEqual({
      openingDate: null,
      closingDate: null,
      reminderDate: null,
      graceDays: 3,
    });
  });
  it("refuses impossible dates and a reversed calendar, with parameters for the message", () => {
    expect(keys({ ...base, openingDate: "2026-02-30" })).toEqual({ openingDate: ["study.openingDate.invalid"] });
    expect(keys({ ...base, closingDate: "2026-01-05" })).toEqual({ closingDate: ["study.closingDate.beforeOpening"] });
    expect(keys({ ...base, reminderDate: "2026-07-05" })).toEqual({ reminderDate: ["study.reminderDate.outside"] });
    expect(keys({ ...base, reminderDate: "2026-01-05" })).toEqual({ reminderDate: ["study.reminderDate.outside"] });
    expect(keys({ ...base, closingDate: "2026-03-01" })).toEqual({
      reminderDate: ["study.reminderDate.defaultAfterClosing"],
    });
    expect(keys({ ...base, openingDate: "", closingDate: "2026-06-30" })).toEqual({
      openingDate: ["study.openingDate.required"],
    });
    const parsed = studySettingsSchema.safeParse({ ...base, closingDate: "2025-06-30" });
    expect(parsed.success || zodFieldErrors(parsed.error).closingDate?.[0]?.params).toEqual({ opening: "2026-01-05" });
  });
  it("takes grace days as a whole number from 0 to 365", () => {
    for (const bad of ["-1", "1.5", "abc", "366", 400, -2, 2.5])
      expect(keys({ ...base, graceDays: bad })).toEqual({ graceDays: ["study.graceDays.invalid"] });
    expect(studySettingsSchema.parse({ ...base, graceDays: "365" }).graceDays).toBe(365);
  });
  it("refuses unknown fields (strict)", () => {
    expect(keys({ ...base, studyName: "x" })._form).toEqual(["generic.unknownField"]);
  });
});
