// The generated round trip of the whole form (docs/testing.md, "The generated
// form test"): rounds planned from the definition (e2e/form-matrix/plan.ts)
// enter every field, option, unit, precision and missing-data code — top
// level and in every repeating block, conditions opened first — through the
// UI, wait until the database holds the expected canonical answers, reload and
// check the page shows them, then set the conditions back and check that what
// they showed is stored as NA. A field added to the definition is covered
// without touching this file.
//
// CI runs the rounds that enter every field at least once, in French at human
// pace and in English at machine pace, plus a seeded sample of the other rounds
// (the seed is printed; FORM_MATRIX_SEED=<n> replays it). The whole matrix, in
// both languages: FORM_MATRIX=full npm run test:e2e -- e2e/form-matrix.spec.ts
import { ACCOUNTS, createCase, signIn } from "./support";
import { expect, test } from "./fixtures";
import { counts, fullPlan, markCovered, universe, type Coverage, type Round } from "./form-matrix/plan";
import {
  closeConditions,
  closeDatabase,
  enterRound,
  expectPageShows,
  expectStored,
  type Pace,
} from "./form-matrix/runner";
import type { Locale } from "./form-matrix/values";
import { answersOf } from "./form-matrix/plan";

const FULL = process.env.FORM_MATRIX === "full";
const SEED = Number(process.env.FORM_MATRIX_SEED ?? Math.floor(Math.random() * 1e6));
const SAMPLE = 2;

/** mulberry32: the sample is the same for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  round: Round;
  locale: Locale;
  pace: Pace;
}

function selectRuns(rounds: Round[]): Run[] {
  if (FULL)
    return [
      ...rounds.map((round) => ({ round, locale: "fr" as const, pace: "machine" as const })),
      ...rounds.map((round) => ({ round, locale: "en" as const, pace: "machine" as const })),
    ];
  // The first rounds until every field has been entered once.
  const fieldsOf = (keys: Iterable<string>) => new Set([...keys].map((k) => k.split("|").slice(0, 2).join("|")));
  const allFields = fieldsOf(universe());
  const cov: Coverage = { all: universe(), covered: new Set() };
  const first: Round[] = [];
  for (const round of rounds) {
    if (fieldsOf(cov.covered).size === allFields.size) break;
    markCovered(round, cov);
    first.push(round);
  }
  const rest = rounds.filter((r) => !first.includes(r));
  const random = seeded(SEED);
  const sample: Round[] = [];
  while (sample.length < Math.min(SAMPLE, rest.length)) {
    const pick = rest[Math.floor(random() * rest.length)]!;
    if (!sample.includes(pick)) sample.push(pick);
  }
  return [
    ...first.map((round) => ({ round, locale: "fr" as const, pace: "human" as const })),
    ...first.map((round) => ({ round, locale: "en" as const, pace: "machine" as const })),
    ...sample.map((round, i) => ({
      round,
      locale: i % 2 ? ("en" as const) : ("fr" as const),
      pace: "machine" as const,
    })),
  ];
}

const { rounds } = fullPlan();
const runs = selectRuns(rounds);

test.describe("generated round trip of the whole form", () => {
  // The rounds are independent (each on its own case): spread over the workers (the human-pace round is long).
  test.describe.configure({ mode: "parallel" });
  test.beforeAll(() => {
    const cov: Coverage = { all: universe(), covered: new Set() };
    for (const run of runs) markCovered(run.round, cov);
    console.log(
      `form matrix: ${FULL ? "full" : `seed ${SEED}`}; ${runs.length} runs of ${rounds.length} rounds; ` +
        `this run covers ${JSON.stringify(counts(cov.covered))} of ${JSON.stringify(counts(universe()))}`,
    );
  });
  test.afterAll(closeDatabase);

  runs.forEach(({ round, locale, pace }, n) => {
    test(`round ${round.index} in ${locale.toUpperCase()} at ${pace} pace`, async ({ page, context, baseURL }) => {
      test.setTimeout(pace === "human" ? 600_000 : 300_000);
      await signIn(page, ACCOUNTS.clinicianRei);
      const url = await createCase(page, "FM", `02/03/${1930 + n}`);
      const caseId = url.split("/cases/")[1]!.split(/[/?#]/)[0]!;
      if (locale === "en") {
        await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
        await page.reload();
      }
      await expect(page.getByTestId("case-page")).toBeVisible();
      const entered = await enterRound(page, round, locale, pace);
      await expectStored(caseId, answersOf(round, entered.rowIds));
      // Every value entered is valid: nothing is held back ("invalid"), the status says saved. (Rules across
      // fields may still speak — e.g. a "no" to an eligibility criterion — and are listed if it fails.)
      const messages = await page
        .locator(".crf-field--error")
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute("data-field")}: ${e.querySelector(".error")?.textContent}`),
        );
      await expect(page.getByTestId("save-status"), messages.join("\n")).toHaveText(/^(Enregistré à|Saved at)/);

      await page.reload();
      await expectPageShows(page, entered);

      await closeConditions(page, round, entered, locale);
      await expectStored(caseId, answersOf(round, entered.rowIds, true));
    });
  });
});
