// One exported value ("cell") and how it is written in CSV: numbers with "."
// decimals and no float noise, dates as ISO text, RFC 4180 quoting, CRLF line
// ends. The same cells feed the XLSX writer, which keeps numbers as numbers.
import { csvField } from "../crf/data-dictionary";

/** A value of an exported table: text, a number, or nothing (empty cell). */
export type Cell = string | number | null;

/**
 * UTF-8 byte order mark written at the start of every exported CSV: French
 * Excel reads the file as UTF-8 only with it (accents otherwise garbled).
 * csv-parse (`bom: true`), readr, pandas and LibreOffice skip it.
 */
export const BOM = "\uFEFF";

export const CRLF = "\r\n";

/** Multiple-choice values are one cell, joined with this separator. */
export const MULTI_SEPARATOR = "|";

/**
 * A number as text: "." decimals, no exponent, and without binary float noise
 * (0.1 + 0.2 → "0.3"): 15 significant digits are what a double holds exactly.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  // Fast path: integers and short decimals print exactly as they are.
  if (Number.isSafeInteger(n)) return String(n);
  const plain = String(n);
  if (plain.length < 16 && !plain.includes("e")) return plain;
  const clean = Number.parseFloat(n.toPrecision(15));
  const text = String(clean);
  if (!/e/i.test(text)) return text;
  // Very small or very large values: plain decimal notation, trailing zeros trimmed.
  return Math.abs(clean) < 1 ? clean.toFixed(20).replace(/0+$/, "").replace(/\.$/, "") : BigInt(Math.round(clean)).toString();
}

/**
 * Excel runs a cell starting with = + - @ (or a tab / carriage return) as a
 * formula ("CSV injection"). Free-text cells that start so get a leading
 * apostrophe in CSV files only; the XLSX and ODM files carry the exact text.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell as CSV text (unquoted). */
export function cellText(cell: Cell, freeText = false): string {
  if (cell === null) return "";
  if (typeof cell === "number") return formatNumber(cell);
  return freeText ? guardFormula(cell) : cell;
}

/** One CSV record: cells quoted when needed, comma-separated, CRLF-terminated. */
export function csvLine(cells: readonly string[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i ? "," : "") + csvField(cells[i]!);
  return out + CRLF;
}

/** XML 1.0 forbids most control characters and lone surrogates: they are dropped from exported text. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, "");
}
