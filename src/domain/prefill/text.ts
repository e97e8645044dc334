// Text preparation for the pre-fill extractor. The source text is never
// rewritten: matching runs on a "folded" copy of the SAME length (lower case,
// accents removed one code unit for one code unit, typographic quotes and
// spaces unified), so that every offset found in the copy is an offset in the
// original — evidence spans stay exact in UTF-16 code units.

const FOLD: Record<string, string> = {
  à: "a",
  â: "a",
  ä: "a",
  á: "a",
  ã: "a",
  ç: "c",
  é: "e",
  è: "e",
  ê: "e",
  ë: "e",
  î: "i",
  ï: "i",
  í: "i",
  ô: "o",
  ö: "o",
  ó: "o",
  ù: "u",
  û: "u",
  ü: "u",
  ú: "u",
  ÿ: "y",
  ñ: "n",
  "\u00a0": " ",
  "\u202f": " ",
  "\u2009": " ",
  "\t": " ",
  "’": "'",
  "‘": "'",
  ʼ: "'",
  "´": "'",
  "\r": " ",
  "–": "-",
  "—": "-",
  "−": "-",
  "‐": "-",
  "‑": "-",
  μ: "µ",
  "×": "x",
};

/** Same length as the input: each UTF-16 code unit maps to exactly one. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Fast path: lower-casing kept every code unit in place; only accents and punctuation remain to fold.
  // "\r" (Windows line ends) becomes a space, so that "\r\n\r\n" still separates paragraphs.
  if (lower.length === text.length) return lower.replace(/[^\x00-\x7f]|\r/g, (ch) => FOLD[ch] ?? ch);
  // Per code unit, so that astral characters keep their two units and "İ" (whose lower case is two units) stays one.
  return text.replace(/[^\x00-\x40\x5b-\x60\x7b-\x7f]/g, (ch) => {
    const lower = ch.toLowerCase();
    return FOLD[lower] ?? (lower.length === 1 ? lower : ch);
  });
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * "other": about none of the patient's facts — a plan or an RCP's decision (treatments proposed, not given),
 * a meeting's attendees (« Présents : …, réanimation »).
 */
export type SectionKind = "patient" | "family" | "literature" | "other";

export interface Sentence extends Span {
  /** Folded text of the sentence (same offsets as the source, minus `start`). */
  readonly text: string;
  readonly section: SectionKind;
  /** Index of the paragraph (blank-line separated block) the sentence belongs to. */
  readonly paragraph: number;
  /** The sentence is one line of a table or a "label: value" list. */
  readonly line: boolean;
}

export interface Doc {
  readonly source: string;
  readonly folded: string;
  readonly sentences: readonly Sentence[];
}

// Abbreviations whose dot does not end a sentence (lab sheets shorten analytes: « Polynucléaires neutro. (G/L) »).
const ABBREV =
  /(?:^|[\s(])(?:dr|pr|mme|mr|m|vs|cf|env|ex|fig|etc|sem|j|h|min|n|no|st|al|coll|i\.e|e\.g|vol|approx|ref|neutro|lympho|leuco|plaq|polynucl|eosino|mono|bili|creat|fibrino)\.$/;

/** Splits a paragraph's lines into sentences (dot + space + capital/digit, or "; " kept inside). */
function splitSentences(folded: string, source: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const c = folded[i];
    if (c === "\n") {
      if (i > s) spans.push({ start: s, end: i });
      s = i + 1;
      continue;
    }
    if ((c === "." || c === "!" || c === "?") && (i + 1 >= end || folded[i + 1] === " ")) {
      // "8.1" has no space after the dot; "Dr. X" is an abbreviation.
      if (ABBREV.test(folded.slice(Math.max(s, i - 8), i + 1))) continue;
      if (folded[i - 1] === ".") continue; // dot leaders of lab software: "Leucocytes ...... 1.6"
      const next = source.slice(i + 1, i + 4).trimStart()[0];
      if (next !== undefined && !/[A-ZÀ-Ý«"(]/.test(next)) continue;
      spans.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (end > s) spans.push({ start: s, end });
  return spans.flatMap((sp) => capLength(folded, sp)).filter((sp) => folded.slice(sp.start, sp.end).trim() !== "");
}

/** A run-on "sentence" (a pasted block without stops) is cut at a comma or space every ~600 characters. */
function capLength(folded: string, sp: Span): Span[] {
  const out: Span[] = [];
  let s = sp.start;
  while (sp.end - s > 800) {
    const window = folded.slice(s + 500, s + 800);
    const comma = window.lastIndexOf(", ");
    const cut = s + 500 + (comma >= 0 ? comma + 1 : Math.max(0, window.lastIndexOf(" ")));
    out.push({ start: s, end: cut });
    s = cut;
  }
  out.push({ start: s, end: sp.end });
  return out;
}

/** Recognises a heading line and the kind of section it opens. */
export type HeadingRule = { readonly kind: SectionKind; readonly re: RegExp };

export interface SegmentRules {
  readonly headings: readonly HeadingRule[];
  /** A sentence about patients in general or the literature, not this patient. */
  readonly generic: readonly RegExp[];
  /** A sentence clearly back on this patient ("notre patiente", "our patient"). */
  readonly patient: readonly RegExp[];
}

export function segment(source: string, rules: SegmentRules): Doc {
  const { headings, patient: patientRes } = rules;
  const genericRe = new RegExp(rules.generic.map((r) => r.source).join("|"));
  const folded = fold(source);
  const sentences: Sentence[] = [];
  let section: SectionKind = "patient";
  let paragraph = 0;
  const paraRe = /\n[ ]*\n/g;
  let pStart = 0;
  const bounds: Span[] = [];
  for (let m = paraRe.exec(folded); m; m = paraRe.exec(folded)) {
    bounds.push({ start: pStart, end: m.index });
    pStart = m.index + m[0].length;
  }
  bounds.push({ start: pStart, end: folded.length });
  let familyParagraphs = 0;
  for (const p of bounds) {
    paragraph++;
    const spans = splitSentences(folded, source, p.start, p.end);
    let paraKind: SectionKind | undefined;
    // A family-history section is short: it ends after the paragraph that follows its heading.
    if (section === "family" && familyParagraphs++ >= 2) section = "patient";
    let inline: SectionKind | undefined;
    for (const sp of spans) {
      // Trim leading spaces and list markers so that offsets point at words.
      let a = sp.start;
      while (a < sp.end && /[\s\-*•·]/.test(folded[a]!)) a++;
      let b = sp.end;
      while (b > a && /\s/.test(folded[b - 1]!)) b--;
      if (a >= b) continue;
      const text = folded.slice(a, b);
      const heading = headings.find((h) => h.re.test(text));
      const colon = text.indexOf(":");
      const hasContent = colon >= 0 && colon < text.length - 2;
      // Without a colon, only a line that is little more than the heading's words is a heading.
      const bare = heading && !hasContent && text.replace(heading.re, "").replace(/[\s:#*.-]/g, "").length <= 12;
      if (heading && (hasContent || bare)) {
        // "Antécédents familiaux : mère …" on one line is a heading with content: it holds for its line only.
        if (hasContent) inline = heading.kind;
        else {
          section = heading.kind;
          familyParagraphs = 0;
          inline = undefined;
          continue;
        }
      } else if (isPlainHeading(text, source.slice(a, b))) {
        section = "patient";
        inline = undefined;
        continue;
      } else if (sp.start > 0 && folded[sp.start - 1] === "\n") {
        inline = undefined; // a new line without a heading of its own
      }
      if (paraKind && patientRes.some((re) => re.test(text))) paraKind = undefined;
      let kind: SectionKind = inline ?? paraKind ?? section;
      const line = folded[sp.end] === "\n" || folded[sp.start - 1] === "\n" || /:\s*\S/.test(text);
      if (kind === "patient" && genericRe.test(text)) {
        // « Le SAM est classiquement associé à … ; chez notre patiente, seule une splénomégalie » : two clauses.
        const semi = text.indexOf(";");
        const own = semi > 0 ? text.slice(semi + 1) : "";
        if (own && patientRes.some((re) => re.test(own)) && !genericRe.test(own)) {
          sentences.push({
            start: a,
            end: a + semi,
            text: text.slice(0, semi),
            section: "literature",
            paragraph,
            line,
          });
          sentences.push({ start: a + semi + 1, end: b, text: own, section: "patient", paragraph, line });
          continue;
        }
        kind = "literature";
      }
      sentences.push({ start: a, end: b, text, section: kind, paragraph, line });
      // A literature paragraph: once one sentence reads like the literature, the rest of it does too.
      if (kind === "literature" && section === "patient") paraKind = "literature";
    }
  }
  return { source, folded, sentences };
}

/** A short line ending with ":" or written in capitals: a heading that returns to the patient's own story. */
function isPlainHeading(text: string, raw: string): boolean {
  if (text.length >= 60) return false;
  return /^[a-z0-9 '()/-]+:$/.test(text) || (/^[^a-z]*[A-Z][^a-z]*$/.test(raw) && !/\d/.test(raw) && raw.length > 3);
}
