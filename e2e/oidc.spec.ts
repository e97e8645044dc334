import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { startOidcProvider } from "./oidc-test-provider";
import { answerDemoSecondFactor } from "./second-factor-support";

// Single sign-on end to end against a real OpenID Connect provider started
// here (e2e/oidc-test-provider.ts): authorization code + PKCE, state, nonce,
// signed ID token. An identity reaches only an account a coordinator invited.

let stop: (() => Promise<void>) | null = null;
test.beforeAll(async ({ baseURL }) => {
  stop = await startOidcProvider(baseURL!);
});
test.afterAll(async () => {
  await stop?.();
});

/** From the app's sign-in page through the provider's login and consent pages (skipped when it remembers us). */
async function signInWithSso(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("button", { name: "Authentification unique (CHU Test)" }).click();
  const loginField = page.locator('input[name="login"]');
  const consent = page.getByRole("button", { name: "Continue" });
  const back = page
    .getByTestId("whoami")
    .or(page.getByTestId("login-error"))
    .or(page.getByTestId("second-factor-step"));
  await expect(loginField.or(back).first()).toBeVisible();
  if (!(await loginField.isVisible())) return;
  await loginField.fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // First time for this browser: the provider asks to consent to sharing the claims.
  await expect(consent.or(back).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

// The provider's development pages link a stylesheet on the Internet, unreachable here.
test.beforeEach(({ pageFaults }) => pageFaults.allowConsole(/net::ERR_NAME_NOT_RESOLVED/));

test("an invited clinician signs in through the hospital's provider (verified e-mail, then the stored link)", async ({
  page,
}) => {
  await signInWithSso(page, "sso-rei");
  await expect(page.getByTestId("whoami")).toContainText("Clinicien");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas du centre REI");
  await page.goto("/account/security");
  await expect(
    page.getByText("Votre compte est lié à l'authentification unique de votre établissement."),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
  // Again, through the link now stored (issuer + subject).
  await signInWithSso(page, "sso-rei");
  await expect(page.getByTestId("whoami")).toContainText("Clinicien");
});

test("an identity nobody invited, or an unverified e-mail, reaches no account", async ({ page }) => {
  await signInWithSso(page, "sso-unknown");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId("login-error")).toHaveText(/n'ouvre aucun compte de l'étude/);
  await expect(page.getByTestId("whoami")).toHaveCount(0);
  await page.screenshot({ path: "e2e/.output/sso-refused-fr.png", fullPage: true });

  await page.context().clearCookies();
  await signInWithSso(page, "sso-unverified");
  await expect(page.getByTestId("login-error")).toHaveText(/n'a pas confirmé votre adresse e-mail/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a coordinator signing in through the provider still proves the second factor", async ({ page }) => {
  await signInWithSso(page, "sso-coord");
  await expect(page.getByTestId("second-factor-step")).toBeVisible();
  // The ticket came back in the address: it is taken out of it at once.
  await expect(page).not.toHaveURL(/MFA_VERIFY/);
  await answerDemoSecondFactor(page);
  await expect(page.getByTestId("whoami")).toContainText("Coordinateur");
});
