import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "@playwright/test";
import { createDb, type Db } from "@/server/db/create-db";
import { DEMO_PASSWORD } from "../scripts/demo-data";
import { expect, test } from "./fixtures";
import { ACCOUNTS, completeWithNk, createCase, signIn, snap } from "./support";

// A query round trip across two browsers (ADR 0016): the coordinator raises a
// query, the clinician is notified (the mail is read from the outbox table of
// the journey's database: the outbox page hides links) and answers from the
// home page, the coordinator is notified in turn and closes the query. The
// mails say what and where with a link, never the question or a value.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = process.env.E2E_PORT ?? "3100";
const QUESTION = "Ferritine à 250 000 µg/L : merci de vérifier l'unité";
const ANSWER = "Vérifié sur le compte rendu : valeur exacte.";

let db: Db;
test.beforeAll(() => {
  db = createDb(`file:${resolve(ROOT, `data/e2e-${PORT}.db`)}`).db;
});
test.afterAll(async () => {
  await db.$disconnect();
});

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  // The shared helper answers the coordinator's second factor on an unused time step (ADR 0012).
  await signIn(page, email);
  return page;
}

/** The notification mails sent to `to` about the case, newest first. */
const mailsTo = (to: string, caseId: string) =>
  db.outboxMail.findMany({
    where: { to, kind: "notification", body: { contains: `/cases/${caseId}` } },
    orderBy: { createdAt: "desc" },
  });

test("coordinator raises a query → the clinician is mailed and answers from the home page → the coordinator is mailed and closes it", async ({
  browser,
}) => {
  test.setTimeout(120_000);

  // The clinician creates, completes and signs a case with an unusual ferritin.
  const clinician = await signedInPage(browser, ACCOUNTS.clinicianRei);
  const caseUrl = await createCase(clinician, "NQ", "1957-03-09");
  const caseId = caseUrl.split("/cases/")[1] ?? "";
  await clinician.locator("#in-ferritin").fill("250000");
  await clinician.locator("#in-ferritin").blur();
  await clinician.locator("#field-ferritin").getByLabel("Valeur vérifiée").check();
  await completeWithNk(clinician);
  await expect(clinician.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });
  await clinician
    .getByTestId("workflow-actions")
    .getByRole("button", { name: "Signer et soumettre", exact: true })
    .click();
  await clinician.locator("form.sign-form").getByRole("checkbox").check();
  await clinician.locator("#sign-password").fill(DEMO_PASSWORD);
  await clinician.locator("form.sign-form").getByRole("button", { name: "Signer et soumettre", exact: true }).click();
  await expect(clinician.locator(".case-head .badge")).toHaveText("Soumis");

  // The coordinator sees it awaiting validation on the home page, and raises a query on the ferritin.
  const coordinator = await signedInPage(browser, ACCOUNTS.coordinator);
  await expect(coordinator.getByTestId("home-awaiting-validation")).toContainText("NQ · 1957-03-09 · REI");
  await coordinator.goto(caseUrl);
  await coordinator.locator("#raise-field").selectOption({ label: "Ferritine (pic)" });
  await coordinator.locator("#raise-message").fill(QUESTION);
  await coordinator.getByRole("button", { name: "Ouvrir la query" }).click();
  await expect(coordinator.locator(".case-head .badge")).toHaveText("En query");

  // The including clinician and the centre's research assistant are mailed: what and where, never the question.
  const [raised] = await mailsTo(ACCOUNTS.clinicianRei, caseId);
  expect(raised?.subject).toBe("DM-SAM eCRF — nouvelle query sur le dossier NQ · 1957-03-09 · REI");
  expect(raised?.body).toContain(
    "Une query a été ouverte sur le dossier NQ · 1957-03-09 · REI, champ « Ferritine (pic) »",
  );
  expect(raised?.body).toContain(`http://127.0.0.1:${PORT}/cases/${caseId}#field-ferritin`);
  expect(raised?.body).not.toContain("250");
  expect(await mailsTo(ACCOUNTS.assistantRei, caseId)).toHaveLength(1);
  expect(await mailsTo(ACCOUNTS.clinicianPar, caseId)).toHaveLength(0);

  // The clinician follows the home page's list of queries to answer, to the field, and answers.
  await clinician.goto("/");
  const todo = clinician.getByTestId("home-open-queries");
  await expect(todo).toContainText("NQ · 1957-03-09 · REI — Ferritine (pic)");
  await snap(clinician, "collab-1-centre-home-fr");
  await todo.getByRole("link", { name: /NQ · 1957-03-09 · REI/ }).click();
  await expect(clinician).toHaveURL(`${caseUrl}#field-ferritin`);
  const query = clinician.getByTestId("query");
  await query.getByLabel("Votre réponse").fill(ANSWER);
  await query.getByRole("button", { name: "Répondre" }).click();
  await expect(query).toContainText("répondue");

  // The coordinators are mailed about the answer (not its text); the clinician's notifications page lists the query.
  const [answered] = await mailsTo(ACCOUNTS.coordinator, caseId);
  expect(answered?.subject).toBe("DM-SAM eCRF — réponse à une query sur le dossier NQ · 1957-03-09 · REI");
  expect(answered?.body).not.toContain("compte rendu");
  await clinician.goto("/notifications");
  await expect(clinician.getByTestId("my-notifications")).toContainText("Nouvelle query");
  await expect(clinician.getByTestId("my-notifications")).toContainText("NQ · 1957-03-09 · REI");
  await snap(clinician, "collab-2-notifications-fr");

  // The coordinator's home counts the answered query for REI; the coordinator closes it.
  await coordinator.goto("/");
  await expect(coordinator.getByTestId("query-stats-REI")).toBeVisible();
  await snap(coordinator, "collab-3-coordinator-home-fr");
  await coordinator.goto(caseUrl);
  const coordQuery = coordinator.getByTestId("query");
  await expect(coordQuery).toContainText(ANSWER);
  await coordQuery.getByRole("button", { name: "Fermer la query" }).click();
  await expect(coordQuery).toContainText("fermée");
  await expect(coordinator.locator(".case-head .badge")).toHaveText("Soumis");
  // Exactly one mail per event and recipient.
  expect(await mailsTo(ACCOUNTS.clinicianRei, caseId)).toHaveLength(1);
  expect(await mailsTo(ACCOUNTS.coordinator, caseId)).toHaveLength(1);
});

test("a research assistant notes where a value comes from and asks the coordinating centre a question; the coordinator is mailed and answers", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const assistant = await signedInPage(browser, ACCOUNTS.assistantRei);
  const caseUrl = await createCase(assistant, "NV", "1962-11-21");
  const caseId = caseUrl.split("/cases/")[1] ?? "";

  // A note on a field: shown at once to everyone who reads the case; an identifier in it is refused, named.
  const notes = assistant.getByTestId("notes-panel");
  await notes.getByLabel("Champ ou ligne").selectOption({ label: "CRP" });
  await notes.getByLabel("Note", { exact: true }).fill("Appeler le 06 12 34 56 78");
  await notes.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(notes.getByRole("alert")).toContainText("téléphone");
  await notes.getByLabel("Note", { exact: true }).fill("Valeur du compte rendu du 05/06");
  await notes.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(notes.getByTestId("notes")).toContainText("CRP : Valeur du compte rendu du 05/06");

  // A question to the coordinating centre about the whole case.
  const questions = assistant.getByTestId("questions-panel");
  await questions.getByLabel("Votre question").fill("Faut-il saisir la CRP la plus haute de l'épisode ?");
  await questions.getByRole("button", { name: "Poser la question" }).click();
  await expect(questions.getByTestId("question")).toContainText("en attente de la coordination");
  await snap(assistant, "collab-4-note-and-question-fr");
  const [asked] = await db.outboxMail.findMany({
    where: { to: ACCOUNTS.coordinator, kind: "notification", body: { contains: `/cases/${caseId}` } },
  });
  expect(asked?.subject).toBe("DM-SAM eCRF — question d’un centre sur le dossier NV · 1962-11-21 · REI");
  expect(asked?.body).not.toContain("plus haute");

  // The coordinator reads the note and answers the question; the assistant is mailed.
  const coordinator = await signedInPage(browser, ACCOUNTS.coordinator);
  await coordinator.goto(caseUrl);
  await expect(coordinator.getByTestId("notes")).toContainText("Valeur du compte rendu du 05/06");
  await expect(coordinator.getByTestId("notes-panel").getByRole("button", { name: "Ajouter la note" })).toHaveCount(0);
  const thread = coordinator.getByTestId("question");
  await thread.getByLabel("Réponse de la coordination").fill("Oui, la plus haute pendant l'épisode de SAM.");
  await thread.getByRole("button", { name: "Répondre" }).click();
  await expect(thread).toContainText("répondue");
  const [answered] = await mailsTo(ACCOUNTS.assistantRei, caseId);
  expect(answered?.subject).toBe("DM-SAM eCRF — réponse de la coordination sur le dossier NV · 1962-11-21 · REI");
});
