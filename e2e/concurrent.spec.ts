import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import type { Browser, Dialog, Locator, Page, Request } from "@playwright/test";
import { ACCOUNTS, createCase, saveAfter, signIn, snap } from "./support";

// Two people of the same centre with the same draft open in two browsers: the
// clinician and the research assistant of Reims.

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** What the draft save sends (src/components/crf/outgoing-patch.ts), the parts checked here. */
type SentPatch = {
  fields: Record<string, unknown>;
  blocks: Record<string, { to: { id: string; values: Record<string, { v?: unknown }> }[] }>;
};
const set = (page: Page, id: string, value: string) => saveAfter(page, () => page.locator(`#in-${id}`).fill(value));

/** Both on the same new draft: the clinician creates it, the research assistant opens it. */
async function sameDraft(
  browser: Browser,
  initials: string,
  birthDate: string,
): Promise<{ clinician: Page; assistant: Page; url: string }> {
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

test("two people changing different fields of the same draft: both saved, each sees the other's value", async ({
  browser,
}) => {
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

test("two people changing the same field: the second sees both values side by side and chooses", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { clinician, assistant } = await sameDraft(browser, "CC", "1973-11-08");

  // Keep mine: the research assistant's value replaces the clinician's.
  await set(clinician, "ferritin", "2000");
  await set(assistant, "ferritin", "3000");
  const conflicts = assistant.getByTestId("conflicts");
  await expect(conflicts.getByTestId("conflicts-summary")).toHaveText(
    "Une autre personne a modifié le même champ que vous pendant votre saisie. Choisissez ci-dessous la version à garder.",
  );
  const conflict = conflicts.getByTestId("conflict-ferritin");
  await expect(conflict).toContainText("Ferritine (pic)");
  await expect(conflict.getByTestId("mine")).toHaveText("3000 µg/L");
  await expect(conflict.getByTestId("theirs")).toHaveText("2000 µg/L");
  await expect(assistant.locator("#in-ferritin")).toHaveValue("3000");
  await snap(assistant, "concurrent-conflict-fr", false);

  // Every save went through, but the choice is still open: leaving by a link asks, and dismissing keeps both sides.
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/);
  await conflicts.scrollIntoViewIfNeeded();
  await snap(assistant, "concurrent-conflict-banner-fr", false);
  const here = assistant.url();
  const asked: string[] = [];
  const dismiss = async (d: Dialog) => {
    asked.push(d.message());
    await d.dismiss();
  };
  assistant.on("dialog", dismiss);
  await assistant.getByRole("banner").getByRole("link", { name: "Accueil" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toBe(
    "Un choix reste à faire entre votre version et celle d’une autre personne : la vôtre n’est pas enregistrée. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu.",
  );
  await expect(assistant).toHaveURL(here);
  await expect(conflict.getByTestId("mine")).toHaveText("3000 µg/L");
  await expect(assistant.locator("#in-ferritin")).toHaveValue("3000");
  assistant.off("dialog", dismiss);
  await saveAfter(assistant, () => conflict.getByRole("button", { name: "Garder ma valeur" }).click());
  await expect(conflicts).toHaveCount(0);
  // Settled and saved: the same link now leaves without a question.
  assistant.on("dialog", dismiss);
  await assistant.getByRole("banner").getByRole("link", { name: "Accueil" }).click();
  await expect(assistant.getByTestId("home-centre")).toBeVisible();
  expect(asked).toHaveLength(1);
  assistant.off("dialog", dismiss);
  await assistant.goto(here);
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
  // Nothing is queued to be sent: the next change is saved on its own (a value kept for sending would
  // go with it, or before it), rather than waiting a fixed time for a save that must not come.
  await set(assistant, "crp", "12");
  expect(sent.map((r) => r.postDataJSON() as SentPatch).map((p) => [Object.keys(p.fields), p.blocks])).toEqual([
    [["crp"], {}],
  ]);
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/);
  for (const page of [await reloaded(clinician), await reloaded(assistant)]) {
    await expect(page.locator("#in-ferritin")).toHaveValue("4000");
  }
  await Promise.all([clinician, assistant].map((p) => p.context().close()));
});

// ------------------------------------------------------------ repeating blocks

const lines = (page: Page): Locator => page.locator("[data-block=treatment_lines]");
const rowsOf = (page: Page): Locator => lines(page).locator("fieldset.crf-row");
const inRow = (row: Locator, field: string): Locator =>
  row.locator(`[data-field$='.${field}'] :is(input, select)`).first();

/**
 * Runs `action` (the last change), then waits until a save carrying `value` in that row's field has
 * been answered, and the status says saved. "Saved" alone may be an earlier save's, still shown while
 * the last change waits out the autosave pause; the save that carries the last change carries every
 * earlier one too (a block is sent whole), so nothing is left after it.
 */
async function savedWithRowValue(
  page: Page,
  rowId: string,
  field: string,
  value: string,
  action: () => Promise<unknown>,
): Promise<void> {
  const carried = page.waitForResponse(
    (r) =>
      r.request().method() === "PATCH" &&
      r.url().includes("/draft") &&
      Object.values((r.request().postDataJSON() as SentPatch).blocks).some((block) =>
        block.to.some((row) => row.id === rowId && String(row.values[field]?.v) === value),
      ),
    { timeout: 15_000 },
  );
  await action();
  expect((await carried).status()).toBe(200);
  await expect(page.getByTestId("save-status")).toHaveText(/^(Enregistré à|Saved at)/, { timeout: 15_000 });
}

/** Adds a treatment line with a drug and a daily dose; returns the row by its stable id (its position may change when others' rows arrive). */
async function addLine(page: Page, drug: string, dose: string): Promise<Locator> {
  await lines(page)
    .getByRole("button", { name: /Ajouter : Ligne de traitement|Add: Treatment line/ })
    .click();
  const id = await rowsOf(page).last().getAttribute("data-row");
  const row = lines(page).locator(`fieldset[data-row="${id}"]`);
  await inRow(row, "drug").selectOption(drug);
  await inRow(row, "dose_unit").selectOption("mg_day");
  await savedWithRowValue(page, id!, "dose_value", dose, () => inRow(row, "dose_value").fill(dose));
  return row;
}

async function expectNoSeriousA11yIssue(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).include("[data-testid=conflicts]").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
}

test("two people adding and editing different rows of a block: both saved, each sees the other's rows", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { clinician, assistant } = await sameDraft(browser, "BR", "1966-02-14");

  // A row each, neither having seen the other's.
  const anakinra = await addLine(clinician, "anakinra", "200");
  const ruxolitinib = await addLine(assistant, "ruxolitinib", "20");
  // The research assistant's save brought back the clinician's row, first (it was stored first).
  await expect(rowsOf(assistant)).toHaveCount(2);
  await expect(assistant.getByTestId("conflicts")).toHaveCount(0);
  await expect(inRow(rowsOf(assistant).nth(0), "drug")).toHaveValue("anakinra");
  await expect(inRow(ruxolitinib, "dose_value")).toHaveValue("20");
  // The clinician sees the research assistant's row after their next save.
  await expect(rowsOf(clinician)).toHaveCount(1);
  await saveAfter(clinician, () => inRow(anakinra, "n_doses").fill("7"));
  await expect(rowsOf(clinician)).toHaveCount(2);
  await expect(inRow(rowsOf(clinician).nth(1), "drug")).toHaveValue("ruxolitinib");

  // Then, from the same rows: the clinician changes a dose, the research assistant another
  // field of the same row and the dose of the other row. Nothing conflicts.
  const assistantAnakinra = lines(assistant).locator(`fieldset[data-row="${await anakinra.getAttribute("data-row")}"]`);
  await saveAfter(clinician, () => inRow(anakinra, "dose_value").fill("300"));
  await assistantAnakinra.locator("[data-field$='.route']").getByLabel("SC").check();
  await savedWithRowValue(assistant, (await ruxolitinib.getAttribute("data-row"))!, "dose_value", "15", () =>
    inRow(ruxolitinib, "dose_value").fill("15"),
  );
  await expect(assistant.getByTestId("conflicts")).toHaveCount(0);
  await expect(inRow(assistantAnakinra, "dose_value")).toHaveValue("300");
  await expect(inRow(ruxolitinib, "dose_value")).toHaveValue("15");
  await snap(assistant, "concurrent-rows-merged-fr", false);
  await saveAfter(clinician, () => inRow(anakinra, "n_doses").fill("8"));
  await expect(inRow(rowsOf(clinician).nth(1), "dose_value")).toHaveValue("15");
  await expect(anakinra.locator("[data-field$='.route']").getByLabel("SC")).toBeChecked();

  for (const page of [await reloaded(assistant), await reloaded(clinician)]) {
    await expect(rowsOf(page)).toHaveCount(2);
    const [first, second] = [rowsOf(page).nth(0), rowsOf(page).nth(1)];
    await expect(inRow(first, "drug")).toHaveValue("anakinra");
    await expect(inRow(first, "dose_value")).toHaveValue("300");
    await expect(inRow(first, "n_doses")).toHaveValue("8");
    await expect(first.locator("[data-field$='.route']").getByLabel("SC")).toBeChecked();
    await expect(inRow(second, "drug")).toHaveValue("ruxolitinib");
    await expect(inRow(second, "dose_value")).toHaveValue("15");
  }
  await Promise.all([clinician, assistant].map((p) => p.context().close()));
});

test("two people changing the same field of the same row, or one deleting a row the other changes: both versions side by side, chosen with the keyboard", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { clinician, assistant } = await sameDraft(browser, "BS", "1971-09-23");
  const anakinra = await addLine(clinician, "anakinra", "200");
  const rowId = await anakinra.getAttribute("data-row");
  await reloaded(assistant);
  const mine = lines(assistant).locator(`fieldset[data-row="${rowId}"]`);
  await expect(inRow(mine, "dose_value")).toHaveValue("200");

  // The same dose changed by both: the research assistant's save comes second.
  await saveAfter(clinician, () => inRow(anakinra, "dose_value").fill("300"));
  await saveAfter(assistant, () => inRow(mine, "dose_value").fill("250"));
  const conflicts = assistant.getByTestId("conflicts");
  const conflict = conflicts.getByTestId(`conflict-treatment_lines.${rowId}.dose_value`);
  await expect(conflict).toContainText("Lignes de traitement du SAM › Ligne de traitement 1 (Anakinra) › Dose");
  await expect(conflict.getByTestId("mine")).toHaveText("250 mg/j");
  await expect(conflict.getByTestId("theirs")).toHaveText("300 mg/j");
  await expect(conflicts.getByTestId("conflicts-summary")).toHaveText(
    "Une autre personne a modifié le même champ que vous dans une ligne pendant votre saisie. Choisissez ci-dessous la version à garder.",
  );
  await expect(inRow(mine, "dose_value")).toHaveValue("250");
  await expect(mine.getByTestId("row-conflict")).toContainText("Modifié en même temps par une autre personne : Dose.");
  await expectNoSeriousA11yIssue(assistant);
  await snap(assistant, "concurrent-row-field-note-fr", false);
  await conflicts.scrollIntoViewIfNeeded();
  await snap(assistant, "concurrent-row-field-conflict-fr", false);

  // Another field of the same row is saved meanwhile; the dose in conflict is not sent over the clinician's.
  await saveAfter(assistant, () => inRow(mine, "n_doses").fill("3"));
  await expect(conflict).toBeVisible();
  await reloaded(clinician);
  await expect(inRow(anakinra, "dose_value")).toHaveValue("300");
  await expect(inRow(anakinra, "n_doses")).toHaveValue("3");

  // "Keep mine", from the keyboard: the row's note leads to the choice.
  await mine.getByTestId("row-conflict").getByRole("button", { name: "Voir les deux versions" }).click();
  const keepMine = conflict.getByRole("button", { name: "Garder ma valeur" });
  await expect(keepMine).toBeFocused();
  await saveAfter(assistant, () => assistant.keyboard.press("Enter"));
  await expect(conflicts).toHaveCount(0);
  await expect(mine.getByTestId("row-conflict")).toHaveCount(0);
  for (const page of [await reloaded(clinician), await reloaded(assistant)]) {
    await expect(inRow(lines(page).locator(`fieldset[data-row="${rowId}"]`), "dose_value")).toHaveValue("250");
  }

  // In English: the clinician changes the route while the research assistant deletes the row.
  await assistant.getByTestId("language-switch").click();
  await expect(lines(assistant).getByRole("heading", { name: "MAS treatment lines" })).toBeVisible();
  try {
    await saveAfter(clinician, () => anakinra.locator("[data-field$='.route']").getByLabel("IV").check());
    await saveAfter(assistant, () => mine.getByRole("button", { name: /^Remove Treatment line 1/ }).click());
    const rowConflict = conflicts.getByTestId(`conflict-treatment_lines.${rowId}`);
    await expect(rowConflict).toContainText("You deleted this row while the other person was changing it.");
    // The banner speaks of a row, not of "the same field".
    await expect(conflicts.getByTestId("conflicts-summary")).toHaveText(
      "You deleted a row while someone else was changing it. Choose below the version to keep.",
    );
    const route = rowConflict.locator("tr[data-field=route]");
    await expect(route.getByRole("rowheader")).toHaveText("Route");
    await expect(route.getByTestId("mine")).toHaveText("row deleted");
    await expect(route.getByTestId("theirs")).toHaveText("IV");
    await expect(rowConflict.locator("tr[data-field=dose_value] [data-testid=theirs]")).toHaveText("250");
    await expect(rowConflict.getByRole("button", { name: "Delete the row" })).toBeVisible();
    await expect(lines(assistant).getByTestId("deleted-row-conflict")).toContainText(
      "You deleted this row while the other person was changing it.",
    );
    await expectNoSeriousA11yIssue(assistant);
    await snap(assistant, "concurrent-row-deleted-note-en", false);
    await conflicts.scrollIntoViewIfNeeded();
    await snap(assistant, "concurrent-row-deleted-conflict-en", false);

    // "Keep theirs" with the keyboard: the row comes back as the clinician left it, and nothing is sent.
    const sent: Request[] = [];
    assistant.on("request", (r) => {
      if (r.method() === "PATCH" && r.url().includes("/draft")) sent.push(r);
    });
    await rowConflict.getByRole("button", { name: "Keep theirs" }).focus();
    await assistant.keyboard.press("Enter");
    await expect(conflicts).toHaveCount(0);
    await expect(mine.locator("[data-field$='.route']").getByLabel("IV")).toBeChecked();
    await expect(inRow(mine, "drug")).toBeFocused();
    // Nothing is queued to be sent: the next change (outside the rows) is saved on its own.
    await set(assistant, "crp", "12");
    expect(sent.map((r) => r.postDataJSON() as SentPatch).map((p) => [Object.keys(p.fields), p.blocks])).toEqual([
      [["crp"], {}],
    ]);
    for (const page of [await reloaded(clinician), await reloaded(assistant)]) {
      const row = lines(page).locator(`fieldset[data-row="${rowId}"]`);
      await expect(row.locator("[data-field$='.route']").getByLabel("IV")).toBeChecked();
      await expect(inRow(row, "dose_value")).toHaveValue("250");
    }
  } finally {
    // The language is kept on the account: back to French for the other journeys.
    await assistant.getByTestId("language-switch").click();
    await expect(lines(assistant).getByRole("heading", { name: "Lignes de traitement du SAM" })).toBeVisible();
  }
  await Promise.all([clinician, assistant].map((p) => p.context().close()));
});
