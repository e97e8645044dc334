import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { ACCOUNTS, createCase, signIn, snap } from "./support";

// Printable forms: the blank CRF in both languages (whatever the interface
// language), the centre's correspondence list with its empty identity column,
// a case printed with its answers, and the same 404 as the case page for
// another centre. Each printout is also turned into an A4 PDF by Chromium and
// kept in e2e/.output for people to look at.

const sp = String.raw`[\s\u00a0\u202f]`;
/** Ranges keep their en dash on one line with word joiners. */
const dash = String.raw`\u2060?–\u2060?`;

/** Prints the page to an A4 PDF (print media), keeps it in e2e/.output, returns its page count. */
async function printToPdf(page: Page, name: string): Promise<number> {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  await page.emulateMedia({ media: "screen" });
  mkdirSync("e2e/.output", { recursive: true });
  writeFileSync(`e2e/.output/${name}.pdf`, pdf);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // Page objects of the document ("/Type /Page", not the "/Type /Pages" tree).
  return pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

test("the blank CRF prints in French: key, rules, every section, limits, conditions, NR/NF, tables; a real A4 PDF", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.getByRole("link", { name: "Formulaires à imprimer" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Formulaires à imprimer");
  await page.getByRole("link", { name: "Version française" }).click();
  await expect(page).toHaveURL(/\/print\/blank\?lang=fr$/);

  const sheet = page.getByTestId("print-sheet");
  await expect(sheet).toHaveAttribute("lang", "fr");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("Formulaire vierge");
  await expect(page.getByTestId("print-pseudonymisation")).toContainText("N'écrivez jamais sur ce formulaire le nom");
  await expect(page.getByTestId("print-key")).toContainText("1ʳᵉ lettre du nom + 1ʳᵉ lettre du prénom");
  await expect(page.getByTestId("print-eligibility")).toContainText(
    "SAM diagnostiqué entre le 01/01/2010 et le 01/10/2020",
  );
  for (const title of [
    "1. Identification et éligibilité",
    "2. Dermatomyosite",
    "3. Épisode de SAM",
    "4. Traitement du SAM",
    "5. Évolution",
  ]) {
    await expect(sheet.getByRole("heading", { level: 2, name: title })).toBeVisible();
  }
  const ferritin = sheet.locator("[data-field=ferritin]");
  await expect(ferritin).toContainText(new RegExp(`Limites : 0${dash}500${sp}000${sp}µg/L`));
  await expect(ferritin).toContainText("NR");
  await expect(ferritin).toContainText("NF");
  await expect(sheet.locator("[data-field=haemoglobin]")).toContainText(/g\/dL.*g\/L.*mmol\/L/);
  await expect(sheet.locator("[data-field=biopsy_perifascicular_atrophy]")).toContainText(
    "↳ si « Biopsie musculaire réalisée » = Oui",
  );
  await expect(sheet.locator("[data-field=dm_onset_date]")).toContainText("jj/mm/aaaa, mm/aaaa ou aaaa");
  await expect(sheet.locator("[data-field=sex]")).toContainText(/Femme.*Homme/);
  // Repeating blocks: tables with empty numbered rows; the treatment lines split in two.
  const lines = sheet.locator("[data-block=treatment_lines]");
  await expect(lines.locator("table")).toHaveCount(2);
  await expect(lines.locator("table").first().locator("tbody tr")).toHaveCount(7);
  await expect(lines).toContainText("si « En cours » = Non");
  await expect(page.getByTestId("print-drugs")).toContainText("Méthylprednisolone (bolus IV)");
  // The appendix: per drug and unit, the usual range and the hard range with its lower limit.
  const drugs = page.getByTestId("print-drugs");
  await expect(drugs.getByRole("columnheader", { name: "Limites (dose refusée en dehors)" })).toBeVisible();
  const mp = drugs.locator('tbody[data-drug="methylprednisolone_iv"]');
  await expect(mp.locator("tr")).toHaveCount(2);
  await expect(mp.locator('tr[data-unit="mg/j"] [data-testid=usual]')).toHaveText(new RegExp(`^250${dash}1${sp}000$`));
  await expect(mp.locator('tr[data-unit="mg/j"] [data-testid=hard]')).toHaveText(new RegExp(`^2,5${dash}2${sp}000$`));
  await expect(mp.locator('tr[data-unit="mg/kg/j"] [data-testid=hard]')).toHaveText(new RegExp(`^0,05${dash}30$`));
  await drugs.scrollIntoViewIfNeeded();
  await drugs.screenshot({ path: "e2e/.output/print-drugs-fr.png" });
  await expect(page.getByTestId("print-signature")).toContainText("Signature de l'investigateur");
  await snap(page, "print-blank-fr");

  // Print media: no top bar, no buttons — only the sheet.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.getByTestId("print-toolbar")).toBeHidden();
  await expect(sheet).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  expect(await printToPdf(page, "print-blank-fr")).toBeGreaterThanOrEqual(10);
});

test("the blank CRF prints in English from a French interface (the lang parameter chooses)", async ({ page }) => {
  // Not arc.par: auth.spec.ts locks that account on purpose.
  await signIn(page, ACCOUNTS.clinicianPar);
  await page.goto("/print");
  await page.getByRole("link", { name: "Version anglaise (English version)" }).click();
  await expect(page).toHaveURL(/\/print\/blank\?lang=en$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByTestId("print-toolbar")).toContainText("Imprimer en français");

  const sheet = page.getByTestId("print-sheet");
  await expect(sheet).toHaveAttribute("lang", "en");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("Blank form");
  await expect(page.getByTestId("print-pseudonymisation")).toContainText("Never write on this form the patient's name");
  await expect(page.getByTestId("print-eligibility")).toContainText("MAS diagnosed between 01/01/2010 and 01/10/2020");
  await expect(sheet.getByRole("heading", { level: 2, name: "3. MAS episode" })).toBeVisible();
  const ferritin = sheet.locator("[data-field=ferritin]");
  await expect(ferritin).toContainText(new RegExp(`Limits: 0${dash}500,000${sp}µg/L`));
  await expect(ferritin).toContainText("NK");
  await expect(ferritin).toContainText("ND");
  await expect(sheet.locator("[data-field=biopsy_perifascicular_atrophy]")).toContainText(
    "if “Muscle biopsy performed” = Yes",
  );
  await expect(sheet.locator("[data-field=last_followup_date]")).toContainText("dd/mm/yyyy or mm/yyyy");
  await expect(sheet).not.toContainText("Biopsie musculaire");
  const drugs = page.getByTestId("print-drugs");
  await expect(drugs.getByRole("columnheader", { name: "Limits (refused outside)" })).toBeVisible();
  const rituximab = drugs.locator('tbody[data-drug="rituximab"]');
  await expect(rituximab.locator('tr[data-unit="mg/m²/dose"] [data-testid=usual]')).toHaveText(
    new RegExp(`^≤${sp}375${sp}mg/m²/dose or 1,000${sp}mg/dose$`),
  );
  await expect(rituximab.locator('tr[data-unit="mg/dose"] [data-testid=hard]')).toHaveText(
    new RegExp(`^10${dash}2,000$`),
  );
  await drugs.scrollIntoViewIfNeeded();
  await drugs.screenshot({ path: "e2e/.output/print-drugs-en.png" });
  await snap(page, "print-blank-en");
  expect(await printToPdf(page, "print-blank-en")).toBeGreaterThanOrEqual(10);
});

test("the correspondence list shows only the user's centre, with an empty identity column", async ({
  page,
  browser,
}) => {
  await signIn(page, ACCOUNTS.assistantRei);
  await createCase(page, "CL", "1958-07-21");
  const reiId = page.url().split("/").pop()!;

  const paris = await browser.newContext();
  const parPage = await paris.newPage();
  await signIn(parPage, ACCOUNTS.clinicianPar);
  await createCase(parPage, "PL", "1966-03-09");
  const parId = parPage.url().split("/").pop()!;
  await paris.close();

  await page.goto("/print");
  await page.getByRole("link", { name: "Liste du centre REI" }).click();
  const list = page.getByTestId("correspondence");
  await expect(page.getByTestId("correspondence-centre")).toContainText("CHU de Reims (REI)");
  await expect(page.getByTestId("identity-never")).toHaveText(
    "L'identité du patient n'est jamais saisie dans l'application : elle s'écrit à la main, uniquement sur cette liste imprimée.",
  );
  await expect(list.getByRole("columnheader", { name: "Identité du patient (à remplir à la main)" })).toBeVisible();
  const row = list.locator(`tr[data-case="${reiId}"]`);
  await expect(row).toContainText("CL · 1958-07-21 · REI");
  await expect(row).toContainText("Brouillon");
  await expect(list.locator(`tr[data-case="${parId}"]`)).toHaveCount(0);
  await expect(list).not.toContainText("PAR");
  for (const cell of await list.getByTestId("identity-cell").all()) await expect(cell).toHaveText("");
  // Asking for another centre changes nothing for a centre user.
  await page.goto("/print/correspondence?centre=PAR");
  await expect(page.getByTestId("correspondence-centre")).toContainText("(REI)");
  await expect(page.locator(`tr[data-case="${parId}"]`)).toHaveCount(0);
  await snap(page, "print-correspondence-rei");
  expect(await printToPdf(page, "print-correspondence-rei")).toBeGreaterThanOrEqual(1);

  // A coordinator chooses the centre.
  const coord = await browser.newContext();
  const coordPage = await coord.newPage();
  await signIn(coordPage, ACCOUNTS.coordinator);
  await coordPage.goto("/print");
  await coordPage.getByLabel("Centre").selectOption("PAR");
  await coordPage.getByRole("button", { name: "Afficher la liste" }).click();
  await expect(coordPage).toHaveURL(/\/print\/correspondence\?centre=PAR$/);
  await expect(coordPage.getByTestId("correspondence-centre")).toContainText("AP-HP Paris (PAR)");
  await expect(coordPage.locator(`tr[data-case="${parId}"]`)).toContainText("PL · 1966-03-09 · PAR");
  await expect(coordPage.locator(`tr[data-case="${reiId}"]`)).toHaveCount(0);
  expect((await coordPage.goto("/print/correspondence?centre=XYZ"))?.status()).toBe(404);
  await coord.close();
});

test("a filled case prints its values, codes, hidden fields, scores and status; another centre gets 404", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.clinicianRei);
  const caseUrl = await createCase(page, "FP", "1964-02-03", "14/09/2016");
  const field = (id: string) => page.locator(`#field-${id}`);
  await field("department").locator("select").selectOption("internal_medicine");
  await field("sex").getByLabel("Femme", { exact: true }).check();
  await page.locator("#in-temp_max").fill("39,8");
  await page.locator("#in-fibrinogen").fill("120");
  await field("fibrinogen").locator("select").selectOption({ label: "mg/dL" });
  await field("ferritin").getByRole("button", { name: "NR" }).click();
  await field("biopsy_done").getByLabel("Non", { exact: true }).check();
  const lines = page.locator("[data-block=treatment_lines]");
  await lines.getByRole("button", { name: /Ajouter : Ligne de traitement/ }).click();
  const row = lines.locator("fieldset.crf-row").first();
  await row.locator("[data-field$='.drug'] select").selectOption("anakinra");
  await row.locator("[data-field$='.start_date'] input").fill("15/09/2016");
  await row.locator("[data-field$='.route']").getByLabel("SC", { exact: true }).check();
  await row.locator("[data-field$='.dose_value'] input.input--number").fill("5");
  await row.locator("[data-field$='.dose_unit'] select").selectOption("mg_kg_day");
  await row.locator("[data-field$='.dose_value'] input.input--number").blur();
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à \d{2}:\d{2}$/, { timeout: 15_000 });

  await page.goto(`${caseUrl}/print?lang=fr`);
  const sheet = page.getByTestId("print-sheet");
  await expect(sheet).toHaveAttribute("data-mode", "case");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("Dossier FP · 1964-02-03 · REI");
  await expect(page.getByTestId("print-status")).toHaveText("Statut : Brouillon");
  await expect(page.getByTestId("print-signature-state")).toHaveText("Non signé");
  await expect(page.getByTestId("print-record-id")).toHaveText(caseUrl.split("/").pop()!);
  await expect(sheet.locator("[data-field=fibrinogen]")).toContainText("120 mg/dL (= 1,2 g/L)");
  await expect(sheet.locator("[data-field=temp_max] .pr-value")).toHaveText(/^39,8\s°C$/);
  await expect(sheet.locator("[data-field=sex] .pr-option--chosen")).toHaveText("Femme");
  await expect(sheet.locator("[data-field=ferritin] .pr-option--chosen")).toHaveText("NR");
  await expect(sheet.locator("[data-field=ferritin] .pr-a")).toHaveText("—");
  await expect(sheet.locator("[data-field=sam_date]")).toContainText("14/09/2016");
  // Hidden by its condition: greyed, not applicable.
  await expect(sheet.locator("[data-field=biopsy_perifascicular_atrophy]")).toHaveClass(/pr-field--na/);
  await expect(sheet.locator("[data-field=biopsy_perifascicular_atrophy]")).toContainText("NA — non applicable");
  const treatment = sheet.locator("[data-block=treatment_lines]");
  await expect(treatment).toContainText("Anakinra");
  await expect(treatment).toContainText("15/09/2016");
  await expect(treatment).toContainText("mg/kg/j");
  await expect(treatment.locator(".pr-option--chosen")).toContainText(["SC"]);
  await expect(page.getByTestId("print-hscore")).toContainText("points");
  await snap(page, "print-case-fr");
  expect(await printToPdf(page, "print-case-fr")).toBeGreaterThanOrEqual(5);

  await page.goto(`${caseUrl}/print?lang=en`);
  await expect(page.getByTestId("print-status")).toHaveText("Status: Draft");
  await expect(page.getByTestId("print-signature-state")).toHaveText("Not signed");
  await expect(page.locator("[data-field=fibrinogen]")).toContainText("120 mg/dL (= 1.2 g/L)");
  await expect(page.locator("[data-field=ferritin] .pr-option--chosen")).toHaveText("NK");
  expect(await printToPdf(page, "print-case-en")).toBeGreaterThanOrEqual(5);

  // Exactly like the case page: another centre's case is "not found".
  const other = await browser.newContext();
  const parPage = await other.newPage();
  await signIn(parPage, ACCOUNTS.clinicianPar);
  const response = await parPage.goto(`${caseUrl}/print?lang=fr`);
  expect(response?.status()).toBe(404);
  await expect(parPage.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
  await expect(parPage.getByTestId("print-sheet")).toHaveCount(0);
  expect((await parPage.goto("/cases/does-not-exist/print"))?.status()).toBe(404);
  await other.close();
});
