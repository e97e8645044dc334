import { describe, expect, it } from "vitest";
import {
  exportFilename,
  isExportFormat,
  optionsForAudit,
  optionsQuery,
  parseExportOptions,
} from "@/domain/export/options";

describe("export options", () => {
  it("reads repeated and comma-separated filters, normalised and sorted", () => {
    const parsed = parseExportOptions("cases-csv", {
      centre: ["rei", "PAR,REI"],
      status: ["locked", "VALIDATED"],
      ageInsteadOfBirthDate: "1",
    });
    expect(parsed).toEqual({
      ok: true,
      options: { centres: ["PAR", "REI"], statuses: ["VALIDATED", "LOCKED"], ageInsteadOfBirthDate: true },
    });
  });

  it("refuses unknown statuses, malformed centres, a missing or unknown block", () => {
    const bad = parseExportOptions("block-csv", {
      centre: ["REIMS"],
      status: ["DONE"],
      block: "nope",
      ageInsteadOfBirthDate: "maybe",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(Object.keys(bad.fieldErrors).sort()).toEqual(["ageInsteadOfBirthDate", "block", "centre", "status"]);
    expect(parseExportOptions("block-csv", {}).ok).toBe(false);
    const ok = parseExportOptions("block-csv", { block: "infections" });
    expect(ok.ok && ok.options.block).toBe("infections");
    // The block is read only by the block CSV.
    const cases = parseExportOptions("cases-csv", { block: "infections" });
    expect(cases.ok && cases.options.block).toBeUndefined();
  });

  it("names the file after what it holds and when", () => {
    const now = new Date("2026-11-23T15:30:12Z");
    expect(
      exportFilename("cases-csv", { centres: ["REI"], statuses: ["VALIDATED"], ageInsteadOfBirthDate: true }, now),
    ).toBe("dm-sam_cases_REI_validated_age_20261123-1530.csv");
    expect(
      exportFilename(
        "block-csv",
        { centres: [], statuses: [], block: "sam_relapses", ageInsteadOfBirthDate: false },
        now,
      ),
    ).toBe("dm-sam_sam_relapses_20261123-1530.csv");
    expect(exportFilename("package-zip", { centres: [], statuses: [], ageInsteadOfBirthDate: false }, now)).toBe(
      "dm-sam_package_20261123-1530.zip",
    );
    expect(exportFilename("odm-xml", { centres: [], statuses: [], ageInsteadOfBirthDate: false }, now)).toBe(
      "dm-sam_odm_20261123-1530.xml",
    );
  });

  it("round-trips through the query string and records plain options for the audit", () => {
    const options = {
      centres: ["PAR"],
      statuses: ["SUBMITTED" as const],
      block: "infections",
      ageInsteadOfBirthDate: true,
    };
    const q = new URLSearchParams(optionsQuery(options));
    const back = parseExportOptions("block-csv", {
      centre: q.getAll("centre"),
      status: q.getAll("status"),
      block: q.get("block"),
      ageInsteadOfBirthDate: q.get("ageInsteadOfBirthDate"),
    });
    expect(back).toEqual({ ok: true, options });
    expect(optionsForAudit(options)).toEqual({
      centres: ["PAR"],
      statuses: ["SUBMITTED"],
      block: "infections",
      ageInsteadOfBirthDate: true,
    });
    expect(isExportFormat("xlsx")).toBe(true);
    expect(isExportFormat("pdf")).toBe(false);
  });
});
