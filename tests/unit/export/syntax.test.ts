// Each statistics package's syntax file parsed back — its declarations of variables, types, labels
// and value labels — and compared with the column model (what columns.csv and the dictionary say).
import { describe, expect, it } from "vitest";
import type { ColumnInfo } from "@/domain/export/columns";
import { sasSyntax } from "@/domain/export/stats/sas";
import { spssSyntax } from "@/domain/export/stats/spss";
import { stataSyntax } from "@/domain/export/stats/stata";
import { oneLine, statsTables } from "@/domain/export/stats/tables";
import { AGE, OPTIONS } from "./fixtures";

const tables = statsTables(OPTIONS);
const isLabelled = (c: ColumnInfo) => c.type === "choice" && (c.options?.length ?? 0) > 0;
const label = (c: ColumnInfo, max: number) => oneLine(c.label.fr).slice(0, max);

/** A syntax file's sections, one per table, split on its "---- <file>" comments. */
function sections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(/^.*---- (\S+\.csv) .*$/m);
  for (let i = 1; i < parts.length; i += 2) out.set(parts[i]!, parts[i + 1]!);
  return out;
}

describe("statistics packages' syntax files, parsed back", () => {
  it("Stata: every column labelled, numbers destrung, dates and date-times converted, codes numbered with their labels", () => {
    const byFile = sections(stataSyntax(OPTIONS));
    expect([...byFile.keys()]).toEqual(tables.map((t) => t.file));
    for (const t of tables) {
      const s = byFile.get(t.file)!;
      expect(s).toContain(`save "${t.name}.dta", replace`);
      const labels = new Map([...s.matchAll(/^label variable (\S+) `"(.*)"'$/gm)].map((m) => [m[1]!, m[2]!]));
      const destrung = new Set([...s.matchAll(/^destring (\S+), replace$/gm)].map((m) => m[1]!));
      const dates = new Set([...s.matchAll(/^generate double _t = date\((\S+), "YMD"\)$/gm)].map((m) => m[1]!));
      const clocks = new Set(
        [...s.matchAll(/^generate double _t = clock\(substr\((\S+), 1, 19\), "YMD#hms"\)$/gm)].map((m) => m[1]!),
      );
      const defines = new Map(
        [...s.matchAll(/^label define (\S+) (.*), replace$/gm)].map((m) => [
          m[1]!,
          [...m[2]!.matchAll(/(\d+) `"(.*?)"'/g)].map((x) => [Number(x[1]), x[2]]),
        ]),
      );
      const codes = new Map<string, [number, string][]>();
      for (const m of s.matchAll(/^replace _t = (\d+) if (\S+) == `"(.*)"'$/gm))
        codes.set(m[2]!, [...(codes.get(m[2]!) ?? []), [Number(m[1]), m[3]!]]);
      expect([...labels.keys()]).toEqual(t.columns.map((c) => c.name));
      for (const c of t.columns) {
        expect(labels.get(c.name), c.name).toBe(label(c, 80));
        expect(destrung.has(c.name), c.name).toBe(c.type === "integer" || c.type === "decimal");
        expect(dates.has(c.name), c.name).toBe(c.type === "date");
        expect(clocks.has(c.name), c.name).toBe(c.type === "datetime");
        if (!isLabelled(c)) {
          expect(defines.has(c.name), c.name).toBe(false);
          continue;
        }
        expect(defines.get(c.name), c.name).toEqual(c.options!.map((o, i) => [i + 1, oneLine(o.label.fr)]));
        expect(codes.get(c.name), c.name).toEqual(c.options!.map((o, i) => [i + 1, o.value]));
      }
    }
  });

  it("SPSS: every column read with its format, labelled, and coded strings with every code's label", () => {
    const byFile = sections(spssSyntax(OPTIONS));
    expect([...byFile.keys()]).toEqual(tables.map((t) => t.file));
    for (const t of tables) {
      const s = byFile.get(t.file)!;
      const variables = s.slice(s.indexOf("/VARIABLES=") + 11, s.indexOf("\r\n.\r\n"));
      const formats = [...variables.matchAll(/^\s+(\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]);
      expect(formats.map((f) => f[0])).toEqual(t.columns.map((c) => c.name));
      for (const [name, format] of formats) {
        const c = t.columns.find((x) => x.name === name)!;
        const expected =
          { integer: /^F\d+\.0$/, decimal: /^F\d+\.\d+$/, date: /^SDATE10$/ }[c.type as "integer"] ?? /^A\d+$/;
        expect(format, name).toMatch(expected);
      }
      for (const c of t.columns.filter((x) => x.type === "datetime"))
        expect(s).toContain(`RENAME VARIABLES (dmsam_t = ${c.name}).`);
      const labels = s.slice(
        s.indexOf("VARIABLE LABELS"),
        s.indexOf("VALUE LABELS") > 0 ? s.indexOf("VALUE LABELS") : s.indexOf("SAVE OUTFILE"),
      );
      const parsed = new Map(
        [...labels.matchAll(/^\s+(\S+) "((?:[^"]|"")*)"/gm)].map((m) => [m[1]!, m[2]!.replace(/""/g, '"')]),
      );
      for (const c of t.columns) expect(parsed.get(c.name), c.name).toBe(label(c, 120));
      const values = s.indexOf("VALUE LABELS") > 0 ? s.slice(s.indexOf("VALUE LABELS"), s.indexOf("SAVE OUTFILE")) : "";
      const valueLabels = new Map(
        [...values.matchAll(/^\s+(\S+) (".*?)(?: \/|\.)$/gm)].map((m) => [
          m[1]!,
          [...m[2]!.matchAll(/"((?:[^"]|"")*)" "((?:[^"]|"")*)"/g)].map((x) => [
            x[1]!.replace(/""/g, '"'),
            x[2]!.replace(/""/g, '"'),
          ]),
        ]),
      );
      expect([...valueLabels.keys()]).toEqual(t.columns.filter(isLabelled).map((c) => c.name));
      for (const c of t.columns.filter(isLabelled))
        expect(valueLabels.get(c.name), c.name).toEqual(c.options!.map((o) => [o.value, oneLine(o.label.fr)]));
      expect(s).toContain(`SAVE OUTFILE="${t.name}.sav".`);
    }
  });

  it("SAS: every column's length, informat, label and format; one value format per coded column with every code", () => {
    const text = sasSyntax(OPTIONS);
    const byFile = sections(text);
    expect([...byFile.keys()]).toEqual(tables.map((t) => t.file));
    tables.forEach((t, n) => {
      const s = byFile.get(t.file)!;
      expect(s).toContain(`data work.${t.name};`);
      const input = /^ {2}input (.*);$/m.exec(s)![1]!;
      expect(input.replace(/ \$/g, "").split(" ")).toEqual(t.columns.map((c) => c.name));
      const lengths = new Map(
        [.../^ {2}length (.*);$/m.exec(s)![1]!.matchAll(/(\S+) (\$?\d+)/g)].map((m) => [m[1]!, m[2]!]),
      );
      const labels = new Map(
        [...s.matchAll(/^ {2}label (\S+) = '((?:[^']|'')*)';$/gm)].map((m) => [m[1]!, m[2]!.replace(/''/g, "'")]),
      );
      const informats = new Map([...s.matchAll(/^ {2}informat (\S+) (\S+);$/gm)].map((m) => [m[1]!, m[2]!]));
      const formats = new Map(
        [...s.matchAll(/^ {2}value (\S+) (.*);$/gm)].map((m) => [
          m[1]!,
          [...m[2]!.matchAll(/'((?:[^']|'')*)' = '((?:[^']|'')*)'/g)].map((x) => [x[1]!, x[2]!.replace(/''/g, "'")]),
        ]),
      );
      const applied = new Map([...s.matchAll(/^ {2}format (\S+) (\S+)\.;$/gm)].map((m) => [m[1]!, m[2]!]));
      t.columns.forEach((c, i) => {
        const numeric = ["integer", "decimal", "date", "datetime"].includes(c.type);
        expect(lengths.get(c.name), c.name).toMatch(numeric ? /^8$/ : /^\$\d+$/);
        expect(input.includes(`${c.name} $`), c.name).toBe(!numeric);
        expect(labels.get(c.name), c.name).toBe(label(c, 256));
        expect(informats.get(c.name), c.name).toBe(
          { date: "yymmdd10.", datetime: "e8601dz30.", integer: "best32.", decimal: "best32." }[c.type as "date"],
        );
        if (c.type === "date") expect(applied.get(c.name)).toBe("yymmdd10");
        if (c.type === "datetime") expect(applied.get(c.name)).toBe("e8601dt19");
        if (!isLabelled(c)) return;
        const name = `$T${n + 1}C${i + 1}F`;
        expect(applied.get(c.name), c.name).toBe(name);
        expect(name.length).toBeLessThanOrEqual(32);
        expect(formats.get(name), c.name).toEqual(c.options!.map((o) => [o.value, oneLine(o.label.fr)]));
      });
    });
    expect(text).toContain("termstr=crlf");
  });

  it("follow the options: no birth date with the age instead", () => {
    for (const text of [stataSyntax(AGE), spssSyntax(AGE), sasSyntax(AGE)]) {
      expect(text).not.toMatch(/\bbirth_date\b/);
      expect(text).toMatch(/\bage_at_sam\b/);
    }
    expect(stataSyntax(OPTIONS, "en")).toContain('label variable ferritin_ug_l `"Ferritin (peak)"\'');
  });
});
