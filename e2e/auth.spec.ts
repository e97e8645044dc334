import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, snap } from "./support";

test.describe("sign-in by role", () => {
  test("a clinician lands on the cases of their centre and signs out", async ({ page }) => {
    await signIn(page, ACCOUNTS.clinicianRei);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
    await expect(page.getByTestId("whoami")).toContainText("Clinicien");
    await expect(page.getByRole("link", { name: "Nouveau cas" }).first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Utilisateurs" })).toHaveCount(0);
    await snap(page, "home-clinician-fr");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a research assistant lands on their own centre", async ({ page }) => {
    await signIn(page, ACCOUNTS.assistantRei);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
    await expect(page.getByTestId("whoami")).toContainText("Attaché de recherche clinique");
  });

  test("a coordinator lands on all centres with administration", async ({ page }) => {
    await signIn(page, ACCOUNTS.coordinator);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tous les centres");
    for (const code of ["REI", "PAR", "LYO", "MAR"]) await expect(page.getByRole("cell", { name: new RegExp(`^${code} —`) })).toBeVisible();
    await expect(page.getByRole("link", { name: "Utilisateurs" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nouveau cas" })).toHaveCount(0);
    await snap(page, "home-coordinator-fr");
  });

  test("a wrong password is refused with a clear message, the e-mail kept", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.clinicianPar);
    await page.getByLabel("Mot de passe").fill("not-the-right-password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
    await expect(page.getByLabel("Adresse e-mail")).toHaveValue(ACCOUNTS.clinicianPar);
    await snap(page, "login-wrong-password-fr");
  });

  test("five failures lock the account and say until when", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.assistantPar);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Mot de passe").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await expect(page.getByTestId("login-error")).toContainText(i < 5 ? "incorrect" : "Compte verrouillé");
    }
    // Even the right password is refused while locked.
    await page.getByLabel("Mot de passe").fill("demo-password-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByTestId("login-error")).toContainText(/Compte verrouillé après 5 tentatives échouées\. Réessayez après \d{2}:\d{2}/);
    await snap(page, "login-locked-fr");
  });
});

test("the language switch turns the interface to English and is remembered", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await signIn(page, ACCOUNTS.clinicianRei);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases of centre REI");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases of centre REI");
  await snap(page, "home-clinician-en");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
});
