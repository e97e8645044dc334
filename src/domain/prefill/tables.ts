// Column tables pasted from lab software or typed in reports, in both
// layouts: analytes as columns and one row per date, or dates as columns and
// one row per analyte. Cells are separated by tabs, "|" or two spaces or more.
import type { DateMention } from "@/domain/prefill/dates";
import { LAB_NAMES, readNumber, toLabValue, type LabValue } from "@/domain/prefill/measurements";
import type { Doc, Sentence } from "@/domain/prefill/text";
import { UNIT_WORDS } from "@/domain/prefill/lexicons/labs";

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

function labOf(text: string) {
  for (const n of LAB_NAMES) {
    n.re.lastIndex = 0;
    const m = n.re.exec(text);
    if (m && m.index <= 2) return n.lab;
  }
  return undefined;
}

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

const NUM_RE = /(?<![\d.,])\d{1,3}(?: \d{3})+(?:[.,]\d+)?(?![\d])|(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])/g;

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
  for (const r of rows) {
    const lab = labOf(r.text);
    if (!lab) continue;
    const nameEnd = r.text.search(/\d|\s{2,}|\t/);
    const body = r.text.slice(Math.max(0, nameEnd)).replace(/\([^)]*\)/g, (x) => " ".repeat(x.length));
    const unit = UNIT_IN.exec(r.text)?.[0];
    const nums = [...body.matchAll(NUM_RE)].filter((m) => !/^\s?(?:-|a)\s?\d/.test(body.slice(m.index! + m[0].length)));
    // A header date without a value (a blank cell) makes the row ambiguous: skip it rather than shift columns.
    if (nums.length !== cols.length) continue;
    consumed.add(r.start);
    nums.forEach((m, k) => {
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
  consumed.add(head.start);
}
