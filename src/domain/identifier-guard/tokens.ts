// Words of the normalised text, with their lexicon key and shape, and the word-level tests the
// name and place rules share (identifier-guard/names.ts, identifier-guard/places.ts).
import {
  AMBIGUOUS_FIRST_NAMES,
  CITIES,
  CLINICAL_TERMS,
  FIRST_NAMES,
  FIRST_NAMES_SPELLED,
  FUNCTION_WORDS,
  wordKey,
} from "./lexicons";

export interface Token {
  text: string;
  key: string;
  start: number;
  end: number;
  shape: "lower" | "cap" | "upper" | "mixed";
  /** Ends with a possessive 's ("Still's"). */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const ELISION = /^(?:[dlmnstcj]|qu)['’](?=\p{L}{2})/iu;

function shapeOf(word: string): Token["shape"] {
  const lower = word.toLowerCase();
  if (word === lower) return "lower";
  const upper = word.toUpperCase();
  if (word === upper) return "upper";
  // Capitalised: a capital, then lower case, each part after a hyphen or apostrophe likewise.
  for (let k = 0; k < word.length; k++) {
    const c = word[k]!;
    const startOfPart = k === 0 || word[k - 1] === "-" || word[k - 1] === "'" || word[k - 1] === "’";
    if (c !== lower[k] && !startOfPart) return "mixed";
  }
  return word[0] === upper[0] && word[0] !== lower[0] ? "cap" : "mixed";
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    let start = m.index;
    let word = m[0];
    if (word.length > 2 && (word[1] === "'" || word[1] === "’" || word[2] === "'" || word[2] === "’")) {
      const elided = ELISION.exec(word);
      // "l'hôpital" → "hôpital"; but "D'Alembert" stays whole (a capital after the apostrophe).
      if (elided && !/^\p{Lu}['’]\p{Lu}/u.test(word)) {
        start += elided[0].length;
        word = word.slice(elided[0].length);
      }
    }
    const possessive = word.length > 2 && (word.endsWith("'s") || word.endsWith("’s"));
    if (possessive) word = word.slice(0, -2);
    const shape = word.length === 1 ? (word === word.toUpperCase() ? "cap" : "lower") : shapeOf(word);
    out.push({ text: word, key: wordKey(word), start, end: start + word.length, shape, possessive });
  }
  return out;
}

export const set = (words: string) => new Set(words.split(" "));

export const isFunction = (t: Token) => FUNCTION_WORDS.has(t.key);
export const isClinical = (t: Token) => CLINICAL_TERMS.has(t.key) || /\p{N}/u.test(t.text);
/** A first name of the lexicon; a word with accents must keep them ("Marié" is no Marie). */
const firstNamePart = (part: string, key: string): boolean =>
  FIRST_NAMES.has(key) && (part === key || FIRST_NAMES_SPELLED.has(part));
export const isFirstName = (t: Token): boolean => {
  const lower = t.text.toLowerCase().replace(/’/g, "'");
  if (firstNamePart(lower, t.key)) return true;
  const parts = lower.split("-");
  const keys = t.key.split("-");
  return parts.length > 1 && parts.length === keys.length && parts.every((p, k) => firstNamePart(p, keys[k]!));
};
/** Also a word, an acronym or a city ("Claire", "Eva", "Nancy", "Florence"): a name only with a neighbour. */
export const isAmbiguousFirst = (t: Token) =>
  !t.key.includes("-") && (AMBIGUOUS_FIRST_NAMES.has(t.key) || CITIES.has(t.key));
/** Separated from the previous token by spaces only (same phrase). */
export const joined = (text: string, a: Token, b: Token) => /^ {1,2}$/.test(text.slice(a.end, b.start));
