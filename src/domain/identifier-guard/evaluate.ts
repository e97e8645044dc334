// Measures the guard on a labelled corpus (tests/corpus/identifier-guard.jsonl): recall
// per kind (a sentence labelled with a kind counts as found when the guard reports that
// kind), overall recall (sentences with identifiers that the guard blocks) and the
// false-alarm rate (sentences without identifiers that it blocks). Pure: the caller
// reads the file (scripts/guard/eval.ts, tests/unit/identifier-guard-eval.test.ts).
import { identifierKindsOf } from "@/domain/identifier-guard";
import { IDENTIFIER_KIND_VOCABULARY, type IdentifierKind } from "./types";

export interface LabelledText {
  text: string;
  kinds: IdentifierKind[];
}

export interface KindRecall {
  kind: IdentifierKind;
  expected: number;
  found: number;
  recall: number;
}

export interface Evaluation {
  positives: number;
  negatives: number;
  /** Share of sentences with identifiers that are blocked. */
  recall: number;
  /** Share of (sentence, expected kind) pairs whose kind is reported. */
  kindRecall: number;
  perKind: KindRecall[];
  /** Share of sentences without identifiers that are blocked. */
  falseAlarmRate: number;
  misses: Array<{ text: string; expected: IdentifierKind[]; got: IdentifierKind[] }>;
  falseAlarms: Array<{ text: string; got: IdentifierKind[] }>;
}

export function parseCorpus(jsonl: string): LabelledText[] {
  return jsonl
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const row = JSON.parse(line) as { text?: unknown; kinds?: unknown };
      const kinds = row.kinds;
      if (
        typeof row.text !== "string" ||
        !Array.isArray(kinds) ||
        !kinds.every((k) => (IDENTIFIER_KIND_VOCABULARY as readonly unknown[]).includes(k))
      ) {
        throw new Error(`corpus line ${i + 1}: expected {"text": string, "kinds": [known kinds]}`);
      }
      return { text: row.text, kinds: kinds as IdentifierKind[] };
    });
}

export function evaluate(corpus: readonly LabelledText[]): Evaluation {
  const counts = new Map<IdentifierKind, { expected: number; found: number }>(
    IDENTIFIER_KIND_VOCABULARY.map((k) => [k, { expected: 0, found: 0 }]),
  );
  let positives = 0;
  let blocked = 0;
  let negatives = 0;
  let pairs = 0;
  let pairsFound = 0;
  const misses: Evaluation["misses"] = [];
  const falseAlarms: Evaluation["falseAlarms"] = [];
  for (const { text, kinds } of corpus) {
    const got = identifierKindsOf(text);
    if (kinds.length === 0) {
      negatives += 1;
      if (got.length > 0) falseAlarms.push({ text, got });
      continue;
    }
    positives += 1;
    if (got.length > 0) blocked += 1;
    let complete = true;
    for (const kind of new Set(kinds)) {
      const c = counts.get(kind)!;
      c.expected += 1;
      pairs += 1;
      if (got.includes(kind)) {
        c.found += 1;
        pairsFound += 1;
      } else complete = false;
    }
    if (!complete) misses.push({ text, expected: kinds, got });
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    positives,
    negatives,
    recall: ratio(blocked, positives),
    kindRecall: ratio(pairsFound, pairs),
    perKind: [...counts].map(([kind, c]) => ({ kind, ...c, recall: ratio(c.found, c.expected) })),
    falseAlarmRate: ratio(falseAlarms.length, negatives),
    misses,
    falseAlarms,
  };
}
