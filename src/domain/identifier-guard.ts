// Pseudonymisation guard for free text (CRF spec §9). Before a free-text field
// is saved it is scanned for direct identifiers; any hit blocks the save of
// that field. Pure module: no framework, no I/O. Results carry message keys
// (see identifier-guard.messages.ts), never sentences, and never repeat an
// identifier in full: the excerpt keeps only its first character.
//
// Bias: a false positive costs the clinician a rewrite, a false negative puts
// an identifier in the study database, so ambiguous shapes that are typical
// of identifiers are flagged; the clinical notations listed in the tests
// (lab values with units, J7, 03/2015, scores…) are not.
import type { IdentifierGuardMessageKey } from "./identifier-guard.messages";

export type IdentifierKind = "email" | "phone" | "nir" | "hospital_number" | "birth_date" | "name";

export interface IdentifierHit {
  kind: IdentifierKind;
  /** UTF-16 offsets into the scanned text, end exclusive (text.slice(start, end)). */
  start: number;
  end: number;
}

export type IdentifierGuardKey = `identifierGuard.${IdentifierGuardMessageKey}`;

export interface GuardIssue {
  key: IdentifierGuardKey;
  params?: Record<string, string | number>;
}

export type GuardResult = { ok: true } | { ok: false; issues: GuardIssue[] };

/** §0: free text is limited to 500 characters unless the field says otherwise. */
export const DEFAULT_FREE_TEXT_MAX_LENGTH = 500;

export const IDENTIFIER_KINDS = ["email", "nir", "phone", "birth_date", "hospital_number", "name"] as const satisfies readonly IdentifierKind[];

export const IDENTIFIER_GUARD_KEYS = {
  email: "identifierGuard.email",
  phone: "identifierGuard.phone",
  nir: "identifierGuard.nir",
  hospital_number: "identifierGuard.hospitalNumber",
  birth_date: "identifierGuard.birthDate",
  name: "identifierGuard.name",
} as const satisfies Record<IdentifierKind, IdentifierGuardKey>;

export const TOO_LONG_KEY: IdentifierGuardKey = "identifierGuard.tooLong";

// Spaces French keyboards and word processors put inside numbers and after titles.
const SP = "[ \\u00A0\\u202F]";

// E-mail: RFC 5322 dot-atom local part (accented letters too, people type them),
// a domain of labels and an alphabetic TLD. The lookbehind starts a match only
// at the beginning of a run, which keeps the scan linear on long words.
const ATEXT = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]";
const EMAIL = new RegExp(`(?<!${ATEXT})${ATEXT}+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}`, "gu");

// National numbers: 0 + digit 1–9 + four pairs, written 0612345678, 06 12 34 56 78,
// 06.12.34.56.78 or 06-12-34-56-78. The separator must be the same throughout
// (\1), so "01.02.2015 12" or lists of small values do not pass for a number.
const PHONE_NATIONAL = new RegExp(`(?<![\\p{N}+])0[1-9](${SP}|[.-]|)\\d{2}(?:\\1\\d{2}){3}(?!\\p{N})`, "gu");
// International: +33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033612345678.
const PHONE_INTERNATIONAL = new RegExp(`(?<![\\p{N}+])(?:\\+|00)33${SP}?(?:\\(0\\)${SP}?)?[1-9](?:(?:${SP}|[.-])?\\d{2}){4}(?!\\p{N})`, "gu");

// NIR: sex (1/2, 7/8 temporary) + year + month + département (2A/2B in Corsica)
// + commune + order + 2-digit key, as printed on the carte Vitale
// ("1 61 04 51 454 123 45") or run together. The key decides (see nirKeyIsValid).
const NIR = new RegExp(`(?<![\\p{L}\\p{N}])[1278]${SP}?\\d{2}${SP}?\\d{2}${SP}?(?:\\d{2}|2[AaBb])${SP}?\\d{3}${SP}?\\d{3}${SP}?\\d{2}(?![\\p{L}\\p{N}])`, "gu");

// Hospital numbers (IPP, NDA) are contiguous runs of 7+ digits. Lab values reach
// 6 digits (ferritin 150000) or are written with a thousands space ("250 000"),
// which splits the run. A long run followed by a unit is a value, not an identifier
// (EBV load "2500000 copies/mL").
const DIGIT_RUN = /(?<!\p{N})\d{7,}(?!\p{N})/gu;
const UNIT_AFTER = /^(?:[.,]\d+)?[ \u00A0\u202F]?(?:(?:[µμu]g|mg|ng|pg|g|k?UI|U|[mµμu]?mol|copies|cp|log)(?!\p{L})|\/[ ]?[\p{L}µμ])/iu;

// Full dates (day + month + year); month/year alone ("03/2015") stays allowed.
// dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (one separator throughout).
const DATE_DMY = /(?<![\p{N}/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}(?![\p{N}/])/gu;
// dd/mm/yy with two-digit day and month ("né le 12/04/61").
const DATE_DMY_SHORT = /(?<![\p{N}/.-])(?:0[1-9]|[12]\d|3[01])\/(?:0[1-9]|1[0-2])\/\d{2}(?![\p{N}/])/gu;
// ISO yyyy-mm-dd (also yyyy/mm/dd), as exported by hospital software.
const DATE_YMD = /(?<![\p{N}/.-])(?:19|20)\d{2}([/-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\p{N}/])/gu;
// "12 mars 1961", "1er avril 1961", "3 févr. 1961", "12 March 1961", "March 12, 1961".
const MONTH =
  "(?:janvier|janv|février|fevrier|févr|fevr|mars|avril|avr|mai|juin|juillet|juil|août|aout|septembre|sept|octobre|oct|novembre|nov|décembre|decembre|déc|dec" +
  "|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sep|october|november|december)";
const DAY = "(?:1er|0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
const DATE_WORDS = new RegExp(`(?<![\\p{L}\\p{N}])${DAY}${SP}+${MONTH}\\.?${SP}+(?:19|20)\\d{2}(?!\\p{N})`, "giu");
const DATE_WORDS_EN = new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\.?${SP}+${DAY},?${SP}+(?:19|20)\\d{2}(?!\\p{N})`, "giu");

// Names: only right after a title or "patient(e)", which makes a capitalised
// word a name rather than a sentence start or an acronym. Titles are matched
// case-insensitively, except the bare "M" (lowercase m is metres/minutes).
const TRIGGER =
  /(?<![\p{L}\p{N}])(?:(madame|mademoiselle|monsieur|docteur|professeur|mme|mlle|melle|mrs|mr|ms|dr|prof|pr|m)\.?|(patiente?))(?=[ \u00A0\u202F])/giu;
// Name tokens are case-sensitive (a /i regex would let \p{Lu} match lowercase).
// "Jeanne", "Jean-Pierre", "D’Alembert" / "DUPONT", "LE-GALL", "D’ARTAGNAN".
const CAPITALISED = "(?:\\p{Lu}['’])?\\p{Lu}[\\p{Ll}\\p{M}]+(?:[-'’]\\p{Lu}[\\p{Ll}\\p{M}]+)*";
const UPPERCASE = "(?:\\p{Lu}['’])?\\p{Lu}[\\p{Lu}\\p{M}]+(?:[-'’]\\p{Lu}[\\p{Lu}\\p{M}]+)*";
const NAME_TOKEN = new RegExp(`${SP}+(?:(${UPPERCASE})|(${CAPITALISED}))(?![\\p{L}\\p{M}\\p{N}])`, "uy");
// Capitalised words that follow a title without being names ("vu par le Dr. Il…").
const NOT_A_NAME = new Set(
  ("Il Elle Ils Elles On Le La Les Un Une Des Du De Ce Cet Cette Ces Son Sa Ses Et Ou Mais Puis Pas En Au Aux " +
    "Avec Sans Pour Par Sur Dans Chez Après Avant Depuis Selon Qui Que The He She They It A An And Then With In At Of To Is Was").split(" "),
);
// Clinical acronyms written after "patient" ("patient VIH", "patiente HTA").
const ACRONYMS = new Set(
  ("VIH HIV VHB VHC HBV HCV HTA BPCO DNID DID DM DMJ JDM SAM MAS HLH LES LED PR SEP IRC IRCT IRA MICI USI ICU SDRA ARDS " +
    "COVID SARS CRP PID PINS ILD EBV CMV HHV AVC SAPL TVP EP ACR EULAR ATCD ECOG NYHA MDA TIF NXP SRP HMGCR ANA AAN " +
    "RAS NB PS SC IV PO IGIV IVIG").split(" "),
);

interface Candidate extends IdentifierHit {
  priority: number;
}

/**
 * NIR key: 97 − (13-digit number mod 97); for Corsica, 2A counts as 19 and 2B as 18.
 * Returns null when `first13` is not 13 digits (after the Corsican substitution).
 */
export function nirKey(first13: string): number | null {
  const digits = first13.replace(/2A/i, "19").replace(/2B/i, "18");
  if (!/^\d{13}$/.test(digits)) return null;
  return 97 - Number(BigInt(digits) % 97n);
}

/** True when a 15-character NIR (spaces allowed) carries the right key. */
export function nirKeyIsValid(nir: string): boolean {
  const compact = nir.replace(/[ \u00A0\u202F]/g, "");
  const key = nirKey(compact.slice(0, 13));
  return compact.length === 15 && key !== null && key === Number(compact.slice(13));
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) yield m;
}

function candidate(kind: IdentifierKind, start: number, end: number): Candidate {
  return { kind, start, end, priority: IDENTIFIER_KINDS.indexOf(kind) };
}

function nameAfterTrigger(text: string, trigger: RegExpExecArray): Candidate | null {
  const [word, title, patient] = trigger;
  if (title?.toLowerCase() === "m" && title !== "M") return null;
  const read = (at: number): { end: number; value: string; upper: boolean } | null => {
    NAME_TOKEN.lastIndex = at;
    const m = NAME_TOKEN.exec(text);
    const value = m?.[1] ?? m?.[2];
    if (!m || value === undefined || NOT_A_NAME.has(value) || ACRONYMS.has(value)) return null;
    return { end: at + m[0].length, value, upper: m[1] !== undefined };
  };
  const first = read(trigger.index + word.length);
  if (!first) return null;
  const second = read(first.end);
  // After "patient(e)" a lone capitalised word may be anything ("patient Covid"):
  // require a pair, or a surname in capitals. After a title one word is a name.
  if (patient !== undefined && !second && !first.upper) return null;
  return candidate("name", first.end - first.value.length, (second ?? first).end);
}

function candidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches(EMAIL, text)) out.push(candidate("email", m.index, m.index + m[0].length));
  for (const re of [PHONE_NATIONAL, PHONE_INTERNATIONAL]) for (const m of matches(re, text)) out.push(candidate("phone", m.index, m.index + m[0].length));
  // A NIR-shaped number with a wrong key is still a long identifier-like number.
  for (const m of matches(NIR, text)) out.push(candidate(nirKeyIsValid(m[0]) ? "nir" : "hospital_number", m.index, m.index + m[0].length));
  for (const re of [DATE_DMY, DATE_DMY_SHORT, DATE_YMD, DATE_WORDS, DATE_WORDS_EN]) for (const m of matches(re, text)) out.push(candidate("birth_date", m.index, m.index + m[0].length));
  for (const m of matches(DIGIT_RUN, text)) {
    const end = m.index + m[0].length;
    if (!UNIT_AFTER.test(text.slice(end))) out.push(candidate("hospital_number", m.index, end));
  }
  for (const m of matches(TRIGGER, text)) {
    const hit = nameAfterTrigger(text, m);
    if (hit) out.push(hit);
  }
  return out;
}

/**
 * Direct identifiers in `text`, sorted by start, never overlapping. Where two
 * readings overlap the more specific kind wins (order of IDENTIFIER_KINDS:
 * e-mail, NIR, phone, date, long number, name), then the earlier, longer one.
 */
export function scanForIdentifiers(text: string): IdentifierHit[] {
  const ranked = candidates(text).sort((a, b) => a.priority - b.priority || a.start - b.start || b.end - a.end);
  const kept: IdentifierHit[] = [];
  for (const c of ranked) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push({ kind: c.kind, start: c.start, end: c.end });
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** First character kept, the rest replaced by "•" (at most 7), so the length of a long identifier is not told either. */
export function maskExcerpt(identifier: string): string {
  const chars = Array.from(identifier);
  return (chars[0] ?? "") + "•".repeat(Math.min(Math.max(chars.length - 1, 0), 7));
}

/**
 * Checks a free-text value before it is saved: length (UTF-16 code units, as a
 * textarea's maxlength counts) and direct identifiers. One issue per kind found,
 * in order of first appearance, with the count and the first hit masked.
 */
export function guardFreeText(text: string, maxLength: number = DEFAULT_FREE_TEXT_MAX_LENGTH): GuardResult {
  const issues: GuardIssue[] = [];
  if (text.length > maxLength) issues.push({ key: TOO_LONG_KEY, params: { max: maxLength, length: text.length } });
  const byKind = new Map<IdentifierKind, { count: number; excerpt: string }>();
  for (const hit of scanForIdentifiers(text)) {
    const seen = byKind.get(hit.kind);
    if (seen) seen.count += 1;
    else byKind.set(hit.kind, { count: 1, excerpt: maskExcerpt(text.slice(hit.start, hit.end)) });
  }
  for (const [kind, { count, excerpt }] of byKind) issues.push({ key: IDENTIFIER_GUARD_KEYS[kind], params: { count, excerpt } });
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}
