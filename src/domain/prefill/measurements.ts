// Measurement matcher for laboratory values and temperature: analyte name,
// then its value (French or English number) and unit, in prose or in a table
// pasted from the lab software. Reference ranges, "N" multiples and H/L flags
// are never values. Values are converted to the field's canonical unit with
// the CRF definition's own factors.
import { fieldById, type FieldId } from "@/domain/crf/definition";
import { cleanNumber } from "@/domain/crf/numbers";
import type { NumberField, UnitDef } from "@/domain/crf/types";
import { dateIndex, type DateIndex, type DateMention } from "@/domain/prefill/dates";
import { EXTRA_CONVERSIONS, LABS, UNIT_WORDS, type LabDef } from "@/domain/prefill/lexicons/labs";
import { isOldContext, qualify, wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc, Sentence } from "@/domain/prefill/text";

export interface LabValue {
  readonly lab: LabDef;
  /** Canonical unit. */
  readonly value: number;
  /** As written, for display ("2,1 g/L"). */
  readonly written: string;
  readonly unit: string | undefined;
  /** The number in `unit`. */
  readonly entered: number;
  readonly start: number;
  readonly end: number;
  readonly date: DateMention | undefined;
  readonly old: boolean;
}

// "18 540", "18,000" (English thousands: exactly three digits after the comma), "8,1", "8.1".
const NUMBER =
  /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?![\d.,])|\d{1,3}(?:\.\d{3}){2,}(?![\d,])|\d+(?:[.,]\d+)?)/;
/** Analytes never written with three decimals: « 23.500 » is 23 500 (French dot thousands), as is « 45.000/mm3 ». */
const LARGE = new Set<FieldId>([
  "ferritin",
  "platelets",
  "leukocytes",
  "neutrophils",
  "lymphocytes",
  "ck_at_sam",
  "ck_max",
  "ldh",
  "d_dimers",
  "scd25",
  "ast",
  "alt",
]);
const UNIT_RE = new RegExp(`^\\s?(?:${UNIT_WORDS.map((u) => u.re).join("|")})`);
const NAME_RES = LABS.map((lab) => ({ lab, re: wordsRe(lab.names) }));
const ANY_NAME = wordsRe(
  LABS.flatMap((l) => l.names),
  "",
);

function parseNumber(raw: string): number {
  if (/^\d{1,3}(?:,\d{3})+$/.test(raw)) return Number(raw.replace(/,/g, ""));
  return Number(raw.replace(/[ \u00a0\u202f]/g, "").replace(",", "."));
}

function unitIdOf(written: string): string | undefined {
  const w = written.trim();
  for (const u of UNIT_WORDS) if (new RegExp(`^(?:${u.re})$`).test(w)) return u.unit;
  return undefined;
}

// The field's units and conversion, as in crf/field-rules.ts (not imported: it would bring the free-text
// identifier guard and its name lists into the browser chunk of the pre-fill panel).
const unitsOf = (field: NumberField): UnitDef[] => (field.unit ? [field.unit, ...(field.altUnits ?? [])] : []);

function toCanonical(field: NumberField, entered: number, unitId: string | undefined): number | undefined {
  const unit = unitId === undefined ? field.unit : unitsOf(field).find((u) => u.id === unitId);
  if (field.unit && !unit) return undefined;
  return cleanNumber(entered * (unit?.factor ?? 1));
}

/** The field's unit id for a written unit id, with lab synonyms (g/L of cells is G/L, µg/L of D-dimers is FEU). */
function fieldUnit(
  field: NumberField,
  unit: string | undefined,
  value: number,
  lab: LabDef,
): string | undefined | null {
  const ids = unitsOf(field).map((u) => u.id);
  if (unit === undefined) {
    const bare = lab.bareUnit?.find((b) => value > b.above);
    return bare ? bare.unit : field.unit?.id;
  }
  if (ids.includes(unit)) return unit;
  const synonyms: Record<string, string[]> = {
    g_l: ["g_per_l"],
    g_per_l: ["g_l"],
    ug_l: ["ug_l_feu", "ng_ml"],
    ng_ml: ["ug_l", "ug_l_feu"],
    u_ml: ["iu_l"],
    iu_l: ["u_ml"],
  };
  return synonyms[unit]?.find((s) => ids.includes(s)) ?? null;
}

/** Rejects a number that is a reference range bound, a multiple of normal or a date part. */
function isReference(t: string, s: number, e: number): boolean {
  const before = t.slice(Math.max(0, s - 12), s);
  const after = t.slice(e, e + 8);
  // "ferritine > 40 000": a value given as a lower bound; "(N > 150)" or "VN > 150" is a reference.
  // "N" is a word of its own ("N < 35"), not the last letter of "Ferritin".
  const lowerBoundValue =
    /[>≥]\s*$/.test(before) && !/(?:[([]|(?<![a-z])(?:n|vn|normale?s?|ref\.?|norme))\s*[>≥]\s*$/.test(before);
  if (!lowerBoundValue && /(?:[<>≤≥]|(?<![a-z])(?:n\s?[:=<]|vn|normale?s?|ref\.?|norme|nl))\s*$/.test(before))
    return true;
  if (
    /^\s*(?:-|a|à|to)\s*\d/.test(after) &&
    !/^\s*a\s*\d+[.,]?\d*\s*(?:g|mg|µ|u|mmol|\/)/.test(after.replace(/^\s*a\s*/, "a "))
  )
    return true;
  if (/\d\s*-\s*$/.test(before)) return true;
  if (/^\s?(?:x\s?)?n(?![a-z])/.test(after) || /^\s?fois/.test(after) || /^\s?%/.test(after)) return true;
  if (/^\s?(?:ans|years?|jours?|days?|mois|months?|heures?|hours?|kg|cm|mg\/kg)(?![a-z])/.test(after)) return true;
  return false;
}

/** Depth of ( or [ at position i within t (a value inside brackets is a reference range). */
function inBrackets(t: string, i: number): boolean {
  let depth = 0;
  for (let k = 0; k < i; k++) {
    if (t[k] === "(" || t[k] === "[") depth++;
    else if ((t[k] === ")" || t[k] === "]") && depth > 0) depth--;
  }
  return depth > 0;
}

interface RawValue {
  value: number;
  unitWritten: string | undefined;
  start: number;
  end: number;
  text: string;
}

/** Values following a name: the first real one, then "puis / then / →" continuations. */
function valuesAfter(t: string, from: number, limit: number): RawValue[] {
  const out: RawValue[] = [];
  let i = from;
  const bracketDepthAtName = inBrackets(t, from);
  while (i < limit) {
    const m = /\d/.exec(t.slice(i, limit));
    if (!m) break;
    const s = i + m.index;
    const gap = t.slice(i, s);
    // Between a name and its value: a few words at most, no other analyte, no sentence or clause end.
    const bare = gap.replace(/\.{2,}|^\./g, " "); // dot leaders, an abbreviation dot ("neutro.")
    const firstOk = bare.length <= 45 && !ANY_NAME.test(bare) && !/[.;]\s|[;]/.test(bare);
    const nextOk = /^\s*,?\s*(?:puis|then|->|→|a|to|jusqu'a|up to|et|and|,)\s*$/.test(gap);
    if (out.length === 0 ? !firstOk : !nextOk) break;
    const nm = NUMBER.exec(t.slice(s));
    if (!nm) break;
    let e = s + nm[0].length;
    const unitNext = UNIT_RE.test(t.slice(e));
    if (
      (!unitNext && /[0-9/]/.test(t[e] ?? "")) ||
      /\d[/.-]$/.test(t.slice(s - 2, s)) ||
      (!unitNext && /^[/.-]\d/.test(t.slice(e, e + 2)))
    ) {
      // part of a date or a ratio
      i = e + 1;
      if (out.length) break;
      continue;
    }
    // "fever (39.8 °C)": a value right after an opening bracket is the value; other bracketed numbers are ranges.
    const openedForValue = out.length === 0 && /^[\s:]*\(\s*$/.test(gap);
    if ((!bracketDepthAtName && !openedForValue && inBrackets(t, s)) || isReference(t, s, e)) {
      i = e;
      if (out.length) break;
      continue;
    }
    // « 39°5 »: the French way of writing 39.5 °C.
    const degrees = /^°(\d)(?!\d)/.exec(t.slice(e));
    if (degrees && /^\d{2}$/.test(nm[0])) {
      out.push({ value: Number(`${nm[0]}.${degrees[1]}`), unitWritten: "°c", start: s, end: e + 2, text: nm[0] });
      i = e + 2;
      continue;
    }
    const um = UNIT_RE.exec(t.slice(e));
    const unitWritten = um ? um[0].trim() : undefined;
    if (um) e += um[0].length;
    out.push({ value: parseNumber(nm[0]), unitWritten, start: s, end: e, text: nm[0] });
    i = e;
  }
  return out;
}

/** Date of a value: the closest date in its sentence, else the last date earlier in its paragraph. */
/** Sentences after which, in their paragraph, the story has reached the MAS episode (no later date since). */
function episodeMarks(doc: Doc, index: DateIndex): Set<Sentence> {
  const opened = new Set<Sentence>();
  let para = -1;
  let open = false;
  for (const s of doc.sentences) {
    if (s.paragraph !== para) {
      para = s.paragraph;
      open = false;
    }
    // A dated sentence says when it is itself; an undated « trois semaines plus tard, elle présentait » moves on.
    if (index.of(s).length) open = false;
    else if (EPISODE.test(s.text)) open = true;
    if (open) opened.add(s);
  }
  return opened;
}

function dateFor(
  doc: Doc,
  index: DateIndex,
  sentence: Sentence,
  pos: number,
  episode: ReadonlySet<Sentence>,
): DateMention | undefined {
  const inSentence = index.of(sentence);
  if (inSentence.length) {
    const d = inSentence.reduce((a, b) => (Math.abs(a.start - pos) <= Math.abs(b.start - pos) ? a : b));
    // « depuis le 05/01, fièvre jusqu'à 39,7 »: a start date, the value may be of any later day.
    return /(?:depuis|since|a partir du|from)(?: le| the)?\s*$/.test(
      doc.folded.slice(Math.max(0, d.start - 14), d.start),
    )
      ? undefined
      : d;
  }
  // Under a dated heading; else in a narrative paragraph, its earlier date — unless this sentence opens the
  // MAS episode itself ("She was admitted with…").
  return index.heading(sentence) ?? (episode.has(sentence) ? undefined : index.before(sentence));
}

const EPISODE =
  /(?:admise?|admitted|admission|hospitalisee?|presented|se presente|presentait|developpait|developed|plus tard|later|subsequently|sam|mas|syndrome d'activation|hlh|au diagnostic du|at (?:mas )?diagnosis)/;

export interface RawLab {
  readonly lab: LabDef;
  readonly value: number;
  readonly unitWritten: string | undefined;
  readonly nameStart: number;
  readonly start: number;
  readonly end: number;
  /** The number as written, when known. */
  readonly text?: string;
}

/** Converts one value read for an analyte to its field's canonical unit; undefined when impossible. */
export function toLabValue(doc: Doc, raw: RawLab, date: DateMention | undefined, old: boolean): LabValue | undefined {
  const field = fieldById(raw.lab.field);
  if (field?.type !== "number") return undefined;
  const written = raw.unitWritten ? unitIdOf(raw.unitWritten) : undefined;
  const dotThousands =
    raw.text !== undefined &&
    /^\d{1,3}(?:\.\d{3})+$/.test(raw.text) &&
    (LARGE.has(raw.lab.field) || written === "per_mm3");
  const number = dotThousands ? Number(raw.text!.replace(/\./g, "")) : raw.value;
  let unit = fieldUnit(field, written, number, raw.lab);
  let entered = number;
  if (unit === null) {
    const extra = EXTRA_CONVERSIONS.find((c) => c.from === written && c.to === field.unit?.id);
    if (!extra) return undefined;
    unit = extra.to;
    entered = raw.value * extra.factor;
  }
  if (raw.lab.field === "temp_max" && (raw.value < 34 || raw.value > 43)) return undefined;
  const value = toCanonical(field, entered, unit);
  if (value === undefined) return undefined;
  const { min, max } = field.hard;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) return undefined;
  return {
    lab: raw.lab,
    value,
    unit,
    entered,
    written: doc.source.slice(raw.start, raw.end),
    start: raw.nameStart,
    end: raw.end,
    date,
    old,
  };
}

export function readNumber(raw: string): number | undefined {
  const m = NUMBER.exec(raw.trim());
  return m && m[0].length === raw.trim().length ? parseNumber(m[0]) : undefined;
}

export const LAB_NAMES = NAME_RES;

export function findLabValues(
  doc: Doc,
  dates: readonly DateMention[],
  skip: ReadonlySet<number> = new Set(),
): LabValue[] {
  const out: LabValue[] = [];
  const index = dateIndex(doc.sentences, dates);
  const episode = episodeMarks(doc, index);
  for (const sentence of doc.sentences) {
    if (sentence.section !== "patient" || skip.has(sentence.start) || !/\d/.test(sentence.text)) continue;
    if (!ANY_NAME.test(sentence.text)) continue;
    const t = sentence.text;
    const taken: [number, number][] = [];
    for (const { lab, re } of NAME_RES) {
      const field = fieldById(lab.field);
      if (field?.type !== "number") continue;
      re.lastIndex = 0;
      for (let m = re.exec(t); m; m = re.exec(t)) {
        const ns = m.index;
        const ne = ns + m[0].length;
        if (taken.some(([a, b]) => ns < b && ne > a && !(a === ns && b === ne))) continue;
        const q = qualify(sentence, ns, ne);
        if (q.family || q.generic) continue;
        const limit = Math.min(t.length, ne + 90);
        for (const raw of valuesAfter(t, ne, limit)) {
          const abs = sentence.start;
          const v = toLabValue(
            doc,
            {
              lab,
              value: raw.value,
              unitWritten: raw.unitWritten,
              nameStart: abs + ns,
              start: abs + raw.start,
              end: abs + raw.end,
              text: raw.text,
            },
            dateFor(doc, index, sentence, abs + raw.start, episode),
            isOldContext(t.slice(Math.max(0, ns - 60), Math.min(t.length, raw.end + 40))),
          );
          if (v) out.push(v);
        }
        taken.push([ns, ne]);
      }
    }
  }
  return out;
}
