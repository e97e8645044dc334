// Where the drugs are in a sentence: names from the controlled list (lexicons/drugs.ts), unknown or misspelt
// names in a treatment context as "other" with the name as written, and the clause each name owns — the text
// that findDrugs (drugs.ts) reads its dose, route and timing from.
import { DRUG_NAMES, NOT_DRUG_WORDS, TREATMENT_CUES_BEFORE } from "@/domain/prefill/lexicons/drugs";
import { LABS } from "@/domain/prefill/lexicons/labs";
import { wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc, Sentence } from "@/domain/prefill/text";

/** A drug name found in a sentence; offsets are relative to the sentence. */
export interface DrugName {
  readonly drug: string;
  readonly start: number;
  readonly end: number;
  /** The name as written, for a name not in the list (drug "other"). */
  readonly other?: string;
  readonly rule: string;
}

// Sticky: a name is identified where the union matched it, context (lookbehinds) included.
const KNOWN = Object.entries(DRUG_NAMES).map(([drug, names]) => ({ drug, re: wordsRe(names, "y") }));
const ANY_KNOWN = wordsRe(Object.values(DRUG_NAMES).flat());
const CUE_END = new RegExp(`(?:${wordsRe(TREATMENT_CUES_BEFORE).source})\\s*$`);
const NOT_DRUG = new Set(NOT_DRUG_WORDS);
const LAB_WORD = wordsRe(
  LABS.flatMap((l) => l.names),
  "",
);
const DRUG_SUFFIX = /(?:mab|nib|cept|limus|kinra|ximab|zumab|umab)$/;
// A dose, not a lab result (« 3 UI/L », « 40 mg/L »).
const DOSE_AFTER = /^\s*(?:\(\w+\)\s*)?\d+(?:[.,]\d+)?\s?(?:mg|g|µg|mcg|ui)\b(?!\s?\/\s?(?:l|dl|ml)\b)/;

/** Unknown names in a treatment context: after a cue, or a word with a drug-like ending, or a capitalised word before a dose. */
function unknownNames(doc: Doc, s: Sentence): { start: number; end: number; written: string }[] {
  const t = s.text;
  const out: { start: number; end: number; written: string }[] = [];
  const wordRe = /[a-z][a-z0-9-]{3,}/g;
  for (let m = wordRe.exec(t); m; m = wordRe.exec(t)) {
    const w = m[0];
    const a = m.index;
    const b = a + w.length;
    if (NOT_DRUG.has(w) || LAB_WORD.test(w)) continue;
    ANY_KNOWN.lastIndex = 0;
    if (ANY_KNOWN.test(w)) continue;
    const before = t.slice(Math.max(0, a - 30), a);
    const cue = CUE_END.test(before);
    const written = doc.source.slice(s.start + a, s.start + b);
    const capitalised = /^[A-Z]/.test(written) && (a > 0 || DOSE_AFTER.test(t.slice(b)));
    const suffix = DRUG_SUFFIX.test(w);
    const dose = DOSE_AFTER.test(t.slice(b));
    if (suffix || (cue && (dose || capitalised)) || (capitalised && dose)) out.push({ start: a, end: b, written });
  }
  return out;
}

/** The drug names of a sentence, in text order: listed names first, then unknown names that overlap none. */
export function drugNames(doc: Doc, s: Sentence): DrugName[] {
  const t = s.text;
  const names: DrugName[] = [];
  // One pass with the union of all names, then the drug of each match.
  ANY_KNOWN.lastIndex = 0;
  for (let m = ANY_KNOWN.exec(t); m; m = ANY_KNOWN.exec(t)) {
    const w = m[0];
    const at = m.index;
    const drug = KNOWN.find((k) => {
      k.re.lastIndex = at;
      return k.re.test(t);
    })?.drug;
    if (drug) names.push({ drug, start: m.index, end: m.index + w.length, rule: "drug.lexicon" });
  }
  for (const u of unknownNames(doc, s)) {
    if (!names.some((n) => u.start < n.end && u.end > n.start))
      names.push({ drug: "other", other: u.written, start: u.start, end: u.end, rule: "drug.unknown" });
  }
  names.sort((a, b) => a.start - b.start);
  return names;
}

/** Where a list item's attributes end: the first clause break after its dose, brackets excepted. */
export function attributesEnd(t: string, from: number, limit: number): number {
  const digit = t.slice(from, limit).search(/\d/);
  if (digit < 0) return limit;
  let depth = 0;
  for (let k = from + digit; k < limit; k++) {
    const c = t[k];
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if ((c === ";" || (c === "," && t[k + 1] === " ")) && depth === 0) return k;
  }
  return limit;
}

/** Where a drug's segment ends: before the next drug, cut at the last clause break (", associé à 3 bolus de …"). */
export function segmentEnd(t: string, from: number, nextStart: number, hasNext: boolean): number {
  if (!hasNext) return nextStart;
  const part = t.slice(from, nextStart);
  let cut = -1;
  const re = /[,;]| et | and | puis | then | plus | relais par | followed by /g;
  for (let m = re.exec(part); m; m = re.exec(part)) cut = m.index;
  return cut > 0 ? from + cut : nextStart;
}
