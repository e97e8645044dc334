// The one CSV writer of the app (RFC 4180): the exports, the data dictionary
// and every generated CSV quote and end records the same way.

/** UTF-8 byte order mark: French Excel reads a CSV as UTF-8 only with it; readr, pandas and LibreOffice skip it. */
export const BOM = "\uFEFF";

export const CRLF = "\r\n";

/** A CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV record: cells quoted when needed, comma-separated, CRLF-terminated. */
export function csvLine(cells: readonly string[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i ? "," : "") + csvField(cells[i]!);
  return out + CRLF;
}

/** Records as CSV text (no BOM). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  let out = "";
  for (const r of rows) out += csvLine(r);
  return out;
}

/** Reads RFC 4180 text (BOM, quotes, line breaks inside quotes, CRLF or LF) into records of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = text.startsWith(BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}
