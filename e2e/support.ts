import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../scripts/demo-data";
import { answerDemoSecondFactor } from "./second-factor-support";

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
  // Coordinators must use a second factor (ADR 0012): the demo coordinator answers with its demo secret.
  if (email === ACCOUNTS.coordinator) await answerDemoSecondFactor(page);
  await expect(page.getByTestId("whoami")).toBeVisible();
}

/**
 * Full-page screenshot kept for people to look at (e2e/.output, not committed). Not taken in CI, where
 * nobody looks at them and each full page costs CPU the other worker needs (E2E_SNAPSHOTS=1 takes them).
 */
export async function snap(page: Page, name: string, fullPage = true): Promise<void> {
  if (process.env.CI && process.env.E2E_SNAPSHOTS !== "1") return;
  await page.screenshot({ path: `e2e/.output/${name}.png`, fullPage });
}

/** Answers the eligibility screen of "new case" for an eligible patient (French interface). */
export async function fillEligibility(page: Page, samDate = "15/06/2015"): Promise<void> {
  for (const legend of [
    "Diagnostic de dermatomyosite",
    "SAM compliquant la dermatomyosite",
    "Diagnostic porté en France",
  ]) {
    await page
      .getByRole("group", { name: new RegExp(`^${legend}`) })
      .getByLabel("Oui")
      .check();
  }
  await page.getByLabel(/^Date du diagnostic de SAM/).fill(samDate);
}

/** Creates an eligible case from "new case" (French interface) and returns its URL. */
export async function createCase(
  page: Page,
  initials: string,
  birthDate: string,
  samDate = "15/06/2015",
): Promise<string> {
  await page.goto("/cases/new");
  await fillEligibility(page, samDate);
  await page.getByLabel(/^Initiales/).fill(initials);
  await page.getByLabel("Date de naissance").fill(birthDate);
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  return page.url();
}

/** Waits for the next draft save (PATCH …/draft) triggered by `action`, and for the status line to say so. */
export async function saveAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const response = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/draft"), {
    timeout: 15_000,
  });
  await action();
  expect((await response).status()).toBe(200);
  await expect(page.getByTestId("save-status")).toHaveText(/^(Enregistré à|Saved at)/, { timeout: 15_000 });
}

/**
 * Completes every shown top-level field of the form (French interface): the
 * three fields that take no missing-data code get an answer, every other
 * unanswered field is marked "NR" (not known). Repeating blocks stay empty.
 * Repeats until nothing is left, since a code can hide or show other fields.
 */
export async function completeWithNk(page: Page): Promise<void> {
  const department = page.locator("#field-department select");
  if ((await department.inputValue()) === "") await department.selectOption("internal_medicine");
  for (const [id, label] of [
    ["sex", "Femme"],
    ["filled_by", "Le clinicien en charge du patient"],
  ] as const) {
    const group = page.locator(`#field-${id}`);
    if ((await group.locator("input:checked").count()) === 0) await group.getByLabel(label, { exact: true }).check();
  }
  for (let pass = 0; pass < 10; pass++) {
    const open = await page.evaluate(() => {
      const out: string[] = [];
      for (const field of document.querySelectorAll<HTMLElement>(".crf-form .crf-field")) {
        if (field.closest("[data-block]")) continue;
        const codes = [...field.querySelectorAll<HTMLButtonElement>(".crf-codes button")];
        if (codes.length === 0 || codes.some((b) => b.getAttribute("aria-pressed") === "true")) continue;
        const path = field.dataset.field ?? "";
        const main = field.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
          `[id="in-${path}"]`,
        );
        const answered = main ? main.value !== "" : field.querySelector(".crf-options input:checked") !== null;
        if (!answered) out.push(path);
      }
      return out;
    });
    if (open.length === 0) return;
    for (const path of open) {
      const nr = page.locator(`[id="field-${path}"] .crf-codes button`, { hasText: /^NR$/ });
      if ((await nr.count()) === 1) await nr.click();
    }
  }
  throw new Error("completeWithNk: fields still unanswered after 10 passes");
}

/**
 * The link (invitation or new password) of the latest mail delivered to `to`
 * — the recipient's mailbox: the e2e server delivers mail as files into
 * MAIL_DROP_DIR (scripts/e2e-server.ts), since no page shows such a link.
 * Waits for delivery (it happens just after the response).
 */
export async function mailLinkTo(to: string, subject?: RegExp): Promise<string> {
  // This worker's server's mailbox (E2E_PORT is the worker's server: playwright.config.ts).
  const dir = `data/mail-e2e-${process.env.E2E_PORT ?? "3100"}`;
  let link: string | undefined;
  await expect
    .poll(
      () => {
        // Not there until the first mail is delivered.
        if (!existsSync(dir)) return undefined;
        const files = readdirSync(dir, { withFileTypes: true })
          .filter((f) => f.isFile())
          .map((f) => f.name)
          .sort();
        const mails = files.map(
          (f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as { to: string; subject: string; text: string },
        );
        const mine = mails.filter((m) => m.to === to && (!subject || subject.test(m.subject)));
        link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]{40,}/.exec(mine.at(-1)?.text ?? "")?.[0];
        return link;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();
  return link!;
}
