import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../scripts/demo-data";

export const ACCOUNTS = {
  coordinator: "coordinateur@dm-sam.test",
  clinicianRei: "clinicien.rei@dm-sam.test",
  assistantRei: "arc.rei@dm-sam.test",
  clinicianPar: "clinicien.par@dm-sam.test",
  assistantPar: "arc.par@dm-sam.test",
} as const;

export async function signIn(page: Page, email: string, password: string = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/Adresse e-mail|E-mail address/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.getByRole("button", { name: /Se connecter|Sign in/ }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
}

/** Full-page screenshot kept for people to look at (e2e/.output, not committed). */
export async function snap(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `e2e/.output/${name}.png`, fullPage });
}

/** Answers the eligibility screen of "new case" for an eligible patient (French interface). */
export async function fillEligibility(page: Page, samDate = "15/06/2015"): Promise<void> {
  for (const legend of ["Diagnostic de dermatomyosite", "SAM compliquant la dermatomyosite", "Diagnostic porté en France"]) {
    await page.getByRole("group", { name: new RegExp(`^${legend}`) }).getByLabel("Oui").check();
  }
  await page.getByLabel(/^Date du diagnostic de SAM/).fill(samDate);
}
