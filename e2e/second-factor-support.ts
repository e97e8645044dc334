// Answers the sign-in's second step for the demo coordinator, whose
// authenticator secret is demo data (scripts/demo-mfa.ts). The server never
// accepts the same time step twice (RFC 6238 replay rule), and journeys sign
// the coordinator in many times a minute: each answer takes the next unused
// step inside the accepted window (current ± 1), waiting for the clock if needed.
import { expect, type Page } from "@playwright/test";
import { totpStep } from "@/domain/mfa/totp";
import { demoTotpCode } from "../scripts/demo-mfa";

let lastStep = 0;

async function nextStep(): Promise<number> {
  const step = lastStep + 1;
  // Accepted once the clock is at most one step behind it: wait for the clock, not for a fixed time.
  await expect.poll(() => totpStep(Date.now()) >= step - 1, { timeout: 35_000, intervals: [250] }).toBe(true);
  return Math.max(totpStep(Date.now()), step);
}

export async function answerDemoSecondFactor(page: Page): Promise<void> {
  const code = page.getByLabel(/^(Code de vérification|Verification code)$/);
  await expect(code.or(page.getByTestId("whoami"))).toBeVisible();
  // An answer refused (a step another worker already used) is retried once on a later step.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await code.isVisible())) return;
    lastStep = await nextStep();
    await code.fill(demoTotpCode(lastStep));
    await page.getByRole("button", { name: /^(Vérifier|Verify)$/ }).click();
    // Accepted, the page leaves the sign-in page; refused, it stays there and says so: try the next step.
    const left = await page
      .waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 8_000 })
      .then(() => true)
      .catch(() => false);
    if (left) return;
  }
}
