// The paths that lost data when the form was tried as a clinician would, replayed at a human pace,
// and the safety net for what is not sent yet: kept in the tab across a reload, cleared at sign-out.
import { ACCOUNTS, createCase, signIn } from "./support";
import { expect, test } from "./fixtures";
import { closeDatabase, storedAnswers as stored } from "./form-matrix/runner";
import type { Page } from "@playwright/test";

test.afterAll(closeDatabase);

/** Types like a person: key by key, a pause, Tab. */
async function type(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator(selector).press("ControlOrMeta+a");
  await page.locator(selector).pressSequentially(text, { delay: 80 });
  await page.keyboard.press("Tab");
}

const idOf = (url: string) => url.split("/cases/")[1]!.split(/[/?#]/)[0]!;

test("'Autre (préciser)' in a treatment line: the dose and what follows are saved, 'Ajouter' works", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, ACCOUNTS.clinicianRei);
  const caseId = idOf(await createCase(page, "RB", "03/04/1962"));
  const block = page.locator('section[data-block="treatment_lines"]');
  await block.locator(":scope > button.button--secondary").click();
  const row = block.locator("fieldset.crf-row").first();
  await row.locator('[data-field$=".drug"] select').selectOption("other");
  await type(page, '[data-field$=".drug_other"] input', "nicardipril");
  await row.locator('[data-field$=".dose_unit"] select').selectOption("mg_kg_day");
  await type(page, '[data-field$=".dose_value"] input', "1");
  // The warning names the drug typed, not "Autre (préciser)".
  await expect(row.locator('[data-field$=".dose_value"] .warning')).toContainText("nicardipril");
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 20_000 });
  await expect
    .poll(async () => (await stored(caseId)).blocks.treatment_lines?.[0]?.values)
    .toMatchObject({
      drug: { v: "other" },
      drug_other: { v: "nicardipril" },
      dose_unit: { v: "mg_kg_day" },
      dose_value: { v: 1 },
    });
  await block.locator(":scope > button.button--secondary").click();
  await expect(block.locator("fieldset.crf-row")).toHaveCount(2);
  await expect(page.getByTestId("case-page")).toBeVisible();
});

test("'Autre' department, then ferritin and triglycerides: saved, said saved, results live, converted value shown", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, ACCOUNTS.clinicianRei);
  const caseId = idOf(await createCase(page, "RC", "04/05/1963"));
  await page.locator("#field-department select").selectOption("other");
  await type(page, '[data-field="department_other"] input', "Pédiatrie");
  await type(page, '[data-field="ferritin"] input', "12000");
  await page.locator('[data-field="triglycerides"] select').selectOption("g_l");
  await type(page, '[data-field="triglycerides"] input', "3");
  await expect(page.locator('[data-field="triglycerides"] [data-testid="converted-value"]')).toHaveText(
    "= 3,39 mmol/L",
  );
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 20_000 });
  await expect(page.getByTestId("computed-panel")).toContainText("Ferritine ≥ 500 µg/L — rempli");
  await expect
    .poll(async () => (await stored(caseId)).fields)
    .toMatchObject({
      department: { v: "other" },
      department_other: { v: "Pédiatrie" },
      ferritin: { v: 12000 },
      triglycerides: { v: 3.387, unit: "g_l", entered: 3 },
    });
});

test("changes not sent survive a reload in the tab, and sign-out clears them", async ({ page, pageFaults }) => {
  test.setTimeout(180_000);
  // The refused requests below are logged by the browser: expected here.
  pageFaults.allowConsole(/Failed to load resource: net::ERR_FAILED/);
  await signIn(page, ACCOUNTS.clinicianRei);
  const url = await createCase(page, "RD", "05/06/1964");
  const caseId = idOf(url);
  await page.route("**/api/cases/*/draft", (route) => route.abort("failed"));
  await type(page, '[data-field="ferritin"] input', "8000");
  await expect(page.getByTestId("save-status")).toContainText("connexion au serveur", { timeout: 20_000 });
  await expect(page.getByTestId("save-retry")).toBeVisible();
  expect((await stored(caseId)).fields.ferritin).toBeUndefined();

  await page.unroute("**/api/cases/*/draft");
  // Leaving asks first (unsaved changes): accept, as a user reloading anyway would.
  page.once("dialog", (d) => void d.accept());
  await page.reload();
  await expect(page.getByTestId("unsent-restored")).toBeVisible();
  await expect(page.locator('[data-field="ferritin"] input')).toHaveValue("8000");
  await expect.poll(async () => (await stored(caseId)).fields.ferritin).toMatchObject({ v: 8000 });

  // Something kept again, then sign-out: nothing of it stays in the browser.
  await page.route("**/api/cases/*/draft", (route) => route.abort("failed"));
  await type(page, '[data-field="ferritin"] input', "9000");
  await expect(page.getByTestId("save-status")).toContainText("connexion au serveur", { timeout: 20_000 });
  const kept = () => page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("dmsam.")).length);
  expect(await kept()).toBe(1);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: /Se déconnecter/ }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await kept()).toBe(0);
});

test("computed panel: marrow not searched counts 0 with what a positive aspirate would add; no subgroup before a classification", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, ACCOUNTS.clinicianRei);
  await createCase(page, "RE", "06/07/1965");
  const panel = page.getByTestId("computed-panel");
  // Nothing classified yet: no subgroup, and no "> 99 % à > 99 %".
  await expect(page.getByTestId("eular")).not.toContainText("sous-groupe");
  await expect(panel).not.toContainText(/(\S+ %) à \1/);
  const before = await page.getByTestId("hscore").textContent();
  await page.locator('[data-field="haemophagocytosis"] input[value="not_searched"]').check();
  await expect(page.getByTestId("hscore-marrow-not-done")).toContainText("Myélogramme non fait : compté 0 point");
  const after = await page.getByTestId("hscore").textContent();
  // The range loses the 35 points a marrow not recorded would still allow.
  const span = (t: string | null) => {
    const [min, max] = (t ?? "").match(/\d+/g)!.map(Number);
    return max! - min!;
  };
  expect(span(before) - span(after)).toBe(35);
});

test("eligibility: leaving a wrong date by clicking the next answer keeps the click", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/cases/new");
  await page.getByLabel(/^Date du diagnostic de SAM/).fill("31/02/2015");
  // One click, straight from the date field: its message appears only once the click is over.
  await page
    .getByRole("group", { name: /^Diagnostic porté en France/ })
    .getByLabel("Oui")
    .click();
  await expect(page.getByRole("group", { name: /^Diagnostic porté en France/ }).getByLabel("Oui")).toBeChecked();
  await expect(page.locator("#sam_date-error")).toBeVisible();
});
