// Person names, found word by word on the normalised text (places of birth and ages: places.ts).
// A name is: a title followed by name-like words ("mme dupont jeanne", "Dr Martin"); a first name
// of the lexicon with the surname-like words next to it ("Dupont Jeanne", "jeanne dupont",
// "DUPONT Jeanne"); a first name alone unless it is also a word ("Claire", "Rose"); a maiden name
// ("née Dupont"); a surname of the lexicon in capitals or followed by an age. Clinical language is
// kept out by word lists (common words, drugs, laboratories, eponyms) and by context: an eponym
// after "syndrome de" / before "disease", a hospital, ward or street named after someone.
import { CITIES, CLINICAL_TERMS, COMMON_WORDS, EPONYMS, SURNAMES } from "./lexicons";
import { birthPlaces } from "./places";
import { isAmbiguousFirst, isClinical, isFirstName, isFunction, joined, tokenize, type Token } from "./tokens";
import {
  EPONYM_HEADS_EN,
  EPONYM_HEADS_FR,
  INSTITUTIONS,
  MAIDEN,
  NAME_FIELD,
  PARTICLES,
  PATIENT,
  RELATIONS,
  SAINTS,
  SURNAME_THEN_AGE,
  TITLES,
  VERBS_AFTER_TITLE,
} from "./name-words";
import type { Span } from "./types";

function surnameLike(t: Token, firstShape: Token["shape"]): boolean {
  if (t.text.length < 2 || isFunction(t) || isClinical(t) || t.shape === "mixed") return false;
  if (INSTITUTIONS.has(t.key) || TITLES.has(t.key) || PATIENT.has(t.key) || RELATIONS.has(t.key)) return false;
  if (t.shape === "lower")
    return firstShape === "lower" && (SURNAMES.has(t.key) || isFirstName(t) || !COMMON_WORDS.has(t.key));
  if (t.shape === "upper" && t.text.length <= 3 && !SURNAMES.has(t.key)) return false;
  return SURNAMES.has(t.key) || isFirstName(t) || !COMMON_WORDS.has(t.key);
}

function eponymContext(text: string, tokens: Token[], i: number, last: number): boolean {
  // Before: "<head> de [la] X", "<head> d'X" (the elision was cut from the token): a head noun and a
  // particle between ("Signé : Pr Martin" is no eponym).
  const elided = (k: number) => text[tokens[k]!.start - 1] === "'" || text[tokens[k]!.start - 1] === "’";
  let particle = elided(i);
  for (let j = i - 1, hops = 0; j >= 0 && hops < 6; j--, hops++) {
    const t = tokens[j]!;
    if ((EPONYM_HEADS_FR.has(t.key) || EPONYM_HEADS_EN.has(t.key)) && particle) return true;
    // "critères de Bohan et Peter", "syndrome de Kikuchi-Fujimoto": names joined by "et"/"and".
    const isParticle = PARTICLES.has(t.key) || ["des", "of", "the"].includes(t.key);
    if (isParticle || elided(j)) particle = true;
    const link = isParticle || ["et", "and", "&"].includes(t.key) || t.shape === "cap" || t.shape === "upper";
    if (!link) break;
  }
  // After: "Still's disease", "Pierre Robin sequence", "Hodgkin lymphoma".
  const next = tokens[last + 1];
  return (
    next !== undefined && (EPONYM_HEADS_EN.has(next.key) || EPONYM_HEADS_FR.has(next.key)) && next.shape !== "upper"
  );
}

function institutionContext(tokens: Token[], i: number): boolean {
  for (let j = i - 1, hops = 0; j >= 0 && hops < 4; j--, hops++) {
    const k = tokens[j]!.key;
    if (INSTITUTIONS.has(k)) return true;
    if (!PARTICLES.has(k) && !TITLES.has(k) && k !== "des" && k !== "the" && tokens[j]!.shape === "lower") return false;
  }
  return false;
}

/** "Johns Hopkins Hospital", "Marie Curie Institute": a name followed by an institution word. */
function institutionAfter(tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  return next !== undefined && next.shape !== "lower" && INSTITUTIONS.has(next.key);
}

/** A title token: "Mme", "mme", "Dr.", "M." (capital M only); "DR", "PR", "MS" only before a capitalised name. */
function isTitle(text: string, tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  if (!next) return false;
  const gap = text.slice(t.end, next.start);
  if (!(/^\.? {1,2}$/.test(gap) || (gap === "." && t.text.length > 1))) return false;
  if (t.text === "M") return next.shape !== "lower";
  // "m. roussel" in lower case, but not "6 m. de marche" (metres).
  if (t.text === "m") return gap.startsWith(".") && !/\d\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start));
  if (!TITLES.has(t.key)) return false;
  if (t.shape === "upper" && t.text.length === 2)
    return next.shape === "upper" && (SURNAMES.has(next.key) || isFirstName(next));
  return true;
}

/** Name-like words after position i (a title), up to three; returns the index of the last. */
function nameAfter(text: string, tokens: Token[], i: number, lowercaseOk: boolean): number {
  let last = -1;
  let particles = 0;
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    const t = tokens[j]!;
    const prev = tokens[j - 1]!;
    // An initial before the surname: "Dr A. Moreau", "Mme B. Lefort".
    const afterInitial =
      j > i + 1 &&
      prev.text.length === 1 &&
      prev.shape !== "lower" &&
      /^\.(?: |-| ?- ?)?$/.test(text.slice(prev.end, t.start));
    // Right after the trigger a colon may come first: "Patient : J. Kowalczyk", "famille : Traoré".
    if (
      !joined(text, prev, t) &&
      !afterInitial &&
      !(j === i + 1 && /^(?:\.? {0,2}| ?: ?)$/.test(text.slice(tokens[i]!.end, t.start)))
    )
      break;
    if (t.text.length === 1 && t.shape !== "lower" && text[t.end] === "." && j <= i + 3) {
      last = j;
      continue;
    }
    // Particles count only before a capitalised word ("Mme de Villepin", not "Dr de garde"), or, in
    // lower case, before a surname of the lexicon that is no word ("mme le goff").
    const after = tokens[j + 1];
    const lowerSurnameAfter =
      lowercaseOk && after?.shape === "lower" && SURNAMES.has(after.key) && !COMMON_WORDS.has(after.key);
    if (
      PARTICLES.has(t.key) &&
      after &&
      (after.shape !== "lower" || lowerSurnameAfter) &&
      joined(text, t, after) &&
      !isFunction(after) &&
      !isClinical(after)
    ) {
      particles++;
      continue;
    }
    if (isFunction(t) || isClinical(t) || t.shape === "mixed") break;
    if (t.shape === "lower") {
      if (!lowercaseOk || j > i + 1 + particles + (last === -1 ? 0 : 3)) break;
      const nameish =
        (isFirstName(t) && !isAmbiguousFirst(t)) ||
        !COMMON_WORDS.has(t.key) ||
        (SURNAMES.has(t.key) && !VERBS_AFTER_TITLE.has(t.key));
      if (!nameish || t.text.length < 2) break;
    } else if (t.shape === "upper" && t.text.length <= 3 && !SURNAMES.has(t.key) && !isFirstName(t)) break;
    else if (
      last === -1 &&
      COMMON_WORDS.has(t.key) &&
      !SURNAMES.has(t.key) &&
      !isFirstName(t) &&
      tokens[j + 1]?.shape === "lower"
    )
      break;
    else if (COMMON_WORDS.has(t.key) && !SURNAMES.has(t.key) && !isFirstName(t) && last !== -1) break;
    last = j;
  }
  // Initials alone ("Mme X", "M. D.") are what the study keeps: no name without a longer word.
  if (last !== -1 && tokens.slice(i + 1, last + 1).every((t) => t.text.length === 1)) return -1;
  return last;
}

/** Names (and birth places) in `text`; words inside `exclude` (e-mails, addresses) are not read. */
export function nameSpans(text: string, exclude: readonly Span[] = []): Span[] {
  const tokens = tokenize(text).filter((t) => !exclude.some((x) => t.start < x.end && x.start < t.end));
  const out: Span[] = [];
  const covered = new Set<number>();
  const add = (from: number, to: number) => {
    for (let k = from; k <= to; k++) covered.add(k);
    out.push({ kind: "name", start: tokens[from]!.start, end: tokens[to]!.end });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // 1. Title or "patient(e)" + name.
    const title = isTitle(text, tokens, i);
    const field =
      NAME_FIELD.has(t.key) && i + 1 < tokens.length && /^ ?: ?$/.test(text.slice(t.end, tokens[i + 1]!.start));
    if ((title || field || (PATIENT.has(t.key) && t.shape !== "upper")) && !institutionContext(tokens, i)) {
      // After "patient(e)" / "famille", lower case only for a surname of the lexicon ("famille traore").
      const next = tokens[i + 1];
      const lowerSurname =
        next !== undefined && next.shape === "lower" && SURNAMES.has(next.key) && !COMMON_WORDS.has(next.key);
      const last = nameAfter(text, tokens, i, title || lowerSurname);
      if (last > i) {
        const first = tokens[i + 1]!;
        // After "patient" a lone capitalised word may be anything ("patient Covid"): ask for a
        // first name, a pair, or a surname in capitals.
        const strong =
          title ||
          last > i + 1 ||
          isFirstName(first) ||
          (first.shape === "upper" && (first.text.length >= 4 || SURNAMES.has(first.key))) ||
          // After a colon an eponym alone is a finding ("Patiente : Raynaud sévère").
          (first.shape !== "upper" &&
            SURNAMES.has(first.key) &&
            !COMMON_WORDS.has(first.key) &&
            !(EPONYMS.has(first.key) && text.slice(t.end, first.start).includes(":")));
        if (strong && !eponymContext(text, tokens, i + 1, last)) add(i + 1, last);
      }
      continue;
    }
    // 2. Maiden name: "née Dupont", "épouse MARTIN".
    if (MAIDEN.has(t.key) && tokens[i + 1] && joined(text, t, tokens[i + 1]!)) {
      const n = tokens[i + 1]!;
      if (n.shape !== "lower" && surnameLike(n, "cap") && !CITIES.has(n.key)) add(i + 1, i + 1);
    }
    // 3. First name of the lexicon, with its surname-like neighbours.
    if (covered.has(i) || !isFirstName(t) || t.text.length < 3 || isFunction(t)) continue;
    let from = i;
    let to = i;
    for (let j = i + 1; j <= i + 2 && j < tokens.length && joined(text, tokens[j - 1]!, tokens[j]!); j++) {
      const n = tokens[j]!;
      const after = tokens[j + 1];
      if (
        PARTICLES.has(n.key) &&
        after &&
        joined(text, n, after) &&
        (after.shape !== "lower" || (t.shape === "lower" && SURNAMES.has(after.key) && !COMMON_WORDS.has(after.key)))
      )
        continue;
      if (!surnameLike(n, t.shape) || (t.shape !== "lower" && n.shape === "lower")) break;
      to = j;
    }
    const prev = tokens[i - 1];
    if (
      prev &&
      joined(text, prev, t) &&
      !covered.has(i - 1) &&
      surnameLike(prev, t.shape) &&
      !(t.shape !== "lower" && prev.shape === "lower")
    ) {
      // "Dupont Jeanne": the surname before, unless it is a sentence's capitalised first word that is common.
      from = i - 1;
      const prev2 = tokens[i - 2];
      if (prev2 && joined(text, prev2, prev) && PARTICLES.has(prev2.key) && prev2.shape !== "lower") from = i - 2;
    }
    // "DUPONT, Jeanne"
    const comma = from === i && prev !== undefined && /^, ?$/.test(text.slice(prev.end, t.start));
    if (comma && prev.shape === "upper" && prev.text.length >= 3 && surnameLike(prev, "cap")) from = i - 1;
    // "jones, mary", "Dupont, Jeanne": a surname of the lexicon, a comma, a first name.
    else if (
      comma &&
      !isAmbiguousFirst(t) &&
      SURNAMES.has(prev.key) &&
      !isFunction(prev) &&
      !isClinical(prev) &&
      (prev.shape === t.shape || prev.shape === "upper")
    )
      from = i - 1;
    // "St Thomas' Hospital", "Saint-Louis", "San Diego": a saint or a place, not a person.
    const saint = tokens[from - 1];
    if (saint && SAINTS.has(saint.key) && /^\.? $/.test(text.slice(saint.end, t.start))) continue;
    const hasNeighbour = from < i || to > i;
    const before = tokens[from - 1];
    const related = before !== undefined && (RELATIONS.has(before.key) || TITLES.has(before.key));
    const ambiguous = isAmbiguousFirst(t) || CLINICAL_TERMS.has(t.key);
    let accept: boolean;
    if (ambiguous) {
      const strongNeighbour = [...tokens.slice(from, i), ...tokens.slice(i + 1, to + 1)].some(
        (n) => SURNAMES.has(n.key) || (n.shape !== "lower" && t.shape !== "lower"),
      );
      accept =
        (hasNeighbour && strongNeighbour && t.shape !== "lower") ||
        (hasNeighbour &&
          [...tokens.slice(from, i), ...tokens.slice(i + 1, to + 1)].some(
            // Not an eponym: "Raynaud sévère" is a disease and an adjective.
            (n) => SURNAMES.has(n.key) && !COMMON_WORDS.has(n.key) && !EPONYMS.has(n.key),
          )) ||
        (related && t.shape !== "lower");
    } else if (t.shape === "lower") {
      // "vu jeanne ce matin", "nadine a rappelé": a first name that is no word (those are ambiguous), from
      // four letters ("léa", "tom" need a neighbour).
      accept = hasNeighbour || related || t.text.length >= 4;
    } else {
      // Alone in capitals only from four letters ("FAN", "EVA" are antibodies and scales).
      accept = t.shape === "cap" || (t.shape === "upper" && (hasNeighbour || t.text.length >= 4)) || hasNeighbour;
    }
    if (
      !accept ||
      eponymContext(text, tokens, from, to) ||
      institutionContext(tokens, from) ||
      institutionAfter(tokens, to)
    )
      continue;
    add(from, to);
    i = to;
  }
  // 4. A surname of the lexicon in capitals on its own ("revue par DUPONT").
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered.has(i) || t.shape !== "upper" || t.text.length < 5) continue;
    if (!SURNAMES.has(t.key) || COMMON_WORDS.has(t.key) || isClinical(t) || EPONYMS.has(t.key) || CITIES.has(t.key))
      continue;
    // All-caps text: a capitals surname means nothing there.
    const neighbours = [tokens[i - 1], tokens[i + 1]].filter((n): n is Token => n !== undefined);
    if (neighbours.length > 0 && neighbours.every((n) => n.shape === "upper")) continue;
    if (eponymContext(text, tokens, i, i) || institutionContext(tokens, i)) continue;
    add(i, i);
  }
  // 5. A surname of the lexicon followed by an age: "Dupont, 55 ans", "Martin (72 ans)".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (covered.has(i) || t.shape === "lower" || t.shape === "mixed" || !SURNAMES.has(t.key)) continue;
    if (COMMON_WORDS.has(t.key) || isClinical(t) || isFunction(t) || EPONYMS.has(t.key) || CITIES.has(t.key)) continue;
    if (!SURNAME_THEN_AGE.test(text.slice(t.end, t.end + 24))) continue;
    if (eponymContext(text, tokens, i, i) || institutionContext(tokens, i)) continue;
    add(i, i);
  }
  out.push(...birthPlaces(text, tokens));
  return out;
}
