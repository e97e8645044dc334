import { secretFromBase32, totpCode, totpStep } from "@/domain/mfa/totp";
import { expect, test } from "./fixtures";
import { freshAccount, MFA_PASSWORD, storedTotp } from "./mfa-accounts";
import { ACCOUNTS, signIn, snap } from "./support";
import type { Page } from "@playwright/test";

// Second factors in the browser (ADR 0012): an authenticator app with recovery
// codes, enrolment forced for a coordinator, passkeys on Chromium's virtual
// authenticator, and the coordinator's reset. Each journey has its own account.

const codeFor = (secret: string, offset = 0) => totpCode(secretFromBase32(secret), totpStep(Date.now()) + offset);

async function passwordStep(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/^(Adresse e-mail|E-mail address)$/).fill(email);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(MFA_PASSWORD);
  await page.getByRole("button", { name: /^(Se connecter|Sign in)$/ }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: /Se déconnecter|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("authenticator app: enrolment, sign-in with a code, no replay, a recovery code once, reset by the coordinator", async ({
  page,
  browser,
}) => {
  const email = "mfa.totp@dm-sam.test";
  await freshAccount(email, "CLINICIAN", "Parcours TOTP");
  // A clinician without a second factor signs in with the password alone (not required for the role).
  await passwordStep(page, email);
  await expect(page.getByTestId("whoami")).toBeVisible();

  await page.getByRole("link", { name: "Sécurité du compte" }).click();
  await expect(page.getByTestId("mfa-requirement")).toContainText("facultative");
  await page.getByRole("button", { name: "Configurer une application" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  // A wrong code is refused next to the form, the enrolment goes on.
  await page.getByLabel("Code affiché par l'application").fill(codeFor(secret, 5));
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByTestId("mfa-error")).toContainText("ce code ne correspond pas");
  await page.getByLabel("Code affiché par l'application").fill(codeFor(secret));
  await page.getByRole("button", { name: "Activer" }).click();
  await expect(page.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-codes").locator("code").allTextContents();
  expect(codes).toHaveLength(10);
  await snap(page, "mfa-recovery-codes-fr");
  await page.getByLabel("J'ai conservé ces codes de secours").check();
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByTestId("totp-state")).toContainText("Configurée le");
  await expect(page.getByTestId("recovery-left")).toHaveText("10 codes de secours disponibles.");
  // At rest: sealed, not the base32 secret the user saw.
  const stored = (await storedTotp(email)) ?? "";
  expect(stored).toMatch(/^v1\./);
  expect(stored).not.toContain(secret);

  // Sign-in now asks for a code; the next time step's code opens the session.
  await signOut(page);
  await passwordStep(page, email);
  await expect(page.getByTestId("second-factor-step")).toBeVisible();
  await snap(page, "mfa-second-step-fr");
  const used = codeFor(secret, 1);
  await page.getByLabel("Code de vérification").fill(used);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("whoami")).toContainText("Parcours TOTP");

  // The same code again is refused (RFC 6238 replay rule); a recovery code works, once.
  await signOut(page);
  await passwordStep(page, email);
  await page.getByLabel("Code de vérification").fill(used);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("mfa-error")).toHaveText(/incorrect ou déjà utilisé/);
  await page.getByLabel("Code de vérification").fill(codes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByTestId("recovery-left")).toHaveText("9 codes de secours disponibles.");
  await signOut(page);
  await passwordStep(page, email);
  await page.getByLabel("Code de vérification").fill(codes[0]!);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("mfa-error")).toBeVisible();
  await page.getByLabel("Code de vérification").fill(codes[1]!);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();

  // Phone lost: the coordinator resets the second factor (no secret shown); the user's session ends.
  const coordinator = await (await browser.newContext()).newPage();
  await signIn(coordinator, ACCOUNTS.coordinator);
  await coordinator.getByRole("link", { name: "Double authentification" }).click();
  const row = coordinator.getByTestId("second-factor-row").filter({ hasText: email });
  await expect(row).toContainText("8");
  await expect(coordinator.locator("body")).not.toContainText(secret);
  coordinator.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: `Réinitialiser (${email})` }).click();
  await expect(coordinator.getByTestId("mfa-admin-notice")).toContainText("sessions sont fermées");
  await snap(coordinator, "mfa-admin-reset-fr");
  await coordinator.context().close();

  await page.goto("/account/security");
  await expect(page).toHaveURL(/\/login/);
  await passwordStep(page, email);
  await expect(page.getByTestId("whoami")).toBeVisible();
});

test("a coordinator without a second factor must enrol one before the session begins (English)", async ({ page }) => {
  const email = "mfa.coordination@dm-sam.test";
  await freshAccount(email, "COORDINATOR", "MFA Coordination");
  await page.goto("/login");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await passwordStep(page, email);
  await expect(page.getByTestId("totp-enrolment")).toBeVisible();
  await expect(page.getByText("Two-step verification is required for your role.")).toBeVisible();
  // No session yet: the app's pages still send to sign-in.
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
  await snap(page, "mfa-forced-enrolment-en");
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await page.getByLabel("Code shown by the app").fill(codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  await page.getByLabel("I have kept these recovery codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("whoami")).toContainText("MFA Coordination");
  // The last factor of a role that requires one cannot be removed.
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Remove the app" }).click();
  await expect(page.locator(".form-errors")).toContainText("Two-step verification is required for your role");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sécurité du compte");
});

test("passkey: registered on Chromium's virtual authenticator, then the second step with it", async ({
  page,
  baseURL,
}) => {
  const email = "mfa.passkey@dm-sam.test";
  await freshAccount(email, "CLINICIAN", "Parcours clé");
  // WebAuthn refuses an IP address as relying party: this journey uses the same server as http://localhost.
  const origin = baseURL!.replace("127.0.0.1", "localhost");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  await page.goto(`${origin}/login`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(MFA_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("whoami")).toBeVisible();
  await page.goto(`${origin}/account/security`);
  await page.getByLabel(/^Nom de la nouvelle clé/).fill("Clé virtuelle");
  await page.getByRole("button", { name: "Ajouter une clé d'accès" }).click();
  // The first second factor also brings recovery codes.
  await expect(page.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  await page.getByRole("button", { name: "Continuer" }).click();
  await expect(page.getByTestId("passkeys")).toContainText("Clé virtuelle");
  await snap(page, "mfa-passkey-added-fr");

  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Sign-out lands on the configured address (127.0.0.1): back to localhost for WebAuthn.
  await page.goto(`${origin}/login`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(MFA_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByTestId("second-factor-step")).toBeVisible();
  await page.getByRole("button", { name: "Utiliser ma clé d'accès" }).click();
  await expect(page.getByTestId("whoami")).toContainText("Parcours clé");
  await page.goto(`${origin}/account/security`);
  await expect(page.getByTestId("passkeys").locator("tbody tr td").nth(2)).not.toHaveText("—");
});
