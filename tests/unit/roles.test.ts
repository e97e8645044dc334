import { describe, expect, it } from "vitest";
import { can, isCentreScoped, PERMISSIONS, ROLES } from "@/domain/roles";

describe("permission matrix", () => {
  it("lets only clinicians sign", () => {
    expect(ROLES.filter((r) => can(r, "case.sign"))).toEqual(["CLINICIAN"]);
  });
  it("keeps coordinators away from clinical entry and centre users away from administration", () => {
    expect(can("COORDINATOR", "case.create")).toBe(false);
    expect(can("COORDINATOR", "case.edit")).toBe(false);
    for (const p of ["user.manage", "centre.manage", "outbox.read", "case.review"] as const) {
      expect(can("CLINICIAN", p)).toBe(false);
      expect(can("RESEARCH_ASSISTANT", p)).toBe(false);
      expect(can("COORDINATOR", p)).toBe(true);
    }
  });
  it("grants every permission to at least one role", () => {
    for (const p of PERMISSIONS) expect(ROLES.some((r) => can(r, p))).toBe(true);
  });
  it("scopes centre users to their centre", () => {
    expect(ROLES.filter(isCentreScoped)).toEqual(["CLINICIAN", "RESEARCH_ASSISTANT"]);
  });
});
