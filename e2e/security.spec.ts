// Issue 10, the attacks whose surface is the browser (tests/security/ replays
// the others against the databases): a coordinator's browser never receives a
// link that chooses someone's password; a link from another site to a print
// page records nothing; Origin: null on the JSON API is 403; the sign-in page
// never echoes an error text from its URL.
import Database from "better-sqlite3";
import { expect, test } from "./fixtures";
import { ACCOUNTS, createCase, signIn, snap } from "./support";

const TOKEN = /\/invite\/[A-Za-z0-9_-]{20,}/;
const dbFile = () => `data/e2e-${process.env.E2E_PORT ?? "3100"}.db`;

function printedCount(caseId: string): number {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "type" = 'case.printed' AND "caseId" = ?`)
        .get(caseId) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

test("a coordinator's browser never receives a link that chooses someone's password", async ({ page }) => {
  const received: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/text|json|javascript|x-component/.test(type)) received.push(await response.text().catch(() => ""));
  });
  await signIn(page, ACCOUNTS.coordinator);
  await page.goto("/admin/users");
  await page.getByLabel(/^E-mail/).fill("cible.securite@dm-sam.test");
  await page.getByLabel(/^Nom affiché/).fill("Dr Cible");
  await page.getByLabel(/^Rôle/).selectOption("CLINICIAN");
  await page.getByLabel(/^Centre/).selectOption("REI");
  await page.getByRole("button", { name: "Créer et inviter" }).click();
  await expect(page.getByTestId("user-created")).toContainText("cible.securite@dm-sam.test");
  // A password reset of an existing clinician: the notice names the address, not the link.
  await page
    .getByTestId(`user-${ACCOUNTS.clinicianPar}`)
    .getByRole("button", { name: /Réinitialiser le mot de passe/ })
    .click();
  await expect(page.getByTestId("user-notice")).toContainText(
    `Nouveau lien envoyé par courriel à ${ACCOUNTS.clinicianPar}`,
  );
  await page.goto("/admin/outbox");
  const mails = page.getByTestId("outbox-mail");
  await expect(mails.filter({ hasText: "cible.securite@dm-sam.test" })).toHaveCount(1);
  await expect(mails.first()).toContainText("[lien masqué · link hidden]");
  await snap(page, "security-outbox-fr");
  expect(received.length).toBeGreaterThan(3);
  for (const body of received) expect(body).not.toMatch(TOKEN);
});

test("a link from another site to a print page records nothing until the user asks", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  const caseUrl = await createCase(page, "QS", "04/05/1961");
  const caseId = new URL(caseUrl).pathname.split("/")[2]!;
  const target = new URL(`/cases/${caseId}/print?lang=fr`, caseUrl).toString();
  // The attacker's page, on another site, with a link to the victim's print page.
  await page.route("http://attacker.test/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>x</title><a id="go" href="${target}">voir</a>`,
    }),
  );
  const before = printedCount(caseId);
  await page.goto("http://attacker.test/");
  await page.click("#go");
  await expect(page.getByTestId("print-cross-site")).toBeVisible();
  expect(printedCount(caseId)).toBe(before);
  await snap(page, "security-print-cross-site-fr");
  // The user's own click, on this site, prints — and is recorded.
  await page.getByRole("link", { name: "Ouvrir le formulaire imprimable" }).click();
  await expect(page.getByTestId("print-cross-site")).toHaveCount(0);
  await expect.poll(() => printedCount(caseId)).toBe(before + 1);
});

test("Origin: null on the JSON API is refused with 403, not a server error", async ({ page }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  const response = await page.request.patch("/api/cases/any-case/draft", {
    headers: { origin: "null", "content-type": "application/json" },
    data: { fields: {} },
  });
  expect(response.status()).toBe(403);
});

test("the sign-in page never echoes an error text from its URL, and does not fail", async ({ page }) => {
  const response = await page.goto(
    "/login?error=SQLITE_CANTOPEN%3A%20unable%20to%20open%20database%20file%20%2Fsrv%2Fecrf.db",
  );
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("login-error")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page.locator("body")).not.toContainText("SQLITE");
  await page.goto("/login?error=UNAVAILABLE");
  await expect(page.getByTestId("login-error")).toContainText("momentanément impossible");
});
