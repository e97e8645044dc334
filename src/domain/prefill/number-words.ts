// Numbers written as words in French and English clinical text (« deux cures », "three doses",
// « depuis trois mois »), read by the drug regimen and the timeline. Each pattern lists the words it
// accepts; this is the one table they are read through.
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
};

/** "3" → 3, "trois" → 3, "three" → 3; NaN for anything else. */
export const wordToInt = (s: string): number => NUMBER_WORDS[s] ?? Number(s);
