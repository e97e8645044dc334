// Places of birth ("née à Reims", "born in Lyon", "lieu de naissance : Épernay") and ages written
// next to a name ("Dupont Jeanne, 55 ans"), found on the normalised text.
import { CITIES, COMMON_WORDS } from "./lexicons";
import { isClinical, isFunction, joined, set, type Token } from "./tokens";
import type { Span } from "./types";

const BORN = set("ne nee nes nees born");
const BORN_AT = set("a au aux in at");
const AFTER_DATE_AT = set("a in at au");
// Words that end a birth place: "née à terme", "né à domicile".
const NOT_A_PLACE = set("terme term domicile home maison hopital hospital la le les l un une");

/** "née à Reims", "né au Mans", "born in Lyon", "lieu de naissance : Épernay". */
export function birthPlaces(text: string, tokens: Token[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    let at = -1;
    if (BORN.has(t.key) && BORN_AT.has(tokens[i + 1]!.key) && joined(text, t, tokens[i + 1]!)) at = i + 2;
    const lieu =
      (t.key === "lieu" || t.key === "place") &&
      /^(?:de|of)$/.test(tokens[i + 1]!.key) &&
      /^(?:naissance|birth)$/.test(tokens[i + 2]?.key ?? "");
    if (lieu) at = i + 3;
    if (t.key === "birthplace") at = i + 1;
    // "née le 12/04/1961 à Reims", "born on 3 May 1950 in Sedan"
    if (
      AFTER_DATE_AT.has(t.key) &&
      /(?:(?<!\p{L})n[ée]e?s?|born)(?!\p{L})(?:[^.;\n]|\.(?! +\p{Lu})){0,30}\d[^.;\n]{0,3}$/iu.test(
        text.slice(Math.max(0, t.start - 40), t.start),
      )
    )
      at = i + 1;
    const city = tokens[at];
    if (at < 0 || !city || NOT_A_PLACE.has(city.key) || (isFunction(city) && !/^(?:le|la|les)$/.test(city.key)))
      continue;
    if (/\p{N}/u.test(text.slice(tokens[at - 1]!.end, city.start))) continue;
    let end = at;
    // "Le Mans", "Saint-Dizier", "Châlons en Champagne"
    if (/^(?:le|la|les)$/.test(city.key) && tokens[at + 1]?.shape !== "lower") end = at + 1;
    const head = tokens[end]!;
    const known = CITIES.has(head.key) || CITIES.has(`${tokens[at]!.key} ${head.key}`);
    const ok =
      known ||
      ((head.shape === "cap" || head.shape === "upper") && !COMMON_WORDS.has(head.key) && !isClinical(head)) ||
      (head.shape === "lower" && !COMMON_WORDS.has(head.key) && !isClinical(head) && !isFunction(head));
    if (!ok) continue;
    while (
      tokens[end + 1] &&
      joined(text, tokens[end]!, tokens[end + 1]!) &&
      tokens[end + 1]!.shape === "cap" &&
      end < at + 3
    )
      end++;
    out.push({ kind: "birth_place", start: tokens[at]!.start, end: tokens[end]!.end });
  }
  return out;
}

// Ages: "55 ans", "55 years old", "55-year-old", "âgée de 55 ans", "aged 55", "55 yo".
const AGE =
  /(?<![\p{L}\p{N}])(?:(?:âg[ée]e?s? de|agee? de|aged|age|âge) ?:? ?)?\d{1,3} ?(?:ans|an|years? old|yrs? old|y\.?o\.?|yo|-year-old|-years-old|year-old|a)(?![\p{L}])|(?<![\p{L}])aged \d{1,3}(?!\p{N})/giu;

/** Ages written next to a name (same sentence, at most 40 characters away). */
export function ageSpans(text: string, names: readonly Span[]): Span[] {
  const out: Span[] = [];
  AGE.lastIndex = 0;
  for (let m = AGE.exec(text); m !== null; m = AGE.exec(text)) {
    out.push({ kind: "age", start: m.index, end: m.index + m[0].length, needsName: true });
  }
  return out.filter((a) => names.some((n) => near(text, n, a)));
}

/** Two spans in the same sentence, at most 40 characters apart. */
export function near(text: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const [left, right] = a.start <= b.start ? [a, b] : [b, a];
  if (right.start - left.end > 40) return false;
  const between = text.slice(left.end, right.start);
  return !/[.;!?](?:\s|$)|\n/.test(between);
}
