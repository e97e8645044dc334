import { describe, expect, it } from "vitest";
import { BOM, csvLine, parseCsv, toCsv } from "@/domain/csv";
import { cellText, formatNumber, guardFormula, stripInvalidXml } from "@/domain/export/cells";

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
    expect(csvLine(["a", "b,c", 'Patiente « X », "dite"', "2 lignes\nsuite", ""])).toBe(
      'a,"b,c","Patiente « X », ""dite""","2 lignes\nsuite",\r\n',
    );
  });

  it("guards what a spreadsheet would run as a formula, and only that, in free text only", () => {
    // Always: =, @, tab, carriage return at the start.
    for (const t of ['=HYPERLINK("http://x";"y")', "@SUM(A1)", "\t=1+1", "\r=1", "=ordinary"])
      expect(guardFormula(t), t).toBe(`'${t}`);
    // + and -: a function call, a DDE or external link, or arithmetic that Excel would compute.
    for (const t of [
      "-2+3+cmd|' /C calc'!A0",
      "+cmd|' /C calc'!A0",
      '+HYPERLINK("http://x")',
      "- SUM(A1:A9)",
      "-1+1",
      "-A1*2",
      "+Sheet1!A1",
      "-'x'!A1",
    ]) {
      expect(guardFormula(t), t).toBe(`'${t}`);
    }
    // Ordinary clinical text and numbers stay exact.
    for (const t of [
      "- J1 : fièvre à 39 °C, CRP 200 mg/L",
      "-2 kg; =perte, « notable »",
      "+ 2 kg en 1 semaine",
      "-5",
      "+33",
      "-12.5",
      "-1,5",
      "Évolution favorable",
      "- aggravation (J3) !",
    ]) {
      expect(guardFormula(t), t).toBe(t);
    }
    expect(cellText("=1", false)).toBe("=1");
    expect(cellText("=1", true)).toBe("'=1");
    expect(cellText("-5", true)).toBe("-5");
    expect(cellText(-5, true)).toBe("-5");
    expect(cellText(null)).toBe("");
  });

  it("reads back what it writes (the import's reader): quotes, commas, CR, LF and CRLF inside cells, a BOM, LF record ends", () => {
    const tricky = [
      ["a", 'b,"c"', "2 lignes\r\nsuite\nfin\r"],
      ["", "Zoé, « X »", ""],
    ];
    expect(parseCsv(BOM + toCsv(tricky))).toEqual(tricky);
    expect(parseCsv("x,y\n1,2\n")).toEqual([
      ["x", "y"],
      ["1", "2"],
    ]);
    expect(parseCsv("x,y\r\n1,")).toEqual([
      ["x", "y"],
      ["1", ""],
    ]);
  });

  it("drops characters XML 1.0 forbids, keeps the rest", () => {
    expect(stripInvalidXml("a\u0000b\u0007c\td\ne\u{1F600}\uD800")).toBe("abc\td\ne\u{1F600}");
  });
});
