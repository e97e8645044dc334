// README.txt of the complete package: what each file is and how to read it.
import { BLOCKS, CRF } from "../crf/definition";
import { MULTI_SEPARATOR } from "./cells";
import type { ExportOptions } from "./options";
import { REDCAP_REPEATING_FORMS } from "./redcap";
import { REDCAP_BLOCK_PREFIXES, REDCAP_NAME_MAX, REDCAP_SHORT_NAMES } from "./redcap-names";

export interface ReadmeInput {
  readonly options: ExportOptions;
  /** ISO date-time (UTC). */
  readonly createdAt: string;
  readonly cases: number;
  readonly exportedBy: string;
}

/** File names inside the package. */
export const PACKAGE_FILES = {
  readme: "README.txt",
  cases: "cases.csv",
  block: (id: string) => `${id}.csv`,
  columns: "columns.csv",
  dictionary: "data-dictionary.csv",
  redcap: "redcap-data-dictionary.csv",
  redcapData: "redcap-import.csv",
  queries: "queries.csv",
  audit: "audit-trail.csv",
} as const;

export function packageReadme(input: ReadmeInput): string {
  const o = input.options;
  const filters = [
    `centres: ${o.centres.length ? o.centres.join(", ") : "toutes / all"}`,
    `statuts / statuses: ${o.statuses.length ? o.statuses.join(", ") : "tous / all"}`,
    `date de naissance remplacée par l'âge au SAM / birth date replaced by age at MAS: ${o.ageInsteadOfBirthDate ? "oui / yes" : "non / no"}`,
  ];
  const lines = [
    "DM-SAM eCRF — export complet / complete export",
    "",
    `Créé le / created: ${input.createdAt} (UTC) par / by ${input.exportedBy}`,
    `Version du CRF / CRF version: ${CRF.version}`,
    `Dossiers / cases: ${input.cases}`,
    ...filters,
    "",
    "FILES",
    `- ${PACKAGE_FILES.cases}: one row per case; pseudonymised key (record_id, centre, initials, ${o.ageInsteadOfBirthDate ? "age_at_sam" : "birth_date"}), status, every field, computed scores.`,
    ...BLOCKS.map((b) => `- ${PACKAGE_FILES.block(b.id)}: ${b.label.en} — one row per block row, keyed by record_id (row_number, stable row_id).`),
    `- ${PACKAGE_FILES.columns}: every column of the CSV files: table, kind, type, source field, unit, coded values, labels.`,
    `- ${PACKAGE_FILES.dictionary}: the data dictionary (fields, limits, options, conditions), as docs/data-dictionary.csv.`,
    `- ${PACKAGE_FILES.redcap}: the same form as a REDCap data dictionary (18 standard columns); mark ${REDCAP_REPEATING_FORMS.join(", ")} as repeating instruments and define the missing-data codes NK, ND, NA in the project.`,
    `- ${PACKAGE_FILES.redcapData}: the data for REDCap's Data Import Tool, in the dictionary's variables: record_id, redcap_repeat_instrument, redcap_repeat_instance, then every variable. Each case is one row (non-repeating instruments) followed by one row per block row (instrument = the block, instance = row_number). Checkboxes are <variable>___<code> columns (0/1), NK/ND/NA go in the variable itself (a checkbox: <variable>___nk…), date-times are "YYYY-MM-DD HH:MM:SS" (UTC); free text is exact, without the ' guard (import it, do not open it in a spreadsheet first).`,
    `  REDCap variable names are lowercase, at most ${REDCAP_NAME_MAX} characters: top-level fields keep the CSV column name; block fields are <prefix>_<field> with the prefixes ${Object.entries(REDCAP_BLOCK_PREFIXES).map(([b, p]) => `${p} = ${b}`).join(", ")}; longer names are shortened (${Object.entries(REDCAP_SHORT_NAMES).map(([a, b]) => `${a} → ${b}`).join(", ")}; any other: each longest word cut to 4 letters until it fits). ${PACKAGE_FILES.columns} gives the REDCap variable of every CSV column (redcap_variable).`,
    `- ${PACKAGE_FILES.queries}: the queries of the exported cases, one row per message.`,
    `- ${PACKAGE_FILES.audit}: the audit trail of the exported cases; old_value, new_value and data are JSON text as stored.`,
    "",
    "CONVENTIONS",
    "- CSV: UTF-8 with a byte order mark (BOM, so that Excel reads accents), comma-separated, RFC 4180 quoting, CRLF line ends.",
    '  In French Excel, open with Données > À partir d\'un fichier texte/CSV (separator: comma), or use the XLSX export. R: readr::read_csv; pandas: encoding="utf-8-sig".',
    '- Numbers use "." as decimal separator, in the canonical unit named in the column header: <field>_<unit> (e.g. ferritin_ug_l, temp_max_celsius).',
    "- Dates are ISO: YYYY-MM-DD; partial dates YYYY-MM or YYYY where the field allows them. Date-times are UTC (…Z).",
    "- Missing data never goes in a value column: <field>__missing holds NK (not known), ND (not done) or NA (not applicable: hidden by a condition), and the value column is then empty.",
    `- A multiple choice is one column, its coded values joined with "${MULTI_SEPARATOR}" in the order of the dictionary.`,
    "- Choices are exported as coded values (yes/no, option values); labels are in the dictionaries.",
    "- Columns come from the form's definition, not from the data: every file has the same columns whatever the cases exported.",
    "- Free text starting with = + - or @ is prefixed with ' in CSV files so that a spreadsheet never runs it as a formula (XLSX and ODM carry the exact text; in XLSX a line break is LF, as in Excel, and CR is dropped).",
    "- Scores with unknown items are given as a min–max range (hscore_min/hscore_max, eular_acr_score_min/max) and the exact value only when complete.",
    "",
  ];
  return lines.join("\r\n");
}
