// Pre-fill from a document (issue 13): a clinician pastes a discharge summary, the browser analyses it,
// accepts every proposal, resolves a conflict with a typed value, and the values are saved like typed
// ones. No request made while the panel is used carries any part of the text, and nothing of it stays
// in the browser's storage. The panel's code is fetched only when it is opened.
import { readFileSync } from "node:fs";
import { ACCOUNTS, createCase, saveAfter, signIn } from "./support";
import { expect, test } from "./fixtures";

const SUMMARY = readFileSync("tests/corpus/prefill/01-crh-classique.txt", "utf8");

/** Every 16-character stretch of the text (words, not just spaces or digits), for searching requests. */
function chunks(text: string): string[] {
  const flat = text.replace(/\s+/g, " ");
  const out: string[] = [];
  for (let i = 0; i + 16 <= flat.length; i += 4) {
    const c = flat.slice(i, i + 16);
    if (/[a-zà-ÿ]{4}/i.test(c)) out.push(c);
  }
  return out;
}

test("a discharge summary pre-fills the case in the browser, and its text never leaves it", async ({ page }) => {
  const sent: string[] = [];
  const scripts: string[] = [];
  const bodies: Promise<string>[] = [];
  page.on("request", (r) => {
    sent.push(`${r.method()} ${decodeURIComponent(r.url())}\n${r.postData() ?? ""}\n${JSON.stringify(r.headers())}`);
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  page.on("response", (r) => {
    if (r.request().resourceType() === "script") bodies.push(r.text().catch(() => ""));
  });
  // A word only the extractor's lexicons contain: which scripts carry the extractor.
  const carriesExtractor = async (from: number) =>
    (await Promise.all(bodies.slice(from))).some((b) => b.includes("hypertriglyceridemi"));

  await signIn(page, ACCOUNTS.clinicianRei);
  await createCase(page, "PF", "01/02/1964", "14/03/2018");
  // A value typed before: the proposal (61 kg) must not overwrite it silently.
  await saveAfter(page, () => page.locator("#in-weight_kg").fill("70"));

  const scriptsBefore = scripts.length;
  const bodiesBefore = bodies.length;
  expect(await carriesExtractor(0), "the form page does not load the extractor").toBe(false);
  let actions = 0;
  await page.getByTestId("prefill-open").click();
  actions++;
  await expect(page.getByTestId("prefill-text")).toBeVisible();
  expect(scripts.length, "the panel and the extractor are fetched when the panel opens").toBeGreaterThan(scriptsBefore);
  await expect.poll(() => carriesExtractor(bodiesBefore)).toBe(true);

  await page.getByTestId("prefill-text").fill(SUMMARY); // one paste
  actions++;
  await page.getByTestId("prefill-analyse").click();
  actions++;
  await expect(page.getByTestId("prefill-summary")).toContainText(/propositions/);

  await saveAfter(page, () => page.getByTestId("prefill-accept-all").click());
  actions++;
  // The typed weight is shown against the proposal; the user chooses the proposal.
  const weight = page.getByTestId("prefill-item-f:weight_kg");
  await expect(weight).toHaveAttribute("data-status", "conflict");
  await expect(weight).toContainText("70");
  await expect(weight).toContainText("61");
  await saveAfter(page, () => weight.getByRole("button", { name: "Remplacer par la proposition" }).click());
  actions++;

  // Evidence: clicking a proposal highlights its words in the text.
  await page.getByTestId("prefill-item-f:ferritin").getByRole("button", { name: "Voir dans le texte" }).click();
  await expect(page.getByTestId("prefill-evidence").locator("mark")).toHaveText("ferritine 24 500 µg/L");
  await page.getByTestId("prefill-panel").screenshot({ path: "e2e/.output/prefill-panel.png" });

  const accepted = await page
    .locator('[data-testid^="prefill-item-"][data-status="accepted"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.replace("prefill-item-", "")));
  await page.getByTestId("prefill-close").click();
  actions++;
  await expect(page.getByTestId("prefill-panel")).toHaveCount(0);

  // The values are in the form, as if typed, and saved.
  await expect(page.locator("#in-weight_kg")).toHaveValue("61");
  await expect(page.locator("#in-ferritin")).toHaveValue("24500");
  await expect(page.locator("#in-triglycerides")).toHaveValue("2,1");
  await expect(page.locator("#field-splenomegaly").getByLabel("Oui", { exact: true })).toBeChecked();
  await expect(page.locator("#field-hepatomegaly").getByLabel("Non", { exact: true })).toBeChecked();
  await expect(page.locator('[data-block="treatment_lines"] .crf-row')).toHaveCount(2);

  // Manual entry of the same values: one click per choice, two per menu, a click plus each character per typed
  // value, a click per new row — counted on the form for the fields the panel filled.
  const manual = await page.evaluate((keys) => {
    const cost = (root: Element) => {
      let n = root.querySelectorAll(".crf-options input:checked").length;
      for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input[type=text], select")) {
        if (el.value) n += el instanceof HTMLSelectElement ? 2 : 1 + el.value.length;
      }
      return n;
    };
    let n = 0;
    for (const key of keys) {
      const [kind, id] = key.split(":");
      if (kind === "f") n += cost(document.getElementById(`field-${id}`)!);
    }
    for (const row of document.querySelectorAll(".crf-row")) n += 1 + cost(row);
    return n;
  }, accepted);
  const saved = 1 - actions / manual;
  console.log(
    `prefill: ${accepted.length} proposals accepted in ${actions} actions; manual entry ${manual} actions; ${(saved * 100).toFixed(0)} % fewer`,
  );
  expect(saved).toBeGreaterThanOrEqual(0.6);

  // Nothing of the text left the browser or stayed in it.
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  for (const c of chunks(SUMMARY)) {
    expect(
      sent.find((s) => s.includes(c)),
      `a request carried "${c}"`,
    ).toBeUndefined();
    expect(storage.includes(c), `storage kept "${c}"`).toBe(false);
  }
});
