import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import type { Page, Request } from "@playwright/test";
import { ACCOUNTS, fillEligibility, signIn, snap } from "./support";

async function newCase(page: Page, initials: string): Promise<string> {
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill(initials);
  await page.getByLabel("Date de naissance").fill("1971-03-09");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  return page.url();
}

/**
 * The render counts once the page has settled: read until two reads, each two frames after the
 * last, agree (the re-renders a change causes are done) rather than after a fixed pause.
 */
async function settledRenders(page: Page): Promise<Record<string, number>> {
  const read = () =>
    page.evaluate(
      () =>
        new Promise<string>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done(JSON.stringify(window.__ecrfRenders)))),
        ),
    );
  let last = await read();
  await expect
    .poll(async () => {
      const now = await read();
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return JSON.parse(last) as Record<string, number>;
}

test("typing in one field re-renders that field, not the form", async ({ page }) => {
  await page.addInitScript(() => {
    window.__ecrfRenders = {};
  });
  await signIn(page, ACCOUNTS.clinicianPar);
  await newCase(page, "RR");
  // The new page's own renders first: done once nothing more is loading.
  await page.waitForLoadState("networkidle");
  const before = await settledRenders(page);
  // Typed key by key, as a person would: one change (and render) per key is what is measured.
  await page.locator("#in-ferritin").pressSequentially("12345", { delay: 30 });
  const after = await settledRenders(page);
  const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
  expect(delta("form")).toBe(0);
  expect(delta("field:ferritin")).toBeGreaterThanOrEqual(5);
  // No other field re-rendered while typing.
  const others = Object.keys(after).filter((k) => k.startsWith("field:") && k !== "field:ferritin" && delta(k) > 0);
  expect(others).toEqual([]);
  console.log(
    `renders while typing 5 characters: ferritin ${delta("field:ferritin")}, form ${delta("form")}, computed panel ${delta("computed")}, nav ${delta("nav")}`,
  );
});

test("autosave sends only what changed, with what it replaced", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  await newCase(page, "SO");
  const bodies: unknown[] = [];
  page.on("request", (r: Request) => {
    if (r.method() === "PATCH" && r.url().includes("/draft")) bodies.push(r.postDataJSON());
  });
  await page.locator("#in-ferritin").fill("3200");
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 10_000 });
  await page.locator("#in-ferritin").fill("3300");
  await expect.poll(() => bodies.length, { timeout: 10_000 }).toBe(2);
  expect(bodies[0]).toEqual({
    baseVersion: 1,
    fields: { ferritin: { from: null, to: { v: 3200, unit: "ug_l" } } },
    blocks: {},
  });
  expect(bodies[1]).toEqual({
    baseVersion: 2,
    fields: { ferritin: { from: { v: 3200, unit: "ug_l" }, to: { v: 3300, unit: "ug_l" } } },
    blocks: {},
  });
});

test("keyboard only: Tab moves through fields, Enter does not submit, French decimals are accepted", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  const url = await newCase(page, "KB");
  await page.locator("#in-weight_kg").focus();
  await page.keyboard.type("58,5");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(url);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator("#in-height_cm")).toBeFocused();
  await page.keyboard.type("160");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("bsa")).toHaveText("1,61 m²");
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 10_000 });
  await page.reload();
  await expect(page.locator("#in-weight_kg")).toHaveValue("58,5");
});

test("a bad value is announced to screen readers and kept in the field", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  await newCase(page, "AN");
  await page.locator("#in-dm_diag_date").fill("31/02/2015");
  await page.locator("#in-dm_diag_date").blur();
  const error = page.locator("#in-dm_diag_date-err");
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toHaveText("Date du diagnostic de DM : date invalide.");
  await expect(page.locator("#in-dm_diag_date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#in-dm_diag_date")).toHaveAttribute("aria-describedby", /in-dm_diag_date-err/);
  await expect(page.locator("#in-dm_diag_date")).toHaveValue("31/02/2015");
});

test("the form page has no serious or critical accessibility violation (axe-core), in French and in English", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  await newCase(page, "AX");
  for (const lang of ["fr", "en"]) {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`),
      lang,
    ).toEqual([]);
    if (lang === "fr") {
      await page.getByTestId("language-switch").click();
      await expect(page.getByRole("heading", { name: "Identification and eligibility" })).toBeVisible();
    }
  }
  await page.setViewportSize({ width: 1024, height: 1366 });
  await page.locator("#section-mas").scrollIntoViewIfNeeded();
  await snap(page, "crf-tablet-en", false);
  await page.getByTestId("language-switch").click();
});

test("a failed save keeps what was typed, says so, and retries until it is saved", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  const url = await newCase(page, "NF");
  // The server becomes unreachable for draft saves.
  await page.route("**/api/cases/*/draft", (route) => route.abort("connectionrefused"));
  await page.locator("#in-crp").fill("145");
  await expect(page.getByTestId("save-status")).toContainText("Enregistrement impossible", { timeout: 10_000 });
  await expect(page.getByTestId("save-status")).toContainText("Nouvel essai dans 5 s");
  await expect(page.locator("#in-crp")).toHaveValue("145");
  // Back online: the retry saves it without anything retyped.
  await page.unroute("**/api/cases/*/draft");
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });
  await page.goto(url);
  await expect(page.locator("#in-crp")).toHaveValue("145");
});

test("leaving by an in-app link with unsaved changes asks first; dismissing keeps the case and the value", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianPar);
  const url = await newCase(page, "LG");
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });

  // Everything saved: the header link leaves without a question.
  await page.locator("#in-ldh").fill("900");
  await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 10_000 });
  await page.getByRole("banner").getByRole("link", { name: "Accueil" }).click();
  await expect(page).not.toHaveURL(url);
  expect(dialogs).toEqual([]);
  await page.goto(url);

  // The save fails: the value is not stored.
  await page.route("**/api/cases/*/draft", (route) => route.abort("connectionrefused"));
  await page.locator("#in-crp").fill("145");
  await expect(page.getByTestId("save-status")).toContainText("Enregistrement impossible", { timeout: 10_000 });
  // A section anchor stays on the page: no question.
  await page.locator(".section-nav").getByRole("link", { name: "Évolution" }).click();
  await expect(page).toHaveURL(`${url}#section-outcome`);
  expect(dialogs).toEqual([]);
  const here = page.url();

  await page.getByRole("banner").getByRole("link", { name: "Accueil" }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toBe(
    "L'enregistrement automatique a échoué : vos dernières modifications ne sont pas enregistrées. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu.",
  );
  await expect(page).toHaveURL(here);
  await expect(page.getByTestId("case-page")).toBeVisible();
  await expect(page.locator("#in-crp")).toHaveValue("145");
  // The history link asks too.
  await page.getByRole("link", { name: "Historique du dossier" }).click();
  await expect.poll(() => dialogs.length).toBe(2);
  await expect(page).toHaveURL(here);
  await expect(page.locator("#in-crp")).toHaveValue("145");

  // Accepting leaves.
  page.removeAllListeners("dialog");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("banner").getByRole("link", { name: "Accueil" }).click();
  await expect(page).not.toHaveURL(url);
});
