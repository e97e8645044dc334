// load_dm_sam.sas: reads each CSV of the package into a SAS data set with the
// types of columns.csv — numbers, full dates (YYMMDD10.), date-times (UTC,
// E8601DT19.), partial dates, codes and text as character variables wide
// enough for their longest value — variable labels, and a character format per
// coded column (every code of the dictionary with its label, `__missing`
// companions included). Records end with CRLF (termstr=crlf), so a line break
// inside free text (LF, as the form stores it) stays in its cell.
import type { ColumnInfo } from "../column-types";
import { CODEBOOK_NOTE } from "./syntax-common";
import { isLabelled, oneLine, statsTables, textWidth, type StatsTable } from "./tables";
import type { ExportOptions } from "../options";
import type { Locale } from "../../locale";

/** SAS strings: single quotes, doubled inside (no macro resolution); a label is at most 256 characters. */
const quote = (text: string, max = 256): string => `'${oneLine(text).slice(0, max).replace(/'/g, "''")}'`;

const isNumeric = (c: ColumnInfo) =>
  c.type === "integer" || c.type === "decimal" || c.type === "date" || c.type === "datetime";

/** The format of a labelled column: `$` + "F" + its position, never ending with a digit (SAS's rule). */
export const sasFormatName = (table: number, column: number): string => `$T${table}C${column}F`;

function informat(c: ColumnInfo): string | undefined {
  if (c.type === "date") return "yymmdd10.";
  if (c.type === "datetime") return "e8601dz30.";
  if (c.type === "integer" || c.type === "decimal") return "best32.";
  return undefined;
}

function table(t: StatsTable, n: number, lang: Locale): string[] {
  const formats = t.columns.flatMap((c, i) => (isLabelled(c) ? [{ c, name: sasFormatName(n, i + 1) }] : []));
  return [
    `/* ---- ${t.file} -> work.${t.name} */`,
    ...(formats.length
      ? [
          "proc format;",
          ...formats.map(
            ({ c, name }) =>
              `  value ${name} ${c.options!.map((o) => `${quote(o.value)} = ${quote(o.label[lang])}`).join(" ")};`,
          ),
          "run;",
        ]
      : []),
    `data work.${t.name};`,
    `  infile "&dmsam_dir/${t.file}" dsd dlm=',' firstobs=2 encoding='utf-8' termstr=crlf lrecl=1048576 truncover;`,
    `  length ${t.columns.map((c) => `${c.name} ${isNumeric(c) ? "8" : `$${Math.min(textWidth(c), 32767)}`}`).join(" ")};`,
    ...t.columns.flatMap((c) => (informat(c) ? [`  informat ${c.name} ${informat(c)};`] : [])),
    ...t.columns.flatMap((c) =>
      c.type === "date"
        ? [`  format ${c.name} yymmdd10.;`]
        : c.type === "datetime"
          ? [`  format ${c.name} e8601dt19.;`]
          : [],
    ),
    `  input ${t.columns.map((c) => `${c.name}${isNumeric(c) ? "" : " $"}`).join(" ")};`,
    ...t.columns.map((c) => `  label ${c.name} = ${quote(c.label[lang])};`),
    ...formats.map(({ c, name }) => `  format ${c.name} ${name}.;`),
    "run;",
    "",
  ];
}

export function sasSyntax(options: ExportOptions, lang: Locale = "fr"): string {
  return [
    "/* DM-SAM eCRF — loads the export package into SAS data sets (work.cases, one per block). */",
    "/* Set dmsam_dir to the package's folder, then submit the program. */",
    `/* ${CODEBOOK_NOTE} */`,
    "%let dmsam_dir = .;",
    "",
    ...statsTables(options).flatMap((t, i) => table(t, i + 1, lang)),
  ].join("\r\n");
}
