// Unicode normalisation before scanning (issue 10, finding 6): NFKC folds full-width
// digits and letters ("０６", "＠") and compatibility spaces (NBSP, NNBSP) to ASCII;
// zero-width and bidirectional controls are removed, so "jean.dupont\u200B@chu-reims.fr"
// reads as one e-mail. Every unit of the normalised text keeps the span it came from
// in the original, so hits are reported (and replaced) in the text the user typed.

// Zero-width (ZWSP, ZWNJ, ZWJ, word joiner, BOM), bidi marks, embeddings, overrides and
// isolates, invisible operators, soft hyphen, Mongolian vowel separator, combining
// grapheme joiner, Hangul fillers.
const INVISIBLE =
  /^(?:\u034F|[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0])$/u;

const COMBINING = /^\p{M}$/u;

export interface NormalisedText {
  /** The text to scan. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, where the character it came from starts in the original. */
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`, where that character ends (exclusive) in the original. */
  readonly ends: readonly number[];
}

/**
 * NFKC, invisible controls removed, line breaks and tabs kept as spaces-like separators.
 * Normalised cluster by cluster (a base character and its combining marks), so that
 * "e\u0301" still composes into "é" while the offsets stay exact.
 */
export function normaliseForScan(original: string): NormalisedText {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    // Printable ASCII and line breaks are already normal: the common case, kept cheap.
    if (code < 0x7f) {
      parts.push(code === 9 ? " " : original[i]!); // a tab separates words like a space
      starts.push(i);
      ends.push(i + 1);
      i += 1;
      continue;
    }
    const cp = original.codePointAt(i) ?? 0;
    let end = i + (cp > 0xffff ? 2 : 1);
    const first = original.slice(i, end);
    if (INVISIBLE.test(first)) {
      i = end;
      continue;
    }
    // Absorb the combining marks that follow (and any invisible control between them).
    let cluster = first;
    while (end < original.length && original.charCodeAt(end) >= 0x300) {
      const next = String.fromCodePoint(original.codePointAt(end) ?? 0);
      if (COMBINING.test(next)) cluster += next;
      else if (!INVISIBLE.test(next)) break;
      end += next.length;
    }
    const folded = cluster.normalize("NFKC");
    for (let k = 0; k < folded.length; k++) {
      starts.push(i);
      ends.push(end);
    }
    parts.push(folded);
    i = end;
  }
  return { text: parts.join(""), starts, ends };
}

/** The original span of the normalised span [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  return { start: n.starts[start] ?? 0, end: n.ends[end - 1] ?? n.starts[start] ?? 0 };
}
