import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { todayIso } from "@/domain/dates";
import { addDays, addMonths, daysBetween } from "@/domain/study-calendar";
import { ACCOUNTS, createCase, signIn, snap, mailLinkTo } from "./support";

// Study management in the browser (French interface): the coordinator sets the
// calendar and sees where the study stands on the home page, creates a centre,
// re-invites and disables a user, and reads the mid-term reminders in the outbox
// after `npm run reminders` ran against the test server's database.
// The calendar set here keeps the study open (day 101 of about 182), so the
// other journeys sharing this server are not affected.

const PORT = process.env.E2E_PORT ?? "3100";
const TODAY = todayIso();
const OPENING = addDays(TODAY, -100);
const CLOSING = addMonths(OPENING, 6);
const TOTAL = daysBetween(OPENING, CLOSING) + 1;
const CLOSING_FR = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" }).format(
  new Date(`${CLOSING}T12:00:00Z`),
);
const INVITED = "reinvitee.e2e@dm-sam.test";

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** `npm run reminders` (its script, straight through tsx) on the e2e server's database. */
function runReminders(): string {
  return execFileSync("npx", ["tsx", "scripts/reminders.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: `file:./data/e2e-${PORT}.db`,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      SMTP_URL: "",
    },
  });
}

test.describe
  .serial("study management", () => {
    test("the coordinator sets the calendar (protocol defaults) and the home page says 'day N of M'", async ({
      page,
    }) => {
      await signIn(page, ACCOUNTS.coordinator);
      await page.getByRole("link", { name: "Étude", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Étude : calendrier et clôture");

      // A closing date before the opening is refused next to the field, and nothing is saved.
      await page.getByLabel("Date d’ouverture").fill(OPENING);
      await page.getByLabel(/^Date de clôture/).fill(addDays(OPENING, -1));
      await page.getByRole("button", { name: "Enregistrer le calendrier" }).click();
      await expect(page.locator("#closingDate-error")).toHaveText(
        // Dates in French sentences are written jj/mm/aaaa.
        `Date de clôture : elle doit être postérieure à la date d’ouverture (${OPENING.split("-").reverse().join("/")}).`,
      );

      await page.getByLabel(/^Date de clôture/).fill("");
      await page.getByLabel(/^Délai de grâce/).fill("7");
      await page.getByRole("button", { name: "Enregistrer le calendrier" }).click();
      await expect(page.getByText("Calendrier enregistré.")).toBeVisible();
      await expect(page.getByTestId("study-calendar")).toContainText(`jour 101 sur ${TOTAL}, clôture le ${CLOSING_FR}`);
      await expect(page.getByTestId("study-dates")).toContainText(`${CLOSING_FR} (par défaut)`);
      await snap(page, "study-settings-fr");

      await page.getByRole("link", { name: "Accueil" }).click();
      await expect(page.getByTestId("study-calendar")).toHaveText(
        `Étude ouverte : jour 101 sur ${TOTAL}, clôture le ${CLOSING_FR}. Calendrier`,
      );
    });

    test("centre users see the same line on their home page", async ({ browser }) => {
      const clinician = await pageAs(browser, ACCOUNTS.clinicianRei);
      await expect(clinician.getByTestId("study-calendar")).toHaveText(
        `Étude ouverte : jour 101 sur ${TOTAL}, clôture le ${CLOSING_FR}.`,
      );
      await expect(clinician.getByRole("link", { name: "Étude", exact: true })).toHaveCount(0);
      expect((await clinician.goto("/admin/study"))?.status()).toBe(404);
      expect((await clinician.goto("/admin/centres"))?.status()).toBe(404);
      await clinician.context().close();
    });

    test("the coordinator creates a centre (three letters, unique)", async ({ page }) => {
      await signIn(page, ACCOUNTS.coordinator);
      await page.getByRole("link", { name: "Centres", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Centres");
      const form = page.getByTestId("new-centre-form");
      await form.getByLabel(/^Code/).fill("rei");
      await form.getByLabel(/^Nom/).fill("Doublon");
      await form.getByLabel(/^Ville/).fill("Reims");
      await form.getByRole("button", { name: "Ajouter le centre" }).click();
      await expect(page.locator("#code-error")).toHaveText("Code : le centre REI existe déjà.");

      await form.getByLabel(/^Code/).fill("tls");
      await form.getByLabel(/^Nom/).fill("CHU de Toulouse");
      await form.getByLabel(/^Ville/).fill("Toulouse");
      await form.getByRole("button", { name: "Ajouter le centre" }).click();
      await expect(page.getByText("Centre TLS ajouté.")).toBeVisible();
      await expect(page.getByTestId("centres-table")).toContainText("TLS");
      await expect(page.getByTestId("centres-table")).toContainText("CHU de Toulouse");
      await snap(page, "admin-centres-fr");
    });

    test("the coordinator re-invites a user (the old link stops working), then disables the account", async ({
      page,
      browser,
    }) => {
      await signIn(page, ACCOUNTS.coordinator);
      await page.getByRole("link", { name: "Utilisateurs" }).click();
      await page.getByLabel(/^E-mail/).fill(INVITED);
      await page.getByLabel(/^Nom affiché/).fill("Dr Réinvitée");
      await page.getByLabel(/^Rôle/).selectOption("CLINICIAN");
      await page.getByLabel(/^Centre/).selectOption("TLS");
      await page.getByRole("button", { name: "Créer et inviter" }).click();
      // The link reaches only the invited person's mailbox (never the coordinator's page).
      await expect(page.getByTestId("user-created")).toContainText(INVITED);
      const first = await mailLinkTo(INVITED);

      const row = page.getByTestId(`user-${INVITED}`);
      await expect(row).toContainText("Invitation envoyée");
      await row.getByRole("button", { name: "Renvoyer l’invitation" }).click();
      await expect(page.getByTestId("user-notice")).toContainText(`Nouveau lien envoyé par courriel à ${INVITED}`);
      await expect(page.locator("main")).not.toContainText("/invite/");
      await expect.poll(() => mailLinkTo(INVITED)).not.toBe(first);
      const second = await mailLinkTo(INVITED);
      await snap(page, "admin-users-reinvite-fr");

      const invited = await (await browser.newContext()).newPage();
      await invited.goto(first);
      await expect(invited.getByTestId("invite-expired")).toBeVisible();
      await invited.goto(second);
      await invited.getByLabel(/^Nouveau mot de passe/).fill("un-mot-de-passe-solide");
      await invited.getByLabel(/^Confirmez/).fill("un-mot-de-passe-solide");
      await invited.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
      await expect(invited.getByText("Mot de passe enregistré")).toBeVisible();
      await signIn(invited, INVITED, "un-mot-de-passe-solide");
      await expect(invited.getByRole("heading", { level: 1 })).toHaveText("Cas du centre TLS");

      // Disabled: the open session ends at the next request, and signing in is refused.
      await page.reload();
      await page.getByTestId(`user-${INVITED}`).getByRole("button", { name: "Désactiver" }).click();
      await expect(page.getByTestId("user-notice")).toContainText(`Compte ${INVITED} désactivé`);
      await expect(page.getByTestId(`user-${INVITED}`)).toContainText("Désactivé");
      await invited.goto("/");
      await expect(invited).toHaveURL(/\/login/);
      await invited.getByLabel("Adresse e-mail").fill(INVITED);
      await invited.getByLabel(/^Mot de passe$/).fill("un-mot-de-passe-solide");
      await invited.getByRole("button", { name: "Se connecter" }).click();
      // A disabled account is not told apart, even with the right password (no enumeration, ADR 0011).
      await expect(invited.getByTestId("login-error")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
      await invited.context().close();

      // Enabled again, the row offers "disable" again.
      await page.getByTestId(`user-${INVITED}`).getByRole("button", { name: "Réactiver" }).click();
      await expect(page.getByTestId(`user-${INVITED}`).getByRole("button", { name: "Désactiver" })).toBeVisible();
    });

    test("`npm run reminders` queues the mid-term reminders once; the coordinator reads them in the outbox", async ({
      page,
      browser,
    }) => {
      // A draft in Reims, so that Reims gets the specific reminder listing it.
      const clinician = await pageAs(browser, ACCOUNTS.clinicianRei);
      const caseUrl = await createCase(clinician, "RL", "1961-03-12");
      const caseId = caseUrl.split("/cases/")[1]!;
      await clinician.context().close();

      const first = runReminders();
      expect(first).toMatch(/\d+ reminder\(s\) queued/);
      expect(first).toContain(`midterm → ${ACCOUNTS.clinicianRei}`);
      expect(first).toContain(`pending → ${ACCOUNTS.clinicianRei}`);
      expect(runReminders()).toContain("; 0 reminder(s) queued");

      await signIn(page, ACCOUNTS.coordinator);
      await page.getByRole("link", { name: "Courriels" }).click();
      const toRei = page.getByTestId("outbox-mail").filter({ hasText: `À ${ACCOUNTS.clinicianRei}` });
      const midterm = toRei.filter({ hasText: "relance à mi-étude" });
      await expect(midterm).toHaveCount(1);
      await expect(midterm).toContainText(`La clôture du recueil est fixée au ${CLOSING_FR}`);
      // In the recipient's language only (the demo accounts read French).
      await expect(midterm).not.toContainText("Collection closes on");
      const pending = toRei.filter({ hasText: "dossiers à compléter (REI)" });
      await expect(pending).toHaveCount(1);
      await expect(pending).toContainText(`RL · 1961-03-12 · REI, dossier ${caseId} (brouillon)`);
      await expect(pending).not.toContainText("· PAR");
      // Coordinators get no reminder (they do get notifications, e.g. answers to their queries).
      const toCoordinator = page.getByTestId("outbox-mail").filter({ hasText: `À ${ACCOUNTS.coordinator}` });
      await expect(toCoordinator.filter({ hasText: /relance à mi-étude|dossiers à compléter/ })).toHaveCount(0);
      await snap(page, "outbox-reminders-fr");
    });
  });
