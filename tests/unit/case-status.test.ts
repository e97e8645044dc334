import { describe, expect, it } from "vitest";
import { CASE_STATUSES, canEditAnswers, caseStatusOf } from "@/domain/lifecycle";

describe("caseStatusOf", () => {
  it("keeps every known status", () => {
    for (const s of CASE_STATUSES) expect(caseStatusOf(s)).toBe(s);
    expect(canEditAnswers(caseStatusOf("DRAFT"), "CLINICIAN")).toBe(true);
  });

  it.each([null, undefined, "", "draft", "ARCHIVED", 3, {}])("reads %j as LOCKED, which nobody may edit", (v) => {
    expect(caseStatusOf(v)).toBe("LOCKED");
    expect(canEditAnswers(caseStatusOf(v), "CLINICIAN")).toBe(false);
  });
});
