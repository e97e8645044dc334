import { describe, expect, it } from "vitest";
import { packageReadme } from "@/domain/export/readme";
import { auditRow, queryRow, redactBirthDate } from "@/domain/export/trail";
import { AGE, OPTIONS } from "./fixtures";

describe("queries and audit trail rows", () => {
  const created = {
    seq: 3,
    at: "2026-11-20T10:00:00.000Z",
    type: "case.created",
    actorId: "u1",
    actorRole: "CLINICIAN",
    centre: "REI",
    caseId: "c1",
    fieldPath: null,
    oldValue: null,
    newValue: null,
    reason: null,
    data: JSON.stringify({ initials: "AB", birthDate: "1960-01-02", centreCode: "REI" }),
  };

  it("keeps old and new values as the JSON text stored", () => {
    const row = auditRow(
      {
        ...created,
        type: "case.field_changed",
        fieldPath: "ferritin",
        oldValue: "-5",
        newValue: '{"v":1200,"unit":"ug_l"}',
        data: null,
      },
      OPTIONS,
    );
    expect(row).toEqual([
      "3",
      "2026-11-20T10:00:00.000Z",
      "case.field_changed",
      "u1",
      "CLINICIAN",
      "REI",
      "c1",
      "ferritin",
      "-5",
      '{"v":1200,"unit":"ug_l"}',
      "",
      "",
    ]);
  });

  it("removes the birth date from the trail with the age option", () => {
    expect(auditRow(created, OPTIONS)[11]).toContain("1960-01-02");
    expect(JSON.parse(auditRow(created, AGE)[11]!)).toEqual({ initials: "AB", centreCode: "REI" });
    expect(redactBirthDate("not json")).toBe("not json");
    expect(redactBirthDate(null)).toBeNull();
  });

  it("guards query messages against formulas", () => {
    const row = queryRow({
      queryId: "q",
      caseId: "c",
      fieldPath: null,
      status: "OPEN",
      number: 1,
      kind: "raised",
      authorId: "u",
      authorRole: "COORDINATOR",
      at: "t",
      body: "=1+1",
    });
    expect(row[2]).toBe("");
    expect(row[9]).toBe("'=1+1");
  });

  it("explains the package's files and conventions", () => {
    const text = packageReadme({
      options: AGE,
      createdAt: "2026-11-23T10:00:00.000Z",
      cases: 12,
      exportedBy: "Coord (COORDINATOR)",
    });
    for (const s of [
      "cases.csv",
      "treatment_lines.csv",
      "audit-trail.csv",
      "redcap-data-dictionary.csv",
      "__missing",
      "BOM",
      "age_at_sam",
    ])
      expect(text).toContain(s);
  });
});
