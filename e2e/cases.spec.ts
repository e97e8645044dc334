import { expect, test } from "./fixtures";
import { DEMO_PASSWORD } from "../scripts/demo-data";
import { todayIso } from "@/domain/dates";
import { addDays } from "@/domain/study-calendar";
import { ACCOUNTS, completeWithNk, createCase, fillEligibility, saveAfter, signIn, snap } from "./support";

test("a clinician creates a case; bad and duplicate keys get clear messages, nothing typed is lost", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.getByRole("link", { name: "Nouveau cas" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouveau cas");
  await expect(page.getByLabel("Code centre")).toHaveValue("REI");

  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("Dupont");
  await page.getByLabel("Date de naissance").fill("1961-04-12");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.locator("#initials-error")).toContainText("6 lettres saisies, il en faut exactement deux");
  await expect(page.getByLabel("Date de naissance")).toHaveValue("1961-04-12");
  await snap(page, "new-case-bad-initials-fr");

  await page.getByLabel(/^Initiales/).fill("é m");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas EM · 1961-04-12 · REI");
  await expect(page.locator(".case-head").getByText("Brouillon")).toBeVisible();

  // The same key again: a friendly refusal, the values still in the form.
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("EM");
  await page.getByLabel("Date de naissance").fill("1961-04-12");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByRole("alert").first()).toContainText(
    "Un dossier avec ces identifiants (EM, 12/04/1961) existe déjà dans votre centre (REI).",
  );
  await expect(page.getByLabel(/^Initiales/)).toHaveValue("EM");
  await snap(page, "new-case-duplicate-fr");
});

test("new case: a corrected field clears its message as it is typed, and one click then creates the case", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/cases/new");
  await fillEligibility(page);
  const initials = page.getByLabel(/^Initiales/);
  const create = page.getByRole("button", { name: "Créer le cas" });
  await initials.fill("Durand");
  await page.getByLabel("Date de naissance").fill("03/02/1962");
  await create.click();
  await expect(page.locator("#initials-error")).toContainText("6 lettres saisies, il en faut exactement deux");
  await expect(page.locator(".form-errors")).toContainText("6 lettres saisies");
  await snap(page, "new-case-failed-submit-fr");

  // Typing good initials: the message (and its line in the summary) goes at once, the field still focused.
  await initials.fill("RV");
  await expect(initials).toBeFocused();
  await expect(page.locator("#initials-error")).toHaveCount(0);
  await expect(page.locator(".form-errors")).toHaveCount(0);
  await expect(initials).toHaveAttribute("aria-invalid", "false");
  await snap(page, "new-case-corrected-fr");

  // One press on the button, held long enough for anything its blur would re-render: the layout
  // must not move under the pointer, so the press still ends on the button and creates the case.
  await create.scrollIntoViewIfNeeded();
  const box = (await create.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Held until the press's effects are on screen: the blur has left the field, and two frames
  // (every re-render the blur caused is committed and laid out) — rather than a fixed pause.
  await expect(initials).not.toBeFocused();
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  expect(await create.boundingBox()).toEqual(box);
  await page.mouse.up();
  await expect(page.getByTestId("case-page")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cas RV · 1962-02-03 · REI");

  // In English, before any submit: a field left with a wrong value says so; correcting it clears the message as it is typed.
  await page.goto("/cases/new");
  await page.getByTestId("language-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New case");
  try {
    const enInitials = page.getByLabel(/^Initials/);
    await enInitials.fill("Smith");
    await enInitials.press("Tab");
    await expect(page.locator("#initials-error")).toHaveText(
      "Initials: 5 letters entered, exactly two are needed (first letter of surname + first letter of first name). Never enter the full name.",
    );
    await snap(page, "new-case-bad-initials-en");
    await enInitials.fill("SM");
    await expect(enInitials).toBeFocused();
    await expect(page.locator("#initials-error")).toHaveCount(0);
    await snap(page, "new-case-corrected-en");
  } finally {
    await page.getByTestId("language-switch").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouveau cas");
  }
});

test("a case of another centre is 'not found', exactly like a missing one", async ({ page, browser }) => {
  await signIn(page, ACCOUNTS.assistantRei);
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("LB");
  await page.getByLabel("Date de naissance").fill("1975-09-30");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  const caseUrl = page.url();

  const other = await browser.newContext();
  const paris = await other.newPage();
  await signIn(paris, ACCOUNTS.clinicianPar);
  const response = await paris.goto(caseUrl);
  expect(response?.status()).toBe(404);
  await expect(paris.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
  const missing = await paris.goto("/cases/does-not-exist");
  expect(missing?.status()).toBe(404);
  // Every page under a case answers the same for another centre.
  expect((await paris.goto(`${caseUrl}/history`))?.status()).toBe(404);
  expect((await paris.goto("/cases/does-not-exist/history"))?.status()).toBe(404);
  await other.close();

  const coord = await browser.newContext();
  const coordPage = await coord.newPage();
  await signIn(coordPage, ACCOUNTS.coordinator);
  await coordPage.goto(caseUrl);
  await expect(coordPage.getByTestId("case-page")).toBeVisible();
  // Coordinators review; they do not enter cases.
  const newCase = await coordPage.goto("/cases/new");
  expect(newCase?.status()).toBe(404);
  await coord.close();
});

// Study closing, as the centres see it. The calendar is closed only for this
// journey and put back as it was at the end, whatever happens, so that the
// journeys that follow on this server are not affected.
test("after the study's closing: no 'new case' button nor header link, /cases/new says so, and only the field under an open query can be corrected", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const pageAs = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    return page;
  };
  // A submitted case with an open query on the ferritin, made while the study is open.
  const assistant = await pageAs(ACCOUNTS.assistantRei);
  const caseUrl = await createCase(assistant, "CL", "1956-03-04");
  await completeWithNk(assistant);
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });
  const clinician = await pageAs(ACCOUNTS.clinicianRei);
  await clinician.goto(caseUrl);
  await clinician
    .getByTestId("workflow-actions")
    .getByRole("button", { name: "Signer et soumettre", exact: true })
    .click();
  await clinician.locator("form.sign-form").getByRole("checkbox").check();
  await clinician.locator("#sign-password").fill(DEMO_PASSWORD);
  await clinician.locator("form.sign-form").getByRole("button", { name: "Signer et soumettre", exact: true }).click();
  await expect(clinician.locator(".case-head .badge")).toHaveText("Soumis");
  const coordinator = await pageAs(ACCOUNTS.coordinator);
  await coordinator.goto(caseUrl);
  await coordinator.locator("#raise-field").selectOption({ label: "Ferritine (pic)" });
  await coordinator.locator("#raise-message").fill("Merci de vérifier la ferritine.");
  await coordinator.getByRole("button", { name: "Ouvrir la query" }).click();
  await expect(coordinator.locator(".case-head .badge")).toHaveText("En query");

  // The calendar as it is now, to put it back afterwards.
  await coordinator.goto("/admin/study");
  const fields = ["#openingDate", "#closingDate", "#reminderDate", "#graceDays"] as const;
  // The form fills its inputs when it hydrates (the grace period always has a value): read them after.
  await expect(coordinator.locator("#graceDays")).not.toHaveValue("");
  const before = await Promise.all(fields.map((id) => coordinator.locator(id).inputValue()));
  const saveCalendar = async (values: readonly string[]) => {
    await coordinator.goto("/admin/study");
    await expect(coordinator.locator("#graceDays")).not.toHaveValue("");
    for (const [i, id] of fields.entries()) await coordinator.locator(id).fill(values[i]!);
    await coordinator.getByRole("button", { name: "Enregistrer le calendrier" }).click();
    await expect(coordinator.getByText("Calendrier enregistré.")).toBeVisible();
  };
  const today = todayIso();
  const closing = addDays(today, -2);
  try {
    // Closed two days ago with one day of grace: the grace period ended yesterday.
    await saveCalendar([addDays(today, -200), closing, addDays(today, -100), "1"]);

    await clinician.goto("/");
    await expect(clinician.getByTestId("study-calendar")).toHaveAttribute("data-phase", "closed");
    await expect(clinician.getByTestId("home-centre").getByRole("link", { name: "Nouveau cas" })).toHaveCount(0);
    // The header says the same as the home page: no "Nouveau cas" link, on any page, for either centre role.
    const newCaseLink = (page: typeof clinician, name = "Nouveau cas") =>
      page.getByRole("banner").getByRole("link", { name });
    await expect(clinician.getByRole("banner").getByRole("link", { name: "Accueil" })).toBeVisible();
    await expect(newCaseLink(clinician)).toHaveCount(0);
    await assistant.goto(caseUrl);
    await expect(newCaseLink(assistant)).toHaveCount(0);
    await snap(clinician, "closed-home-fr", false);
    await clinician.goto("/cases/new");
    await expect(newCaseLink(clinician)).toHaveCount(0);
    await expect(clinician.getByTestId("new-case-closed")).toContainText(
      `Le recueil de l’étude est clos (clôture le ${closing}, délai de grâce jusqu’au ${addDays(closing, 1)})`,
    );
    await expect(clinician.getByLabel(/^Initiales/)).toHaveCount(0);
    await snap(clinician, "closed-new-case-fr", false);

    // The queried case: the notice says what is still possible; another field is refused next to it, the queried one is saved.
    await clinician.goto(caseUrl);
    await expect(clinician.getByTestId("only-queried-fields")).toContainText(
      "seuls les champs visés par une query ouverte",
    );
    // Every field was marked "not known" (NK): taking the code off the CRP is a change of the CRP.
    const code = (id: string) => clinician.locator(`#field-${id} .crf-codes button[aria-pressed="true"]`);
    await clinician.locator("#change-reason").fill("Réponse à la query");
    await code("crp").click();
    await expect(clinician.locator("#field-crp")).toContainText(
      // Dates in French sentences are written jj/mm/aaaa.
      `le recueil est clos (le ${closing.split("-").reverse().join("/")}). Seuls les champs visés par une query ouverte peuvent encore être modifiés.`,
      { timeout: 15_000 },
    );
    await snap(clinician, "closed-field-refused-fr", false);
    await clinician.reload();
    await clinician.locator("#change-reason").fill("Réponse à la query");
    await saveAfter(clinician, () => code("ferritin").click());
    await saveAfter(clinician, async () => {
      await clinician.locator("#in-ferritin").fill("2500");
      await clinician.locator("#in-ferritin").blur();
    });
    await clinician.reload();
    await expect(clinician.locator("#in-ferritin")).toHaveValue("2500");
    // The CRP kept its code: the refused change was not written.
    await expect(code("crp")).toHaveCount(1);

    // In English too.
    await clinician.getByTestId("language-switch").click();
    await expect(clinician.getByTestId("only-queried-fields")).toContainText(
      "only the fields an open query points at can still be corrected",
    );
    await snap(clinician, "closed-case-en", false);
    await clinician.goto("/cases/new");
    await expect(clinician.getByTestId("new-case-closed")).toContainText(
      `Data collection for the study is closed (closing date ${closing}, grace period until ${addDays(closing, 1)})`,
    );
    await expect(clinician.getByRole("banner").getByRole("link", { name: "Home" })).toBeVisible();
    await expect(newCaseLink(clinician, "New case")).toHaveCount(0);
    await snap(clinician, "closed-new-case-en", false);
    await clinician.getByTestId("language-switch").click();
    await expect(clinician.getByTestId("language-switch")).toHaveText("English");
  } finally {
    await saveCalendar(before);
  }
  await clinician.goto("/");
  await expect(clinician.getByTestId("home-centre").getByRole("link", { name: "Nouveau cas" })).toBeVisible();
  await expect(clinician.getByRole("banner").getByRole("link", { name: "Nouveau cas" })).toBeVisible();
  await Promise.all([assistant, clinician, coordinator].map((p) => p.context().close()));
});
