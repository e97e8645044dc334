// README.txt of the complete package: what each file is and how to read it.
import { BLOCKS, CRF } from "../crf/definition";
import { MULTI_SEPARATOR } from "./cells";
import type { ExportOptions } from "./options";
import { REDCAP_REPEATING_FORMS } from "./redcap";
import { NAME_MAX, SHORT_NAMES, VARIABLE_MAX } from "./names";
import { REDCAP_BLOCK_PREFIXES } from "./redcap-names";

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
  changelog: "data-dictionary-changelog.md",
  redcap: "redcap-data-dictionary.csv",
  redcapData: "redcap-import.csv",
  queries: "queries.csv",
  audit: "audit-trail.csv",
  python: "load_dm_sam.py",
  r: "load_dm_sam.R",
  stata: "load_dm_sam.do",
  spss: "load_dm_sam.sps",
  sas: "load_dm_sam.sas",
  // The same three programs labelling in English (the R and Python loaders take a language argument).
  stataEn: "load_dm_sam_en.do",
  spssEn: "load_dm_sam_en.sps",
  sasEn: "load_dm_sam_en.sas",
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
    `- ${PACKAGE_FILES.cases}: one row per case; pseudonymised key (record_id, centre_code, initials, ${o.ageInsteadOfBirthDate ? "age_at_sam" : "birth_date"}), status, the form version the case was entered with (form_version_entered) and the one its answers conform to (form_version_saved; answers of another version may be coded differently: see ${PACKAGE_FILES.changelog}), every field, computed scores.`,
    ...BLOCKS.map(
      (b) =>
        `- ${PACKAGE_FILES.block(b.id)}: ${b.label.en} — one row per block row, keyed by record_id (row_number, stable row_id).`,
    ),
    `- ${PACKAGE_FILES.columns}: every column of the CSV files: table, kind, type, source field (or computed value) of the data dictionary, unit, coded values, labels, REDCap variable, and every coded value with its label (value_labels_fr, value_labels_en: "code = label | …").`,
    `- ${PACKAGE_FILES.dictionary}: the data dictionary (fields, limits, options, conditions), as docs/data-dictionary.csv.`,
    `- ${PACKAGE_FILES.changelog}: the form's versions and, for each amendment, the fields added, removed, renamed, recoded or converted.`,
    `- ${PACKAGE_FILES.redcap}: the same form as a REDCap data dictionary (18 standard columns); mark ${REDCAP_REPEATING_FORMS.join(", ")} as repeating instruments and define the missing-data codes NK, ND, NAP in the project.`,
    `- ${PACKAGE_FILES.redcapData}: the data for REDCap's Data Import Tool, in the dictionary's variables: record_id, redcap_repeat_instrument, redcap_repeat_instance, then every variable. Each case is one row (non-repeating instruments) followed by one row per block row (instrument = the block, instance = row_number). Checkboxes are <variable>___<code> columns (0/1), NK/ND/NAP go in the variable itself (a checkbox: <variable>___nk, ___nd, ___nap, which the dictionary lists as choices), date-times are "YYYY-MM-DD HH:MM:SS" in Paris time (Europe/Paris); free text is exact, without the ' guard (import it, do not open it in a spreadsheet first).`,
    `- ${PACKAGE_FILES.queries}: the queries of the exported cases, one row per message.`,
    `- ${PACKAGE_FILES.audit}: the audit trail of the exported cases; old_value, new_value and data are JSON text as stored (codes as stored: NA there is "not applicable").`,
    `- ${PACKAGE_FILES.python}, ${PACKAGE_FILES.r}, ${PACKAGE_FILES.stata}, ${PACKAGE_FILES.spss}, ${PACKAGE_FILES.sas} (and ${PACKAGE_FILES.stataEn}, ${PACKAGE_FILES.spssEn}, ${PACKAGE_FILES.sasEn}, in English): load the CSV files with their types, labels and value labels (see LOADING).`,
    "",
    "LOADING — read only empty cells as missing",
    '- Missing-data codes are NK (not known), ND (not done) and NAP (not applicable: hidden by a condition) — never "NA", which pandas and R read as a missing value. But a patient\'s initials may be "NA" (or "ND"…): tell your tool that only an empty cell is missing.',
    `- Python: from load_dm_sam import load; cases = load("cases") — or pandas.read_csv("cases.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""]) and the types of ${PACKAGE_FILES.columns}.`,
    `- R: source("${PACKAGE_FILES.r}"); cases <- load_dm_sam("cases") (factors with labels, dates as Date) — or read.csv("cases.csv", fileEncoding = "UTF-8-BOM", na.strings = "", colClasses = "character"); readr: read_csv(…, na = "", col_types = cols(.default = "c")).`,
    `- Stata: do ${PACKAGE_FILES.stata} (one .dta per CSV: codes numbered 1…n with value labels, dates %td). SPSS: run ${PACKAGE_FILES.spss} (one .sav per CSV; SPSS reads one line per case, so free text holding a line break needs the R or Python loader). SAS: set dmsam_dir in ${PACKAGE_FILES.sas} to this folder and submit it (one data set per CSV, a $ format per coded column). Their variable and value labels are in French; the *_en files are the same programs labelling in English. They write native files themselves (.dta, .sav, SAS data sets): no native file is shipped, because no maintained library writes them from this server.`,
    `- Types (${PACKAGE_FILES.columns}, column "type"): integer, decimal; date (YYYY-MM-DD); partialDate (YYYY-MM-DD, YYYY-MM or YYYY: keep as text); datetime (ISO 8601, UTC: …Z); choice and multi (coded text); text. Every loader applies them, so an empty column is never read as logical and a partial date never as a date.`,
    "",
    "NAMES",
    `- Every column of every file has one name of at most ${NAME_MAX} characters (SAS and Stata), unique in its table: a field's value column is <stem> or <stem>_<unit> (at most ${VARIABLE_MAX}), its companion <stem>__missing. The stem is the field id, or, when a name would be too long: ${Object.entries(
      SHORT_NAMES,
    )
      .map(([a, b]) => `${a} → ${b}`)
      .join(", ")} (any other: each longest word cut to 4 letters until it fits).`,
    "- Computed columns are named after the data dictionary's computed value (field_id in columns.csv): hscore_*, hlh_2004_*, mas_2016_result, eular_acr_* (eular_acr_2017), delay_cancer_dm_diag_days (delay_cancer_to_dm_diag_days).",
    `- REDCap variables are the cases CSV's names; block fields are <prefix>_<field> there (REDCap's names are project-wide), with the prefixes ${Object.entries(
      REDCAP_BLOCK_PREFIXES,
    )
      .map(([b, p]) => `${p} = ${b}`)
      .join(", ")}. ${PACKAGE_FILES.columns} gives the REDCap variable of every CSV column (redcap_variable).`,
    "",
    "CONVENTIONS",
    "- CSV: UTF-8 with a byte order mark (BOM, so that Excel reads accents), comma-separated, RFC 4180 quoting, CRLF line ends.",
    "  In French Excel, open with Données > À partir d'un fichier texte/CSV (separator: comma), or use the XLSX export.",
    '- Numbers use "." as decimal separator, in the canonical unit named in the column header: <field>_<unit> (e.g. ferritin_ug_l, temp_max_celsius).',
    "- Dates are ISO: YYYY-MM-DD; partial dates YYYY-MM or YYYY where the field allows them. Date-times are ISO 8601 in UTC (…Z) in the CSV files; in the XLSX workbook they are Paris time with the offset shown (2026-11-20 11:00:00+01:00).",
    "- Missing data never goes in a value column: <stem>__missing holds NK, ND or NAP, and the value column is then empty.",
    `- A multiple choice is one column, its coded values joined with "${MULTI_SEPARATOR}" in the order of the dictionary.`,
    "- Choices are exported as coded values (yes/no, option values); labels are in the dictionaries and the loaders.",
    "- Columns come from the form's definition, not from the data: every file has the same columns whatever the cases exported.",
    "- HScore probabilities are numbers, in percent (hscore_probability_min_pct / _max_pct; the published table's '<1 %' is 1 and '>99 %' is 99).",
    '- Formula guard (CSV only): free text is prefixed with \' only when a spreadsheet would run it: it starts with = or @ (or a tab or carriage return), or it starts with + or - and holds a function call (NAME(), a link (| or !) or arithmetic without spaces (-1+1). Ordinary text ("- J1 : fièvre", "-2 kg") and numbers are exact. XLSX and ODM carry the exact text (in XLSX a line break is LF, as in Excel, and CR is dropped).',
    "- Scores with unknown items are given as a min–max range (hscore_min/hscore_max, eular_acr_score_min/max) and the exact value only when complete.",
    "",
  ];
  return lines.join("\r\n");
}
