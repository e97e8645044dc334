// Dates inside French sentences are written jj/mm/aaaa (mm/aaaa for a month), as the form's
// inputs are; English keeps the unambiguous ISO form.
import { describe, expect, it } from "vitest";
import { localiseParams } from "@/i18n/localise";

describe("dates in messages", () => {
  it("writes an ISO date the French way in French only", () => {
    expect(
      localiseParams({ min: "2010-01-01", month: "2015-06", n: 3, field: { fr: "Date", en: "Date" } }, "fr"),
    ).toEqual({ min: "01/01/2010", month: "06/2015", n: 3, field: "Date" });
    expect(localiseParams({ min: "2010-01-01" }, "en")).toEqual({ min: "2010-01-01" });
  });
  it("leaves other text alone", () => {
    expect(localiseParams({ raw: "2010-1-1", text: "du 2010-01-01 au", year: "2015" }, "fr")).toEqual({
      raw: "2010-1-1",
      text: "du 2010-01-01 au",
      year: "2015",
    });
  });
});
