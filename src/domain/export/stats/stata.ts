// load_dm_sam.do: reads each CSV of the package into a Stata data set (.dta)
// with the types of columns.csv — numbers destrung, full dates as %td dates,
// date-times as %tc (UTC), partial dates, multiple choices and text as strings
// — variable labels, and each single choice (the `__missing` companions
// included) as numbers 1…n in the dictionary's order with a value label of the
// same name; a note on the variable gives the codes. Text is read with quoted
// line breaks (bindquotes(strict)); only an empty cell is missing.
import type { ColumnInfo } from "../column-types";
import { CODEBOOK_NOTE } from "./syntax-common";
import { isLabelled, oneLine, statsTables, type StatsTable } from "./tables";
import type { ExportOptions } from "../options";
import type { Locale } from "../../locale";

/** Stata's compound quotes hold any text but a line break; a variable label is at most 80 characters. */
const quote = (text: string, max = 80): string => `\`"${oneLine(text).slice(0, max)}"'`;

function convert(c: ColumnInfo, lang: Locale): string[] {
  const v = c.name;
  const replaceBy = (generate: string, format: string) => [
    generate,
    `order _t, after(${v})`,
    `drop ${v}`,
    `rename _t ${v}`,
    `format ${v} ${format}`,
  ];
  switch (c.type) {
    case "integer":
    case "decimal":
      return [`destring ${v}, replace`];
    case "date":
      return replaceBy(`generate double _t = date(${v}, "YMD")`, "%tdCCYY-NN-DD");
    case "datetime":
      return replaceBy(`generate double _t = clock(substr(${v}, 1, 19), "YMD#hms")`, "%tcCCYY-NN-DD_HH:MM:SS");
    default:
      if (!isLabelled(c)) return [];
      return [
        `label define ${v} ${c.options!.map((o, i) => `${i + 1} ${quote(o.label[lang], 32000)}`).join(" ")}, replace`,
        "generate byte _t = .",
        ...c.options!.map((o, i) => `replace _t = ${i + 1} if ${v} == ${quote(o.value, 2000)}`),
        `assert !missing(_t) if ${v} != ""`,
        `order _t, after(${v})`,
        `drop ${v}`,
        `rename _t ${v}`,
        `label values ${v} ${v}`,
        `notes ${v}: codes ${oneLine(c.options!.map((o, i) => `${i + 1} = ${o.value}`).join(", "))}`,
      ];
  }
}

function table(t: StatsTable, lang: Locale): string[] {
  return [
    `* ---- ${t.file} -> ${t.name}.dta`,
    `import delimited using "${t.file}", clear varnames(1) case(preserve) encoding("utf-8") delimiters(",") bindquotes(strict) maxquotedrows(unlimited) stringcols(_all)`,
    ...t.columns.flatMap((c) => [...convert(c, lang), `label variable ${c.name} ${quote(c.label[lang])}`]),
    "compress",
    `save "${t.name}.dta", replace`,
    "",
  ];
}

export function stataSyntax(options: ExportOptions, lang: Locale = "fr"): string {
  return [
    "* DM-SAM eCRF — loads the export package into Stata data sets (one .dta per CSV file).",
    "* Run it from the package's folder: do load_dm_sam.do",
    `* ${CODEBOOK_NOTE}`,
    "version 16",
    "set more off",
    "",
    ...statsTables(options).flatMap((t) => table(t, lang)),
  ].join("\r\n");
}
