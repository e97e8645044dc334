// Qualifier detection in the NegEx / ConText tradition: is a mention of a
// finding negated, hypothetical, about a relative, or a general statement?
// Triggers are data (lexicons/qualifiers.ts); this module only applies them
// within a sentence, with scopes bounded by terminators and punctuation.
import {
  FAMILY, GENERIC, HEADINGS, HYPOTHESIS_POST, HYPOTHESIS_PRE, NEGATION_POST, NEGATION_PRE, OLD_VALUE, PATIENT, TERMINATORS,
} from "@/domain/prefill/lexicons/qualifiers";
import type { SegmentRules, Sentence } from "@/domain/prefill/text";

/** Compiles a list of folded-text patterns into one global regex with word boundaries. */
export function wordsRe(list: readonly string[], flags = "g"): RegExp {
  const alts = [...list].sort((a, b) => b.length - a.length).join("|");
  // A pattern may end with an apostrophe (« pas d' »): then the next letter starts the next word.
  return new RegExp(`(?<![a-z0-9µ])(?:${alts})(?:(?<=')|(?![a-z0-9µ]))`, flags);
}

const NEG_PRE = wordsRe(NEGATION_PRE);
const NEG_POST = wordsRe(NEGATION_POST);
const HYP_PRE = wordsRe(HYPOTHESIS_PRE);
const HYP_POST = wordsRe(HYPOTHESIS_POST);
const FAMILY_RE = wordsRe(FAMILY, "");
const TERM_RE = wordsRe(TERMINATORS, "");
const OLD_RE = wordsRe(OLD_VALUE, "");
const LIST_WORD = /(?<![a-z])(?:ni|nor|or|ou)(?![a-z])/;

export const SEGMENT_RULES: SegmentRules = {
  headings: HEADINGS.map((h) => ({ kind: h.kind, re: new RegExp(h.re) })),
  generic: GENERIC.map((g) => new RegExp(`(?<![a-z])${g}(?![a-z])`)),
  patient: PATIENT.map((g) => new RegExp(`(?<![a-z])${g}(?![a-z])`)),
};

export interface Qualifiers {
  readonly negated: boolean;
  readonly hypothetical: boolean;
  readonly family: boolean;
  readonly generic: boolean;
}

/** Clause of `t` around [s, e): bounded by ";" and the sentence's ends. */
function clauseAround(t: string, s: number, e: number): [number, number] {
  let a = s;
  while (a > 0 && t[a - 1] !== ";") a--;
  let b = e;
  while (b < t.length && t[b] !== ";") b++;
  return [a, b];
}

/** A pre-trigger ending at `te` reaches a mention starting at `ms`. */
function preReaches(t: string, te: number, ms: number, clauseEnd: number, maxGap: number): boolean {
  const gap = t.slice(te, ms);
  if (gap.length > maxGap || /[:()]/.test(gap) || TERM_RE.test(gap)) return false;
  // "pas d'hépatomégalie, de splénomégalie ni d'adénopathie": a comma continues the scope in a negated list only.
  if (gap.includes(",")) return LIST_WORD.test(t.slice(te, clauseEnd));
  return true;
}

/** A post-trigger starting at `ts` reaches a mention ending at `me`. */
function postReaches(t: string, me: number, ts: number, maxGap: number): boolean {
  const gap = t.slice(me, ts);
  if (gap.length > maxGap || /[()]/.test(gap) || TERM_RE.test(gap)) return false;
  if (/:/.test(gap) && !/^\s*:\s*$/.test(gap)) return false;
  return true;
}

function anyPre(re: RegExp, t: string, ms: number, clause: [number, number], maxGap: number): boolean {
  re.lastIndex = clause[0];
  for (let m = re.exec(t); m && m.index < ms; m = re.exec(t)) {
    const te = m.index + m[0].length;
    if (te <= ms && preReaches(t, te, ms, clause[1], maxGap)) return true;
  }
  return false;
}

function anyPost(re: RegExp, t: string, me: number, clause: [number, number], maxGap: number): boolean {
  re.lastIndex = me;
  for (let m = re.exec(t); m && m.index < clause[1]; m = re.exec(t)) {
    if (postReaches(t, me, m.index, maxGap)) return true;
  }
  return false;
}

/** Qualifies the mention [ms, me) (offsets within the sentence's folded text). */
export function qualify(sentence: Sentence, ms: number, me: number): Qualifiers {
  const t = sentence.text;
  const clause = clauseAround(t, ms, me);
  const colonValue = /^\s*:\s*(non|no|absente?s?|0)\b/.test(t.slice(me, clause[1]));
  const negated = colonValue || anyPre(NEG_PRE, t, ms, clause, 60) || anyPost(NEG_POST, t, me, clause, 40);
  const hypothetical = anyPre(HYP_PRE, t, ms, clause, 50) || anyPost(HYP_POST, t, me, clause, 40);
  const family = sentence.section === "family" || FAMILY_RE.test(t.slice(clause[0], clause[1]));
  return { negated, hypothetical, family, generic: sentence.section === "literature" };
}

/** The sentence places its values before the MAS episode ("un an auparavant", "at DM diagnosis"). */
export function isOldContext(text: string): boolean {
  return OLD_RE.test(text);
}
