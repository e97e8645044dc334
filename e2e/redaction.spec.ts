// Issue 11, section 2, end to end: a clinician saves an identifier the guard
// did not catch; the coordinator redacts it from the case history page; the
// text is gone from the history and the case, the redaction is shown (also to
// the clinician), and the coordinators' audit page shows the last signed
// checkpoint agreeing with the chain. Own initials: RD.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ACCOUNTS, createCase, saveAfter, signIn, snap } from "./support";

/** Signs out through the button, once no response is in flight (one could re-issue the session cookie). */
async function signOut(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A made-up surname, lower case and without a title: it passes the guard as an identifier might. */
const IDENTIFIER = "kwyjibo";

test("a coordinator redacts an identifier from a case and its trail; the clinician sees it was redacted", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  const caseUrl = await createCase(page, "RD", "03/02/1961");
  const comments = page.locator("#in-comments");
  await saveAfter(page, async () => {
    await comments.fill(`adressée par ${IDENTIFIER} pour bilan`);
    await comments.blur();
  });
  await page.goto(`${caseUrl}/history`);
  await expect(page.getByTestId("history")).toContainText(IDENTIFIER);
  await expect(page.getByTestId("redaction-form")).toHaveCount(0);

  await signOut(page);
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto(`${caseUrl}/history`);
  const form = page.getByTestId("redaction-form");
  await expect(form.getByRole("heading", { name: "Caviarder un identifiant" })).toBeVisible();

  // Nothing filled in: each field says what it needs, in French.
  await form.getByRole("button", { name: "Caviarder" }).click();
  await expect(form.getByText("Texte à caviarder : entre 2 et 200 caractères.")).toBeVisible();
  await expect(form.getByText("Motif : entre 5 et 500 caractères.")).toBeVisible();
  await expect(form.getByText(/^Demandé par : choisissez/)).toBeVisible();

  await form.getByLabel(/^Texte à retirer/).fill("Kwyjibo");
  await form.getByLabel(/^Motif/).fill("Nom d’un tiers saisi par erreur");
  await form.getByLabel("Le clinicien qui a inclus le patient").check();
  await form.getByRole("button", { name: "Caviarder" }).click();
  const done = page.getByTestId("redaction-done");
  await expect(done).toContainText("Caviardage effectué : 1 valeur de la piste d’audit, 1 réponse");
  await expect(done).toContainText("Le texte ne figure plus nulle part dans la base.");
  const history = page.getByTestId("history");
  await expect(history).not.toContainText(IDENTIFIER, { ignoreCase: true });
  await expect(history).toContainText("adressée par [caviardé] pour bilan");
  await expect(history.locator("tr[data-type='audit.redacted']")).toContainText(
    "1 valeur caviardée — à la demande du clinicien qui a inclus le patient",
  );
  await expect(history.getByTestId("redacted-mark").first()).toHaveText("(valeur caviardée)");
  await snap(page, "redaction-coordinator-history");

  await page.goto("/admin/audit");
  await expect(page.getByTestId("last-checkpoint")).toBeVisible();
  await expect(page.getByTestId("checkpoint-state")).toHaveAttribute("data-state", /^(agrees|behind)$/);
  await snap(page, "audit-admin");

  await signOut(page);
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto(`${caseUrl}/history`);
  await expect(page.getByTestId("history")).not.toContainText(IDENTIFIER, { ignoreCase: true });
  await expect(page.getByTestId("history").locator("tr[data-type='audit.redacted']")).toBeVisible();
  await expect(page.getByTestId("history").getByTestId("redacted-mark").first()).toBeVisible();
  await page.goto(caseUrl);
  await expect(page.locator("#in-comments")).toHaveValue("adressée par [caviardé] pour bilan");
});
