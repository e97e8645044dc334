import { describe, expect, it } from "vitest";
import { cellText, csvLine, formatNumber, guardFormula, stripInvalidXml } from "@/domain/export/cells";

describe("export cells", () => {
  it("writes numbers with a dot, without float noise or exponents", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1.129 * 3)).toBe("3.387");
    expect(formatNumber(-12.5)).toBe("-12.5");
    expect(formatNumber(50000)).toBe("50000");
    expect(formatNumber(1e-7)).toBe("0.0000001");
    expect(formatNumber(1e21)).toBe("1000000000000000000000");
    expect(formatNumber(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180) and ends records with CRLF", () => {
    expect(csvLine(["a", "b,c", 'Patiente « X », "dite"', "2 lignes\nsuite", ""])).toBe('a,"b,c","Patiente « X », ""dite""","2 lignes\nsuite",\r\n');
  });

  it("guards free text against spreadsheet formulas, and only free text", () => {
    expect(guardFormula("=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")");
    expect(guardFormula("+33")).toBe("'+33");
    expect(guardFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guardFormula("- fièvre")).toBe("'- fièvre");
    expect(guardFormula("Évolution favorable")).toBe("Évolution favorable");
    expect(cellText("-5", false)).toBe("-5");
    expect(cellText("-5", true)).toBe("'-5");
    expect(cellText(-5, true)).toBe("-5");
    expect(cellText(null)).toBe("");
  });

  it("drops characters XML 1.0 forbids, keeps the rest", () => {
    expect(stripInvalidXml("a\u0000b\u0007c\td\ne\u{1F600}\uD800")).toBe("abc\td\ne\u{1F600}");
  });
});
