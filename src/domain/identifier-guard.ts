// Pseudonymisation guard for free text (CRF spec §9, issue 11). Before a free-text field,
// a query message or a reason is saved it is scanned for direct identifiers; any hit
// blocks the save of that field. Pure module: no framework, no I/O, word lists imported
// statically (identifier-guard/lexicons), so the browser, the server and the CLI
// (scripts/guard/check.ts) run exactly the same code.
//
// The text is first normalised (NFKC, zero-width and bidi controls removed); hits are
// reported in UTF-16 offsets of the ORIGINAL text, so the UI can highlight and replace
// them. Results carry message keys (identifier-guard.messages.ts), never sentences, and
// never repeat an identifier in full: the excerpt keeps only its first character.
//
// Bias: a false positive costs the clinician a rewrite, a false negative puts an
// identifier in the study database. Recall and false alarms are measured on a labelled
// corpus (npm run guard:eval, docs/pseudonymisation.md).
import { nameSpans } from "./identifier-guard/names";
import { ageSpans, near } from "./identifier-guard/places";
import { normaliseForScan, originalSpan } from "./identifier-guard/normalize";
import { shapeSpans } from "./identifier-guard/patterns";
import { IDENTIFIER_KIND_VOCABULARY, type IdentifierKind, type Span } from "./identifier-guard/types";
import type { IdentifierGuardMessageKey } from "./identifier-guard.messages";

export { nirKey } from "./identifier-guard/patterns";
export type { IdentifierKind } from "./identifier-guard/types";

export interface IdentifierHit {
  kind: IdentifierKind;
  /** UTF-16 offsets into the text as typed (not normalised), end exclusive: text.slice(start, end). */
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

/** Every kind the guard reports: the documented vocabulary (docs/pseudonymisation.md). */
export const IDENTIFIER_KINDS = IDENTIFIER_KIND_VOCABULARY;

export const IDENTIFIER_GUARD_KEYS = {
  name: "identifierGuard.name",
  address: "identifierGuard.address",
  phone: "identifierGuard.phone",
  email: "identifierGuard.email",
  nir: "identifierGuard.nir",
  hospital_id: "identifierGuard.hospitalNumber",
  birth_date: "identifierGuard.birthDate",
  age: "identifierGuard.age",
  birth_place: "identifierGuard.birthPlace",
} as const satisfies Record<IdentifierKind, IdentifierGuardKey>;

export const TOO_LONG_KEY: IdentifierGuardKey = "identifierGuard.tooLong";
/** First issue when several kinds are found: names them all (params: one "yes"/"no" per kind). */
export const SEVERAL_KEY: IdentifierGuardKey = "identifierGuard.several";

/**
 * Neutral tokens that replace an identifier in one click. In French, the study's language,
 * whatever the interface language, so that the data read the same for everyone.
 */
export const IDENTIFIER_TOKENS = {
  name: "[nom]",
  address: "[adresse]",
  phone: "[téléphone]",
  email: "[e-mail]",
  nir: "[NIR]",
  hospital_id: "[n° hospitalier]",
  birth_date: "[date de naissance]",
  age: "[âge]",
  birth_place: "[lieu de naissance]",
} as const satisfies Record<IdentifierKind, string>;

// Where two readings overlap the more specific kind wins.
const PRIORITY: readonly IdentifierKind[] = [
  "email",
  "nir",
  "phone",
  "address",
  "birth_date",
  "hospital_id",
  "birth_place",
  "name",
  "age",
];

function resolve(spans: readonly Span[]): Span[] {
  const ranked = [...spans].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.start - b.start || b.end - a.end,
  );
  const kept: Span[] = [];
  for (const s of ranked) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept;
}

/**
 * Direct identifiers in `text`, sorted by start, never overlapping, in offsets of `text`.
 * Full dates and ages count only next to a name (or, for dates, after "né le", "DDN"…):
 * dates of clinical events and "patiente de 52 ans" are not identifiers.
 */
export function scanForIdentifiers(text: string): IdentifierHit[] {
  const n = normaliseForScan(text);
  const shapes = shapeSpans(n.text);
  const all = [
    ...shapes,
    ...nameSpans(
      n.text,
      shapes.filter((s) => s.kind === "email"),
    ),
  ];
  const firm = resolve(all.filter((s) => !s.needsName));
  const names = firm.filter((s) => s.kind === "name");
  const dated = all.filter((s) => s.needsName && names.some((name) => near(n.text, name, s)));
  const spans = resolve([...firm, ...dated, ...ageSpans(n.text, names)]);
  return spans.map((s) => ({ kind: s.kind, ...originalSpan(n, s.start, s.end) })).sort((a, b) => a.start - b.start);
}

/** The kinds found, each once, in order of first appearance (what the CLI prints). */
export function identifierKindsOf(text: string): IdentifierKind[] {
  return [...new Set(scanForIdentifiers(text).map((h) => h.kind))];
}

/** `text` with the given hits replaced by their neutral tokens (hits from scanForIdentifiers(text)). */
export function replaceIdentifiers(text: string, hits: readonly IdentifierHit[]): string {
  let out = text;
  for (const h of [...hits].sort((a, b) => b.start - a.start))
    out = out.slice(0, h.start) + IDENTIFIER_TOKENS[h.kind] + out.slice(h.end);
  return out;
}

/** First character kept, the rest replaced by "•" (at most 7), so the length of a long identifier is not told either. */
export function maskExcerpt(identifier: string): string {
  const chars = Array.from(identifier);
  return (chars[0] ?? "") + "•".repeat(Math.min(Math.max(chars.length - 1, 0), 7));
}

/**
 * Checks a free-text value before it is saved: length (UTF-16 code units, as a
 * textarea's maxlength counts) and direct identifiers. One issue per kind found, in
 * order of first appearance, with the count and the first hit masked; when several
 * kinds are found, a first issue names them all (SEVERAL_KEY), so that a form showing
 * only the first message still tells every kind.
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
  if (byKind.size > 1) {
    const params: Record<string, string | number> = { count: byKind.size };
    for (const kind of IDENTIFIER_KINDS) params[kind] = byKind.has(kind) ? "yes" : "no";
    issues.push({ key: SEVERAL_KEY, params });
  }
  for (const [kind, { count, excerpt }] of byKind)
    issues.push({ key: IDENTIFIER_GUARD_KEYS[kind], params: { count, excerpt } });
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}
