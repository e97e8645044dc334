// The coordinator's dashboard in Chromium: charts and their tables in French
// and English, the centre filter, axe-core, and a clinician's 404. The demo
// database has no cases: a clinician creates one through the form, and six
// varied complete records are written straight to the e2e database.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import type { CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { createDb } from "@/server/db/create-db";
import { sampleRecord } from "../scripts/lib/sample-record";
import { ACCOUNTS, createCase, signIn, snap } from "./support";

// Its own server and database, as seeded (playwright.config.ts, project "fresh-database"): no other journey's cases.
const DATABASE_URL = `file:./data/e2e-${process.env.E2E_FRESH_PORT ?? "3150"}.db`;

function variant(
  seed: number,
  centre: string,
  fields: Record<string, CaseAnswers["fields"][string]>,
): { centre: string; answers: CaseAnswers } {
  const base = sampleRecord(1 + (seed % 2), seed);
  return { centre, answers: { fields: { ...base.fields, ...fields }, blocks: base.blocks } };
}

// REI ×3, PAR ×2, LYO ×1: two deaths (one known to the month), MAS dates in 2012–2019.
const RECORDS = [
  variant(0, "REI", { sam_date: { v: "2015-06-01" }, anti_mda5: { v: "positive" } }),
  variant(1, "REI", {
    sam_date: { v: "2012-03-14" },
    anti_mda5: { v: "negative" },
    death: { v: "yes" },
    death_date: { v: "2013-01" },
    last_followup_date: { v: "2013-01" },
    death_cause: { v: "sam" },
  }),
  variant(2, "REI", {
    sam_date: { v: "2018-11-02" },
    anti_mda5: { v: "positive" },
    last_followup_date: { v: "2020-05-20" },
  }),
  variant(3, "PAR", {
    sam_date: { v: "2016-09-30" },
    anti_mda5: { v: "not_tested" },
    death: { v: "yes" },
    death_date: { v: "2016-12-24" },
    last_followup_date: { v: "2016-12-24" },
    death_cause: { v: "infection" },
  }),
  variant(4, "PAR", {
    sam_date: { v: "2019-02-11" },
    anti_mda5: { v: "positive" },
    last_followup_date: { v: "2021-02" },
  }),
  variant(5, "LYO", {
    sam_date: { v: "2011-07-07" },
    anti_mda5: { v: "positive" },
    last_followup_date: { v: "2017-07-01" },
  }),
];
const STATUSES = ["VALIDATED", "SUBMITTED", "LOCKED", "VALIDATED", "QUERIED", "SUBMITTED"] as const;

test.beforeAll(async () => {
  const { db } = createDb(DATABASE_URL);
  try {
    const author = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.clinicianRei } });
    const centres = new Map((await db.centre.findMany()).map((c) => [c.code, c.id]));
    for (const [i, r] of RECORDS.entries()) {
      const birthDate = `19${50 + i}-0${1 + i}-1${i}`;
      await db.case.create({
        data: {
          initials: `D${String.fromCharCode(65 + i)}`,
          birthDate,
          centreId: centres.get(r.centre)!,
          status: STATUSES[i]!,
          answers: r.answers as object,
          computed: computeResults(r.answers, birthDate) as object,
          createdById: author.id,
          updatedById: author.id,
          createdAt: new Date(Date.UTC(2026, i, 10)),
        },
      });
    }
  } finally {
    await db.$disconnect();
  }
});

async function expectNoSeriousViolation(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`),
    label,
  ).toEqual([]);
}

test("a clinician has no dashboard: no link, and /dashboard answers 404", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  // A case entered the usual way: counted on the dashboard as a REI draft.
  await createCase(page, "DZ", "1968-05-17", "03/04/2014");
  await expect(page.getByRole("link", { name: "Tableau de bord" })).toHaveCount(0);
  const response = await page.goto("/dashboard");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
});

test("the coordinator reads the dashboard in French and English, charts with their tables, and filters by centre", async ({
  page,
}) => {
  // Two languages, two axe-core passes and full-page screenshots of a long page: more than the default minute on a shared machine.
  test.setTimeout(150_000);
  await signIn(page, ACCOUNTS.coordinator);
  await page.getByRole("link", { name: "Tableau de bord" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tableau de bord de l'étude");
  await expect(page.getByTestId("kpi-cases")).toHaveText("7");

  // Each chart is drawn (recharts SVG) and followed by its table.
  for (const id of [
    "diagnosis-month",
    "entry-month",
    "entry-month-centre",
    "centres",
    "antibodies",
    "dm-features",
    "triggers",
    "hscore",
    "hlh2004",
    "treatments",
    "treatment-lines",
    "death-causes",
    "survival",
  ]) {
    const figure = page.getByTestId(`figure-${id}`);
    await expect(figure.locator(".recharts-surface").first(), id).toBeVisible();
    await expect(figure.locator("table").first(), id).toBeAttached();
  }
  // The numbers, read from the tables as a screen reader would.
  const centres = page.getByRole("table", { name: "Cas par centre et par statut — valeurs" });
  // REI: validated, submitted, locked (inserted) and the draft entered above; no query yet.
  await expect(centres.getByRole("row", { name: /^REI — CHU de Reims/ }).getByRole("cell")).toHaveText([
    "1",
    "1",
    "0",
    "1",
    "1",
    "4",
    "0",
    /^\d+,\d\s%$/,
  ]);
  await expect(centres.getByRole("rowheader", { name: "Tous les centres" })).toBeVisible();
  const antibodies = page.getByRole("table", { name: "Profil des anticorps de myosite — valeurs" });
  const mda5 = antibodies.getByRole("row", { name: /^Anticorps anti-MDA5/ });
  // Positive 4/7, negative 1, not tested 1, missing 1 (the draft); 4/(4+1) tested positive.
  await expect(mda5.getByRole("cell")).toHaveText(["4 (57,1 %)", "1 (14,3 %)", "1 (14,3 %)", "1 (14,3 %)", "80,0 %"]);
  // Inclusions per month of entry and centre: one inserted case a month from January to June
  // (REI, REI, REI, PAR, PAR, LYO), and the draft entered above this month (REI).
  const byCentre = page.getByRole("table", { name: "Inclusions par mois de saisie et par centre — valeurs" });
  await expect(byCentre.getByRole("columnheader")).toHaveText(["Mois", "LYO", "PAR", "REI", "Total"]);
  await expect(byCentre.getByRole("row", { name: /^janvier 2026/ }).getByRole("cell")).toHaveText(["0", "0", "1", "1"]);
  await expect(byCentre.getByRole("row", { name: /^avril 2026/ }).getByRole("cell")).toHaveText(["0", "1", "0", "1"]);
  await expect(byCentre.getByRole("row", { name: /^juin 2026/ }).getByRole("cell")).toHaveText(["1", "0", "0", "1"]);
  const thisMonth = new Intl.DateTimeFormat("fr-FR", {
    month: "long",
    year: "numeric",
    timeZone: "Europe/Paris",
  }).format(new Date());
  await expect(byCentre.getByRole("row", { name: new RegExp(`^${thisMonth}`) }).getByRole("cell")).toHaveText(
    thisMonth === "juin 2026" ? ["1", "0", "1", "2"] : ["0", "0", "1", "1"],
  );
  await expect(byCentre.locator("tfoot").getByRole("cell")).toHaveText(["1", "2", "4", "7"]);
  await expect(page.getByTestId("chart-entry-month-centre").locator(".recharts-bar-rectangle").first()).toBeAttached();
  // Responses by line: each of the six records has lines at 1st, 2nd or 3rd+ (three each), the draft none.
  const byLine = page.getByRole("table", { name: "Réponse à J7–J14 par ligne de traitement — valeurs" });
  await expect(byLine.getByRole("rowheader")).toHaveText(["1ʳᵉ ligne", "2ᵉ ligne", "3ᵉ ligne ou plus"]);
  await expect(byLine.getByRole("row", { name: /^1ʳᵉ ligne/ }).getByRole("cell")).toHaveText([
    "3",
    "3",
    "1 (33,3 %)",
    "0 (0,0 %)",
    "1 (33,3 %)",
    "1 (33,3 %)",
    "0 (0,0 %)",
  ]);
  await expect(byLine.getByRole("row", { name: /^2ᵉ ligne/ }).getByRole("cell")).toHaveText([
    "3",
    "3",
    "2 (66,7 %)",
    "1 (33,3 %)",
    "0 (0,0 %)",
    "0 (0,0 %)",
    "0 (0,0 %)",
  ]);
  const survival = page.getByTestId("figure-survival");
  await expect(survival).toContainText("6 cas dans l'estimation : 2 décès, 4 censurés.");
  await expect(survival).toContainText("1 cas exclu : 1 statut vital (décès) non renseigné");
  await expect(page.getByRole("table", { name: "Estimation de Kaplan–Meier à chaque temps observé" })).toBeAttached();
  await expect(page.getByRole("columnheader", { name: "Erreur standard" })).toBeVisible();
  await expectNoSeriousViolation(page, "fr");
  await snap(page, "dashboard-fr");
  await page
    .getByTestId("figure-entry-month-centre")
    .screenshot({ path: "e2e/.output/dashboard-fr-inclusions-centre.png" });
  await page.getByTestId("figure-treatment-lines").screenshot({ path: "e2e/.output/dashboard-fr-treatment-lines.png" });

  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Study dashboard");
  await expect(
    page
      .getByRole("table", { name: "Myositis antibody profile — values" })
      .getByRole("row", { name: /^anti-MDA5 antibody/ }),
  ).toContainText("4 (57.1%)");
  await expect(page.getByTestId("figure-survival")).toContainText("6 cases in the estimate: 2 deaths, 4 censored.");
  await expect(page.getByTestId("figure-antibodies").locator(".recharts-surface").first()).toBeVisible();
  const enByCentre = page.getByRole("table", { name: "Inclusions by month of entry and centre — values" });
  await expect(enByCentre.getByRole("row", { name: /^January 2026/ }).getByRole("cell")).toHaveText([
    "0",
    "0",
    "1",
    "1",
  ]);
  await expect(
    page
      .getByRole("table", { name: "Response at day 7–14 by line of treatment — values" })
      .getByRole("row", { name: /^3rd line or later/ })
      .getByRole("cell"),
  ).toHaveText(["3", "3", "0 (0.0%)", "1 (33.3%)", "2 (66.7%)", "0 (0.0%)", "0 (0.0%)"]);
  await expectNoSeriousViolation(page, "en");
  await snap(page, "dashboard-en");
  await page
    .getByTestId("figure-entry-month-centre")
    .screenshot({ path: "e2e/.output/dashboard-en-inclusions-centre.png" });
  await page.getByTestId("figure-treatment-lines").screenshot({ path: "e2e/.output/dashboard-en-treatment-lines.png" });

  // Filter by centre (GET parameters): Paris only.
  await page.getByTestId("filter-centre").selectOption("PAR");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]centre=PAR/);
  await expect(page.getByTestId("kpi-cases")).toHaveText("2");
  await expect(page.getByTestId("dashboard-selection")).toHaveText("2 cases — PAR — AP-HP Paris · All statuses");
  const parCentres = page.getByRole("table", { name: "Cases per centre and status — values" });
  await expect(parCentres.getByRole("row")).toHaveCount(3); // header, PAR, all
  await expect(page.getByTestId("figure-centres").locator(".recharts-surface").first()).toBeVisible();
  await snap(page, "dashboard-en-par", false);

  // Status too: validated cases of Paris.
  await page.getByTestId("filter-status").selectOption("VALIDATED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=VALIDATED/);
  await expect(page.getByTestId("kpi-cases")).toHaveText("1");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByTestId("kpi-cases")).toHaveText("7");

  // Back to French for the other journeys (the language is kept on the account).
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tableau de bord de l'étude");
});
