// Column tables pasted from lab software or typed in reports, in both
// layouts: analytes as columns and one row per date, or dates as columns and
// one row per analyte. Cells are separated by tabs, "|" or two spaces or more.
import type { DateMention } from "@/domain/prefill/dates";
import { LAB_NAMES, readNumber, toLabValue, type LabValue } from "@/domain/prefill/measurements";
import type { Doc, Sentence } from "@/domain/prefill/text";
import { type LabDef, UNIT_WORDS } from "@/domain/prefill/lexicons/labs";

interface Cell {
  text: string;
  start: number;
  end: number;
}

const UNIT_IN = new RegExp(`(?:${UNIT_WORDS.map((u) => u.re).join("|")})`);

function cells(s: Sentence): Cell[] {
  const out: Cell[] = [];
  const re = /[^\t|]+?(?=\t|\||\s{2,}|$)/g;
  for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, start: s.start + m.index + lead, end: s.start + m.index + lead + text.length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The analytes a cell or row names at its start: « CPK » is both the CK at the MAS and the CK maximum. */
function labsOf(text: string): LabDef[] {
  return LAB_NAMES.filter((n) => {
    n.re.lastIndex = 0;
    const m = n.re.exec(text);
    return m !== null && m.index <= 2;
  }).map((n) => n.lab);
}
const labOf = (text: string) => labsOf(text)[0];

const dateIn = (c: Cell, dates: readonly DateMention[]) => dates.find((d) => d.start >= c.start && d.end <= c.end);

export function findTableValues(
  doc: Doc,
  dates: readonly DateMention[],
): { values: LabValue[]; consumed: Set<number> } {
  const values: LabValue[] = [];
  const consumed = new Set<number>();
  const ss = doc.sentences;
  for (let i = 0; i < ss.length; i++) {
    const head = ss[i]!;
    if (head.section !== "patient") continue;
    const hc = cells(head);
    if (hc.length < 2) continue;
    const labCols = hc.map((c) => labOf(c.text));
    const dateCols = hc.map((c) => dateIn(c, dates));
    const byLab = labCols.filter(Boolean).length >= 2;
    const byDate = dateCols.filter(Boolean).length >= 2 && !byLab;
    if (!byLab && !byDate) continue;
    if (byDate) {
      const rows = ss.slice(i + 1).filter((r) => r.paragraph === head.paragraph);
      byDateRows(doc, head, rows, dates, values, consumed);
      continue;
    }
    let j = i + 1;
    for (; j < ss.length && ss[j]!.paragraph === head.paragraph; j++) {
      const row = cells(ss[j]!);
      if (row.length !== hc.length) break;
      consumed.add(ss[j]!.start);
      if (byLab) {
        const date = row.map((c) => dateIn(c, dates)).find(Boolean);
        row.forEach((c, k) => {
          const lab = labCols[k];
          const n = readNumber(c.text.replace(/\s?[HLhl*]$/, ""));
          if (!lab || n === undefined) return;
          const unit = UNIT_IN.exec(doc.folded.slice(hc[k]!.start, hc[k]!.end))?.[0];
          const v = toLabValue(
            doc,
            { lab, value: n, unitWritten: unit, nameStart: c.start, start: c.start, end: c.end },
            date,
            false,
          );
          if (v) values.push(v);
        });
      }
    }
    if (j > i + 1) consumed.add(head.start);
  }
  return { values, consumed };
}

const NUM = String.raw`(?:\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`;
const CELL_RE = new RegExp(
  String.raw`(?<![\d.,])${NUM}(?![\d])|(?<=^|\s)(?:-{1,3}|—|nf|nd|n\.f\.|non fait|absent)(?=\s|$)`,
  "g",
);
/** A reference-range cell, « 12,0 - 16,0 » or « < 35 », standing apart (two spaces or a tab) from the values. */
const RANGE_CELL = new RegExp(String.raw`(?<=^|\s\s|\t)(?:${NUM}\s?[-–]\s?${NUM}|[<>≤≥]\s?${NUM})(?=\s\s|\t|$)`, "g");
const blank = (x: string) => " ".repeat(x.length);

/** Dates as columns: each analyte row's numbers, in order, are the columns' values. */
function byDateRows(
  doc: Doc,
  head: Sentence,
  rows: readonly Sentence[],
  dates: readonly DateMention[],
  values: LabValue[],
  consumed: Set<number>,
): void {
  const cols = dates.filter((d) => d.start >= head.start && d.end <= head.end);
  for (const r of rows) for (const lab of labsOf(r.text)) byDateRow(doc, r, lab, cols, values, consumed);
  consumed.add(head.start);
}

function byDateRow(
  doc: Doc,
  r: Sentence,
  lab: LabDef,
  cols: readonly DateMention[],
  values: LabValue[],
  consumed: Set<number>,
): void {
  const nameEnd = r.text.search(/\d|\s{2,}|\t/);
  // Brackets and a reference-range column (« 12,0 - 16,0 », « < 35 ») are blanked, offsets kept.
  const body = r.text
    .slice(Math.max(0, nameEnd))
    .replace(/\([^)]*\)/g, blank)
    .replace(RANGE_CELL, blank);
  const unit = UNIT_IN.exec(r.text)?.[0];
  // A dash or « NF » cell is a date without a value: it keeps its column, it gives no number.
  const cells = [...body.matchAll(CELL_RE)].filter((m) => !/^\s?(?:-|a)\s?\d/.test(body.slice(m.index! + m[0].length)));
  // A header date without a cell makes the row ambiguous: skip it rather than shift columns.
  if (cells.length !== cols.length) return;
  consumed.add(r.start);
  cells.forEach((m, k) => {
    if (!/\d/.test(m[0])) return;
    const start = r.start + Math.max(0, nameEnd) + m.index!;
    const v = toLabValue(
      doc,
      {
        lab,
        value: Number(m[0].replace(/ /g, "").replace(",", ".")),
        unitWritten: unit,
        nameStart: r.start,
        start,
        end: start + m[0].length,
      },
      cols[k],
      false,
    );
    if (v) values.push(v);
  });
}

/** A header cell naming the reference range, followed by result or date cells (« Valeurs de réf.   15/04/2017 »). */
const REF_HEAD =
  /(?:valeurs? (?:de )?ref(?:erence)?s?\.?|normes?|valeurs? usuelles?|reference(?: range| values?)?s?|normal range)(?:\s{2,}|\t)+(?:\d|resultats?|results?|valeurs?)/;

/** The document's tables put the reference column before the results. */
export const referenceFirst = (doc: Doc): boolean => doc.sentences.some((s) => REF_HEAD.test(s.text));

/** Start of the last cell of a row after `from` (two cells at least: reference, then result), else undefined. */
export function lastCellStart(t: string, from: number): number | undefined {
  const m = /^(?:\s*\([^)]*\))?(?:\s{2,}|\t)+\S.*?(?:\s{2,}|\t)+(\S(?:(?!\s{2}|\t).)*)\s*$/.exec(t.slice(from));
  return m ? from + m[0].trimEnd().length - m[1]!.length : undefined;
}
