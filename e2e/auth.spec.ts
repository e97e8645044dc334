import { expect, test } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { ACCOUNTS, createCase, mailLinkTo, signIn, snap } from "./support";

// One case in Reims and one in Paris, so that each centre user's home page can
// be checked for their own centre's case and the absence of the other one.
const REI_CASE = { initials: "AR", birthDate: "1963-02-14", key: "AR · 1963-02-14 · REI" };
const PAR_CASE = { initials: "AP", birthDate: "1964-03-15", key: "AP · 1964-03-15 · PAR" };

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

interface RoleJourney {
  role: string;
  email: string;
  heading: { fr: string; en: string };
  whoami: { fr: string; en: string };
  /** Case keys that must be listed, and that must not be. */
  sees: string[];
  neverSees: string[];
  administers: boolean;
}

const JOURNEYS: RoleJourney[] = [
  {
    role: "coordinator",
    email: ACCOUNTS.coordinator,
    heading: { fr: "Tous les centres", en: "All centres" },
    whoami: { fr: "Coordinateur", en: "Coordinator" },
    sees: [REI_CASE.key, PAR_CASE.key],
    neverSees: [],
    administers: true,
  },
  {
    role: "clinician",
    email: ACCOUNTS.clinicianPar,
    heading: { fr: "Cas du centre PAR", en: "Cases of centre PAR" },
    whoami: { fr: "Clinicien", en: "Clinician" },
    sees: [PAR_CASE.key],
    neverSees: [REI_CASE.key],
    administers: false,
  },
  {
    role: "research assistant",
    email: ACCOUNTS.assistantRei,
    heading: { fr: "Cas du centre REI", en: "Cases of centre REI" },
    whoami: { fr: "Attaché de recherche clinique", en: "Clinical research assistant" },
    sees: [REI_CASE.key],
    neverSees: [PAR_CASE.key],
    administers: false,
  },
];

test.describe("sign-in by role", () => {
  test.beforeAll(async ({ browser }) => {
    for (const [email, c] of [
      [ACCOUNTS.clinicianRei, REI_CASE],
      [ACCOUNTS.clinicianPar, PAR_CASE],
    ] as const) {
      const page = await pageAs(browser, email);
      // Idempotent: after a failure Playwright starts a new worker, which runs this hook again.
      if ((await page.getByRole("link", { name: c.key }).count()) === 0)
        await createCase(page, c.initials, c.birthDate);
      await page.context().close();
    }
  });

  for (const j of JOURNEYS) {
    test(`a ${j.role} signs in, sees the right home page, switches to English and back, signs out`, async ({
      page,
    }) => {
      await signIn(page, j.email);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(j.heading.fr);
      await expect(page.getByTestId("whoami")).toContainText(j.whoami.fr);
      const table = page.getByTestId("cases-table");
      for (const key of j.sees) await expect(table.getByRole("link", { name: key })).toBeVisible();
      for (const key of j.neverSees) await expect(page.getByText(key)).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Utilisateurs" })).toHaveCount(j.administers ? 1 : 0);
      if (j.administers) await expect(page.getByRole("link", { name: "Nouveau cas" })).toHaveCount(0);
      else await expect(page.getByRole("link", { name: "Nouveau cas" }).first()).toBeVisible();
      await snap(page, `home-${j.role.replace(" ", "-")}-fr`);

      await page.getByTestId("language-switch").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(j.heading.en);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByTestId("whoami")).toContainText(j.whoami.en);
      await snap(page, `home-${j.role.replace(" ", "-")}-en`);
      await page.getByTestId("language-switch").click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(j.heading.fr);
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");

      // The switch's refresh must be over: a response still in flight would re-issue the session cookie after sign-out.
      await page.waitForLoadState("networkidle");
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test("after sign-in only a path of this site is followed: a crafted callbackUrl lands on the home page", async ({
    browser,
    baseURL,
  }) => {
    const signInFrom = async (callbackUrl: string): Promise<URL> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.clinicianRei);
      await page.getByLabel("Mot de passe").fill("demo-password-2026");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await expect(page.getByTestId("whoami")).toBeVisible();
      const url = new URL(page.url());
      await context.close();
      return url;
    };
    for (const crafted of ["/\\evil.example", "//evil.example", "https://evil.example/", "/\t/evil.example"]) {
      const landed = await signInFrom(crafted);
      expect(landed.origin, crafted).toBe(new URL(baseURL!).origin);
      expect(landed.pathname, crafted).toBe("/");
    }
    // A path of this site is followed.
    expect((await signInFrom("/queries")).pathname).toBe("/queries");
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

  test("after five failures this browser waits (no lock, nothing said about the account)", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Adresse e-mail").fill(ACCOUNTS.assistantPar);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Mot de passe").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await expect(page.getByTestId("login-error")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
    }
    // From this connection, even the right password now waits (ADR 0011): a delay, told with its end.
    await page.getByLabel("Mot de passe").fill("demo-password-2026");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByTestId("login-error")).toContainText(
      /Trop de tentatives depuis votre connexion\. Réessayez après \d{2}:\d{2}/,
    );
    await snap(page, "login-throttled-fr");
  });
});

test("the language switch turns the interface to English and is remembered in this browser", async ({ page }) => {
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

test("the language chosen follows the user to a browser without the cookie", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases of centre REI");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Another browser, as it were: no language cookie, no session. Signed out, the app speaks French…
  await page.context().clearCookies();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
  // …and once signed in, the language saved on the account.
  await signIn(page, ACCOUNTS.clinicianRei);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cases of centre REI");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // Back to French for the other journeys (the choice is saved on the account again).
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
});

test("forgot password: the same answer for any address, one mail for a real account, a new password, sign-in", async ({
  page,
  browser,
}) => {
  // arc.par is delayed by the journey above: choosing a new password through the link also lifts the delay.
  const email = ACCOUNTS.assistantPar;
  const newPassword = "un-nouveau-mot-de-passe-2026";
  await page.goto("/login");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mot de passe oublié");

  await page.getByLabel(/^Adresse e-mail/).fill("pas-une-adresse");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.locator("#email-error")).toHaveText("E-mail : adresse invalide.");
  await expect(page.getByLabel(/^Adresse e-mail/)).toHaveValue("pas-une-adresse");

  const answerFor = async (address: string) => {
    await page.getByLabel(/^Adresse e-mail/).fill(address);
    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    const sent = page.getByTestId("forgot-password-sent");
    await expect(sent).toContainText(address);
    return (await sent.textContent())!.replace(address, "<address>");
  };
  const known = await answerFor(email);
  await snap(page, "forgot-password-sent-fr");
  const unknown = await answerFor("personne.inconnue@dm-sam.test");
  expect(unknown).toBe(known);
  expect(known).toContain("Si un compte actif existe pour l’adresse <address>");

  const coordinator = await pageAs(browser, ACCOUNTS.coordinator);
  await coordinator.goto("/admin/outbox");
  const resetMails = coordinator
    .getByTestId("outbox-mail")
    .filter({ hasText: `À ${email}` })
    .filter({ hasText: "mot de passe oublié" });
  await expect(resetMails).toHaveCount(1);
  await expect(coordinator.getByTestId("outbox-mail").filter({ hasText: "personne.inconnue@dm-sam.test" })).toHaveCount(
    0,
  );
  // The outbox shows that the mail exists, never its link: the link is in the owner's mailbox only.
  await expect(resetMails.locator("pre")).not.toContainText("/invite/");
  const link = await mailLinkTo(email, /mot de passe oublié/);

  // A second request within five minutes: the same answer, no second mail.
  expect(await answerFor(email)).toBe(known);
  await coordinator.reload();
  await expect(resetMails).toHaveCount(1);
  await coordinator.context().close();

  const reset = await (await browser.newContext()).newPage();
  await reset.goto(new URL(link).pathname);
  await expect(reset.getByRole("heading", { level: 1 })).toHaveText("Choisir votre mot de passe");
  await reset.getByLabel(/^Nouveau mot de passe/).fill(newPassword);
  await reset.getByLabel(/^Confirmez/).fill(newPassword);
  await reset.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(reset.getByText("Mot de passe enregistré")).toBeVisible();
  await signIn(reset, email, newPassword);
  await expect(reset.getByRole("heading", { level: 1 })).toHaveText("Cas du centre PAR");
  // The link worked once.
  await reset.goto(new URL(link).pathname);
  await expect(reset.getByTestId("invite-used")).toBeVisible();
  await reset.context().close();

  await page.goto("/forgot-password");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgotten password");
  await snap(page, "forgot-password-en");
});
