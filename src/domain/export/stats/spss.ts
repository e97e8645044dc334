// load_dm_sam.sps: reads each CSV of the package with SPSS (and GNU PSPP) and
// saves it as a .sav file: numbers as F, full dates as SDATE10 dates,
// date-times as DATETIME (UTC), partial dates, codes and text as strings
// wide enough for their longest value; variable labels, and value labels on
// the coded string variables (every code of the dictionary, the `__missing`
// companions included). Only an empty cell is missing.
import type { ColumnInfo } from "../column-types";
import { CODEBOOK_NOTE } from "./syntax-common";
import { isLabelled, oneLine, statsTables, textWidth, type StatsTable } from "./tables";
import type { ExportOptions } from "../options";
import type { Locale } from "../../locale";

/** SPSS strings: double quotes, doubled inside; a variable label is at most 255 bytes. */
const quote = (text: string, max = 120): string => `"${oneLine(text).slice(0, max).replace(/"/g, '""')}"`;

/** The input format of a column in GET DATA. */
export function spssFormat(c: ColumnInfo): string {
  switch (c.type) {
    case "integer":
      return "F12.0";
    case "decimal":
      return "F18.6";
    case "date":
      return "SDATE10";
    default:
      return `A${textWidth(c)}`;
  }
}

function table(t: StatsTable, lang: Locale): string[] {
  const datetimes = t.columns.filter((c) => c.type === "datetime");
  const labelled = t.columns.filter(isLabelled);
  return [
    `* ---- ${t.file} -> ${t.name}.sav.`,
    "GET DATA /TYPE=TXT",
    `  /FILE="${t.file}" /ENCODING="UTF8"`,
    '  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS="," /QUALIFIER=\'"\'',
    "  /VARIABLES=",
    ...t.columns.map((c) => `    ${c.name} ${spssFormat(c)}`),
    ".",
    // An ISO date-time (2026-11-20T10:00:00.000Z) read as text, then as an SPSS date-time (UTC).
    ...datetimes.flatMap((c) => [
      `COMPUTE dmsam_t = NUMBER(SUBSTR(${c.name}, 1, 10), SDATE10) + NUMBER(SUBSTR(${c.name}, 12, 8), TIME8).`,
      "FORMATS dmsam_t (DATETIME20).",
      `MATCH FILES /FILE=* /DROP=${c.name}.`,
      `RENAME VARIABLES (dmsam_t = ${c.name}).`,
    ]),
    "VARIABLE LABELS",
    ...t.columns.map((c, i) => `  ${c.name} ${quote(c.label[lang])}${i === t.columns.length - 1 ? "." : " /"}`),
    ...(labelled.length
      ? [
          "VALUE LABELS",
          ...labelled.map(
            (c, i) =>
              `  ${c.name} ${c.options!.map((o) => `${quote(o.value)} ${quote(o.label[lang])}`).join(" ")}${i === labelled.length - 1 ? "." : " /"}`,
          ),
        ]
      : []),
    `SAVE OUTFILE="${t.name}.sav".`,
    "",
  ];
}

export function spssSyntax(options: ExportOptions, lang: Locale = "fr"): string {
  return [
    "* Encoding: UTF-8.",
    "* DM-SAM eCRF — loads the export package into SPSS data files (one .sav per CSV file).",
    "* Run it from the package's folder (File > Open > Syntax, Run All; or: pspp load_dm_sam.sps).",
    "* Free text holding a line break: SPSS reads one line per case; use the R or Python loader for it.",
    `* ${CODEBOOK_NOTE}`,
    "",
    ...statsTables(options).flatMap((t) => table(t, lang)),
  ].join("\r\n");
}
