import { expect, test } from "./fixtures";
import { ACCOUNTS, mailLinkTo, signIn, snap } from "./support";

test("a coordinator invites a user who chooses a password and signs in", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.coordinator);
  await page.getByRole("link", { name: "Utilisateurs" }).click();
  await page.getByRole("button", { name: "Créer et inviter" }).click();
  await expect(page.locator("#email-error")).toHaveText("E-mail : adresse invalide.");

  await page.getByLabel(/^E-mail/).fill("nouvelle.clinicienne@dm-sam.test");
  await page.getByLabel(/^Nom affiché/).fill("Dr Nina Petit");
  await page.getByLabel(/^Rôle/).selectOption("CLINICIAN");
  await page.getByRole("button", { name: "Créer et inviter" }).click();
  await expect(page.locator("#centreCode-error")).toContainText("obligatoire pour un clinicien");
  await expect(page.getByLabel(/^E-mail/)).toHaveValue("nouvelle.clinicienne@dm-sam.test");
  await page.getByLabel(/^Centre/).selectOption("LYO");
  await page.getByRole("button", { name: "Créer et inviter" }).click();
  // The link goes to the new user's mailbox only: the coordinator's page names the address, not the link.
  await expect(page.getByTestId("user-created")).toContainText("nouvelle.clinicienne@dm-sam.test");
  await expect(page.locator("main")).not.toContainText("/invite/");
  const link = await mailLinkTo("nouvelle.clinicienne@dm-sam.test");
  await expect(page.getByTestId("users-table")).toContainText("Invitation envoyée");
  await snap(page, "admin-users-fr");

  await page.getByRole("link", { name: "Courriels" }).click();
  await expect(page.getByTestId("outbox-mail").first()).toContainText("nouvelle.clinicienne@dm-sam.test");
  await expect(page.getByTestId("outbox-mail").first()).not.toContainText(link);

  const ctx = await browser.newContext();
  const invited = await ctx.newPage();
  await invited.goto(link);
  await expect(invited.getByText("Compte : nouvelle.clinicienne@dm-sam.test")).toBeVisible();
  await invited.getByLabel(/^Nouveau mot de passe/).fill("trop-court");
  await invited.getByLabel(/^Confirmez/).fill("trop-court");
  await invited.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(invited.locator("#password-error")).toHaveText("Mot de passe : 12 caractères minimum.");
  await invited.getByLabel(/^Nouveau mot de passe/).fill("azertyuiop123");
  await invited.getByLabel(/^Confirmez/).fill("azertyuiop123");
  await invited.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(invited.locator("#password-error")).toContainText("Mot de passe : trop facile à deviner");
  await invited.getByLabel(/^Nouveau mot de passe/).fill("un-mot-de-passe-solide");
  await invited.getByLabel(/^Confirmez/).fill("un-mot-de-passe-solide");
  await invited.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(invited.getByText("Mot de passe enregistré")).toBeVisible();
  await signIn(invited, "nouvelle.clinicienne@dm-sam.test", "un-mot-de-passe-solide");
  await expect(invited.getByRole("heading", { level: 1 })).toHaveText("Cas du centre LYO");

  // The link works once.
  await invited.goto(link);
  await expect(invited.getByTestId("invite-used")).toBeVisible();
  await ctx.close();
});

test("centre users cannot reach administration", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  for (const path of ["/admin/users", "/admin/outbox"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
});
