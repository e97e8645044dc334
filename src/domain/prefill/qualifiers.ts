// Qualifier detection in the NegEx / ConText tradition: is a mention of a
// finding negated, hypothetical, about a relative, or a general statement?
// Triggers are data (lexicons/qualifiers.ts); this module only applies them
// within a sentence, with scopes bounded by terminators and punctuation.
import {
  FAMILY,
  GENERIC,
  HEADINGS,
  HYPOTHESIS_POST,
  HYPOTHESIS_PRE,
  NEGATION_POST,
  NEGATION_PRE,
  OLD_VALUE,
  PATIENT,
  TERMINATORS,
} from "@/domain/prefill/lexicons/qualifiers";
import type { SegmentRules, Sentence } from "@/domain/prefill/text";

/** Compiles a list of folded-text patterns into one global regex with word boundaries. */
export function wordsRe(list: readonly string[], flags = "g"): RegExp {
  // « œdème » keeps its ligature in the folded text (one code unit): "oe" in a pattern matches both.
  const alts = [...list]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/oe/g, "(?:oe|œ)"))
    .join("|");
  // A pattern may end with an apostrophe (« pas d' »): then the next letter starts the next word.
  return new RegExp(`(?<![a-z0-9µ])(?:${alts})(?:(?<=')|(?![a-z0-9µ]))`, flags);
}

const NEG_PRE = wordsRe(NEGATION_PRE);
const NEG_POST = wordsRe(NEGATION_POST);
const HYP_PRE = wordsRe(HYPOTHESIS_PRE);
const HYP_POST = wordsRe(HYPOTHESIS_POST);
const FAMILY_RE = wordsRe(FAMILY);
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
  const gap = t.slice(te, ms).replace(/\([^()]{0,60}\)/g, "");
  if (gap.length > maxGap || /[:()]/.test(gap) || TERM_RE.test(gap)) return false;
  // "pas d'hépatomégalie, de splénomégalie ni d'adénopathie": a comma continues the scope in a negated list only.
  if (gap.includes(",")) return LIST_WORD.test(t.slice(te, clauseEnd));
  return true;
}

/** A post-trigger starting at `ts` reaches a mention ending at `me`. */
function postReaches(t: string, me: number, ts: number, maxGap: number): boolean {
  // "Cancer screening (CT, PSA, colonoscopy) was negative": a bracketed aside does not end the scope.
  const gap = t.slice(me, ts).replace(/\([^()]{0,60}\)/g, "");
  if (gap.length > maxGap || /[()]/.test(gap) || TERM_RE.test(gap)) return false;
  // « PCR EBV positive, sérologie CMV négative »: a positive result in between belongs to this mention.
  if (/(?<![a-z])(?:positi\w*|presente?s?|present|retrouvee?s?|detected|detectee?s?)(?![a-z])|\+/.test(gap))
    return false;
  // "hémophagocytose recherchée sur le myélogramme : absente" — a colon right before the trigger is fine.
  if (/:/.test(gap) && !/:\s*$/.test(gap)) return false;
  // "adénopathies, un lymphome a été évoqué": after a comma, a determiner starts another subject.
  if (
    /,/.test(gap) &&
    /(?<![a-z])(?:un|une|le|la|les|des|du|a|an|the|il|elle|she|he)(?![a-z])/.test(gap.slice(gap.indexOf(",")))
  )
    return false;
  return true;
}

// Trigger positions are computed once per sentence (a sentence is qualified for many mentions).
const CACHE = new WeakMap<Sentence, Map<RegExp, [number, number][]>>();

function triggers(s: Sentence, re: RegExp): [number, number][] {
  let byRe = CACHE.get(s);
  if (!byRe) CACHE.set(s, (byRe = new Map()));
  let list = byRe.get(re);
  if (!list) {
    list = [];
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) list.push([m.index, m.index + m[0].length]);
    byRe.set(re, list);
  }
  return list;
}

function anyPre(re: RegExp, s: Sentence, ms: number, clause: [number, number], maxGap: number): boolean {
  return triggers(s, re).some(([a, te]) => a >= clause[0] && te <= ms && preReaches(s.text, te, ms, clause[1], maxGap));
}

function anyPost(re: RegExp, s: Sentence, me: number, clause: [number, number], maxGap: number): boolean {
  return triggers(s, re).some(([a]) => a >= me && a < clause[1] && postReaches(s.text, me, a, maxGap));
}

/** Qualifies the mention [ms, me) (offsets within the sentence's folded text). */
export function qualify(sentence: Sentence, ms: number, me: number): Qualifiers {
  const t = sentence.text;
  const clause = clauseAround(t, ms, me);
  const colonValue = /^\s*:\s*(non|no|absente?s?|0)\b/.test(t.slice(me, clause[1]));
  // « éruption non prurigineuse », "non-tender": "non" negates the word right after it only.
  const nonBefore = /(?<![a-z])non[- ]$/.test(t.slice(Math.max(0, ms - 4), ms));
  const negated =
    colonValue || nonBefore || anyPre(NEG_PRE, sentence, ms, clause, 60) || anyPost(NEG_POST, sentence, me, clause, 40);
  // A question ("SAM inaugural ?") asserts nothing.
  const hypothetical =
    (/\?\s*$/.test(t) && !/[,;:]/.test(t.slice(me))) ||
    anyPre(HYP_PRE, sentence, ms, clause, 50) ||
    anyPost(HYP_POST, sentence, me, clause, 40);
  const family =
    sentence.section === "family" || triggers(sentence, FAMILY_RE).some(([a, b]) => a >= clause[0] && b <= clause[1]);
  return { negated, hypothetical, family, generic: sentence.section === "literature" };
}

/** The sentence places its values before the MAS episode ("un an auparavant", "at DM diagnosis"). */
export function isOldContext(text: string): boolean {
  return OLD_RE.test(text);
}
