// What an export is asked for: its format and options (centre and status
// filters, the repeating block of a block CSV, the age at MAS instead of the
// birth date). Parsed from the query string of /api/exports/<format>.
import { CASE_STATUSES, isCaseStatus, type CaseStatus } from "../lifecycle";
import type { FieldErrors } from "../messages";
import { BLOCKS } from "../crf/definition";

export const EXPORT_FORMATS = [
  "cases-csv",
  "block-csv",
  "xlsx",
  "redcap-dictionary",
  "redcap-data",
  "odm-xml",
  "package-zip",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === "string" && (EXPORT_FORMATS as readonly string[]).includes(v);
}

export const BLOCK_IDS: readonly string[] = BLOCKS.map((b) => b.id);

export interface ExportOptions {
  /** Centre codes to export (all centres the actor sees when empty). */
  readonly centres: readonly string[];
  /** Case statuses to export (every status when empty). */
  readonly statuses: readonly CaseStatus[];
  /** The repeating block of a block CSV. */
  readonly block?: string;
  /** Export the age at MAS (whole years) instead of the birth date. */
  readonly ageInsteadOfBirthDate: boolean;
}

export const DEFAULT_OPTIONS: ExportOptions = { centres: [], statuses: [], ageInsteadOfBirthDate: false };

/** The query string as received: repeated or comma-separated values. */
export interface RawExportQuery {
  readonly centre?: readonly string[];
  readonly status?: readonly string[];
  readonly block?: string | null;
  readonly ageInsteadOfBirthDate?: string | null;
}

export type ParsedOptions = { ok: true; options: ExportOptions } | { ok: false; fieldErrors: FieldErrors };

/** Repeated or comma-separated values, upper-cased, without duplicates, sorted. */
const list = (values: readonly string[] | undefined): string[] =>
  [
    ...new Set(
      (values ?? [])
        .flatMap((v) => v.split(","))
        .map((v) => v.trim().toUpperCase())
        .filter((v) => v !== ""),
    ),
  ].sort();

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["", "0", "false", "no", "off"]);

/** Validates the query; `block` is required for, and only read by, the block CSV. */
export function parseExportOptions(format: ExportFormat, raw: RawExportQuery): ParsedOptions {
  const errors: FieldErrors = {};
  const centres = list(raw.centre);
  if (centres.some((c) => !/^[A-Z]{3}$/.test(c))) errors.centre = [{ key: "generic.invalid" }];
  const statusList = list(raw.status);
  const statuses = statusList.filter(isCaseStatus);
  if (statuses.length !== statusList.length) errors.status = [{ key: "generic.invalid" }];
  const age = (raw.ageInsteadOfBirthDate ?? "").trim().toLowerCase();
  if (!TRUE.has(age) && !FALSE.has(age)) errors.ageInsteadOfBirthDate = [{ key: "generic.invalid" }];
  const block = raw.block?.trim() || undefined;
  if (format === "block-csv" && (!block || !BLOCK_IDS.includes(block))) errors.block = [{ key: "generic.invalid" }];
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    options: {
      centres,
      statuses: CASE_STATUSES.filter((s) => statuses.includes(s)),
      ...(format === "block-csv" ? { block } : {}),
      ageInsteadOfBirthDate: TRUE.has(age),
    },
  };
}

/** The options as recorded in the "export.run" audit event. */
export function optionsForAudit(options: ExportOptions): Record<string, unknown> {
  return {
    centres: [...options.centres],
    statuses: [...options.statuses],
    ...(options.block ? { block: options.block } : {}),
    ageInsteadOfBirthDate: options.ageInsteadOfBirthDate,
  };
}

/** The options as a query string (links of the exports page), without the leading "?". */
export function optionsQuery(options: Partial<ExportOptions>): string {
  const q = new URLSearchParams();
  for (const c of options.centres ?? []) q.append("centre", c);
  for (const s of options.statuses ?? []) q.append("status", s);
  if (options.block) q.set("block", options.block);
  if (options.ageInsteadOfBirthDate) q.set("ageInsteadOfBirthDate", "1");
  return q.toString();
}

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  "cases-csv": "csv",
  "block-csv": "csv",
  xlsx: "xlsx",
  "redcap-dictionary": "csv",
  "redcap-data": "csv",
  "odm-xml": "xml",
  "package-zip": "zip",
};

/** "dm-sam_cases_REI_VALIDATED_20261123-1530.csv": what, which filters, when (UTC). */
export function exportFilename(format: ExportFormat, options: ExportOptions, now: Date): string {
  const what =
    format === "block-csv"
      ? (options.block ?? "block")
      : format === "cases-csv"
        ? "cases"
        : format.replace(/-(csv|xml|zip)$/, "");
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/T(\d{4}).*$/, "-$1");
  const parts = [
    "dm-sam",
    what,
    ...options.centres,
    ...options.statuses.map((s) => s.toLowerCase()),
    ...(options.ageInsteadOfBirthDate ? ["age"] : []),
    stamp,
  ];
  return `${parts.join("_")}.${EXTENSIONS[format]}`;
}
