// One exported value ("cell") and how it is written as text: numbers with "."
// decimals and no float noise, dates as ISO text, the formula guard of CSV
// cells. The same cells feed the XLSX writer, which keeps numbers as numbers;
// quoting and line ends are the one CSV writer's (src/domain/csv.ts).
/** A value of an exported table: text, a number, or nothing (empty cell). */
export type Cell = string | number | null;

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
  return Math.abs(clean) < 1
    ? clean.toFixed(20).replace(/0+$/, "").replace(/\.$/, "")
    : BigInt(Math.round(clean)).toString();
}

/**
 * What a spreadsheet would run as a formula when it opens a CSV ("CSV
 * injection"), and only that — a clinician's "- J1 : fièvre" or "-2 kg" is text
 * to keep exact, not a formula (ADR 0015):
 *   - a cell starting with "=", "@", a tab or a carriage return: always guarded;
 *   - a cell starting with "+" or "-": guarded when it holds something that
 *     executes or fetches — a function call (a name followed by "(", as
 *     HYPERLINK( or cmd( ), a DDE or external link ("|", or "!" right after a
 *     name or a quote: cmd|' /C calc'!A0, Sheet1!A1) — or a formula operator
 *     joining two operands without spaces (-1+1, -A1*2), which Excel would
 *     compute; a plain number (-5, +3.2) is data and stays as it is.
 * Guarded cells get a leading apostrophe, in CSV files only: XLSX and ODM carry the exact text.
 */
const FUNCTION_CALL = /[A-Za-z_][A-Za-z0-9_.]*\(/;
const LINK = /\||[A-Za-z0-9_'\]]!/;
const OPERATOR = /[A-Za-z0-9_)$]\s*[-+*/^&=<>]\s*[A-Za-z0-9_($]/;
const SIGNED = /^[+-]/;

export function needsFormulaGuard(text: string): boolean {
  if (/^[=@\t\r]/.test(text)) return true;
  if (!SIGNED.test(text)) return false;
  const rest = text.slice(1).trimStart();
  if (/^\d+([.,]\d+)?$/.test(rest)) return false;
  return FUNCTION_CALL.test(rest) || LINK.test(rest) || (!/\s/.test(rest) && OPERATOR.test(rest));
}

export function guardFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** A cell as CSV text (unquoted). */
export function cellText(cell: Cell, freeText = false): string {
  if (cell === null) return "";
  if (typeof cell === "number") return formatNumber(cell);
  return freeText ? guardFormula(cell) : cell;
}

/** XML 1.0 forbids most control characters and lone surrogates: they are dropped from exported text. */
// eslint-disable-next-line no-control-regex
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, "");
}
