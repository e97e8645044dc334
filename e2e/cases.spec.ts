import { expect, test } from "@playwright/test";
import { ACCOUNTS, fillEligibility, signIn, snap } from "./support";

test("a clinician creates a case; bad and duplicate keys get clear messages, nothing typed is lost", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.getByRole("link", { name: "Nouveau cas" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouveau cas");
  await expect(page.getByLabel("Code centre")).toHaveValue("REI");

  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("Dupont");
  await page.getByLabel("Date de naissance").fill("1961-04-12");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.locator("#initials-error")).toContainText("6 lettres saisies, il en faut exactement deux");
  await expect(page.getByLabel("Date de naissance")).toHaveValue("1961-04-12");
  await snap(page, "new-case-bad-initials-fr");

  await page.getByLabel(/^Initiales/).fill("é m");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas EM · 1961-04-12 · REI");
  await expect(page.locator(".case-head").getByText("Brouillon")).toBeVisible();

  // The same key again: a friendly refusal, the values still in the form.
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("EM");
  await page.getByLabel("Date de naissance").fill("1961-04-12");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Un dossier avec ces identifiants (EM, 1961-04-12) existe déjà dans votre centre (REI).");
  await expect(page.getByLabel(/^Initiales/)).toHaveValue("EM");
  await snap(page, "new-case-duplicate-fr");
});

test("a case of another centre is 'not found', exactly like a missing one", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.assistantRei);
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("LB");
  await page.getByLabel("Date de naissance").fill("1975-09-30");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  const caseUrl = page.url();

  const other = await browser.newContext();
  const paris = await other.newPage();
  await signIn(paris, ACCOUNTS.clinicianPar);
  const response = await paris.goto(caseUrl);
  expect(response?.status()).toBe(404);
  await expect(paris.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
  const missing = await paris.goto("/cases/does-not-exist");
  expect(missing?.status()).toBe(404);
  // Every page under a case answers the same for another centre.
  expect((await paris.goto(`${caseUrl}/history`))?.status()).toBe(404);
  expect((await paris.goto("/cases/does-not-exist/history"))?.status()).toBe(404);
  await other.close();

  const coord = await browser.newContext();
  const coordPage = await coord.newPage();
  await signIn(coordPage, ACCOUNTS.coordinator);
  await coordPage.goto(caseUrl);
  await expect(coordPage.getByTestId("case-page")).toBeVisible();
  // Coordinators review; they do not enter cases.
  const newCase = await coordPage.goto("/cases/new");
  expect(newCase?.status()).toBe(404);
  await coord.close();
});
