import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { ACCOUNTS, createCase, saveAfter, signIn, snap } from "./support";

// Two people of the same centre with the same draft open in two browsers: the
// clinician and the research assistant of Reims.

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

const set = (page: Page, id: string, value: string) => saveAfter(page, () => page.locator(`#in-${id}`).fill(value));

/** Both on the same new draft: the clinician creates it, the research assistant opens it. */
async function sameDraft(browser: Browser, initials: string, birthDate: string): Promise<{ clinician: Page; assistant: Page; url: string }> {
  const clinician = await signedInPage(browser, ACCOUNTS.clinicianRei);
  const url = await createCase(clinician, initials, birthDate);
  const assistant = await signedInPage(browser, ACCOUNTS.assistantRei);
  await assistant.goto(url);
  await expect(assistant.getByTestId("case-page")).toBeVisible();
  return { clinician, assistant, url };
}

async function reloaded(page: Page): Promise<Page> {
  await page.reload();
  await expect(page.getByTestId("case-page")).toBeVisible();
  return page;
}

test("two people changing different fields of the same draft: both saved, each sees the other's value", async ({ browser }) => {
  test.setTimeout(90_000);
  const { clinician, assistant } = await sameDraft(browser, "CD", "1969-05-30");

  await set(clinician, "weight_kg", "70");
  await set(assistant, "ferritin", "1200");
  // The research assistant's save brought back the clinician's weight, without a conflict.
  await expect(assistant.locator("#in-weight_kg")).toHaveValue("70");
  await expect(assistant.getByTestId("conflicts")).toHaveCount(0);
  await expect(assistant.locator("#in-ferritin")).toHaveValue("1200");

  // The clinician's next save brings back the research assistant's ferritin.
  await expect(clinician.locator("#in-ferritin")).toHaveValue("");
  await set(clinician, "height_cm", "170");
  await expect(clinician.locator("#in-ferritin")).toHaveValue("1200");
  await expect(clinician.getByTestId("conflicts")).toHaveCount(0);
  await expect(clinician.locator("#in-weight_kg")).toHaveValue("70");
  await snap(clinician, "concurrent-different-fields-fr", false);

  // What is stored: everything from both.
  for (const page of [await reloaded(assistant), await reloaded(clinician)]) {
    await expect(page.locator("#in-weight_kg")).toHaveValue("70");
    await expect(page.locator("#in-height_cm")).toHaveValue("170");
    await expect(page.locator("#in-ferritin")).toHaveValue("1200");
  }
  await Promise.all([clinician, assistant].map((p) => p.context().close()));
});

test("two people changing the same field: the second sees both values side by side and chooses", async ({ browser }) => {
  test.setTimeout(90_000);
  const { clinician, assistant } = await sameDraft(browser, "CC", "1973-11-08");

  // Keep mine: the research assistant's value replaces the clinician's.
  await set(clinician, "ferritin", "2000");
  await set(assistant, "ferritin", "3000");
  const conflicts = assistant.getByTestId("conflicts");
  await expect(conflicts).toContainText("Une autre personne a modifié le même champ pendant votre saisie : choisissez la valeur à garder.");
  const conflict = conflicts.getByTestId("conflict-ferritin");
  await expect(conflict).toContainText("Ferritine (pic)");
  await expect(conflict.getByTestId("mine")).toHaveText("3000 µg/L");
  await expect(conflict.getByTestId("theirs")).toHaveText("2000 µg/L");
  await expect(assistant.locator("#in-ferritin")).toHaveValue("3000");
  await snap(assistant, "concurrent-conflict-fr", false);
  await saveAfter(assistant, () => conflict.getByRole("button", { name: "Garder ma valeur" }).click());
  await expect(conflicts).toHaveCount(0);
  for (const page of [await reloaded(assistant), await reloaded(clinician)]) {
    await expect(page.locator("#in-ferritin")).toHaveValue("3000");
  }

  // Keep theirs: the form takes the clinician's value and nothing is sent over it.
  await set(clinician, "ferritin", "4000");
  await set(assistant, "ferritin", "5000");
  await expect(conflict.getByTestId("mine")).toHaveText("5000 µg/L");
  await expect(conflict.getByTestId("theirs")).toHaveText("4000 µg/L");
  const sent: Request[] = [];
  assistant.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().includes("/draft")) sent.push(r);
  });
  await conflict.getByRole("button", { name: "Garder la sienne" }).click();
  await expect(conflicts).toHaveCount(0);
  await expect(assistant.locator("#in-ferritin")).toHaveValue("4000");
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/);
  await snap(assistant, "concurrent-kept-theirs-fr", false);
  // Longer than the autosave pause (800 ms): a save would have started by now.
  await assistant.waitForTimeout(1_500);
  expect(sent).toHaveLength(0);
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/);
  for (const page of [await reloaded(clinician), await reloaded(assistant)]) {
    await expect(page.locator("#in-ferritin")).toHaveValue("4000");
  }
  await Promise.all([clinician, assistant].map((p) => p.context().close()));
});
