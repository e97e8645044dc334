import { expect, test } from "./fixtures";
import type { APIResponse, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../scripts/demo-data";
import { ACCOUNTS, completeWithNk, createCase, signIn, snap } from "./support";

// Access over HTTP, route by route: another centre's case is "not found" on
// every case-scoped page and API route, exactly like an id that exists
// nowhere; coordinator routes refuse centre users as the app does; and a
// research assistant who sends the sign action itself (not through a button
// they do not have) is refused by the server.

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const RANDOM_ID = "cm0000000000000000000none";

/** What a person reads on an HTML page: the text outside scripts, styles and tags. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every case-scoped route, as the browser or the form would call it. */
function caseRoutes(page: Page, baseURL: string, id: string): { name: string; call: () => Promise<APIResponse> }[] {
  const json = { "content-type": "application/json", origin: baseURL };
  return [
    { name: "case page", call: () => page.request.get(`/cases/${id}`) },
    { name: "history", call: () => page.request.get(`/cases/${id}/history`) },
    { name: "print (FR)", call: () => page.request.get(`/cases/${id}/print?lang=fr`) },
    { name: "print (EN)", call: () => page.request.get(`/cases/${id}/print?lang=en`) },
    {
      name: "draft save",
      call: () =>
        page.request.patch(`/api/cases/${id}/draft`, {
          headers: json,
          data: JSON.stringify({ baseVersion: 1, fields: { crp: { from: null, to: { v: 5 } } } }),
        }),
    },
    {
      name: "identifier blocked",
      call: () =>
        page.request.post(`/api/cases/${id}/identifier-blocked`, {
          headers: json,
          data: JSON.stringify({ path: "comments", kinds: ["email"] }),
        }),
    },
  ];
}

test("a clinician of PAR gets 404 on every route of a REI case, exactly as for an id that does not exist", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const assistant = await pageAs(browser, ACCOUNTS.assistantRei);
  const reiCase = (await createCase(assistant, "XA", "1957-05-06")).split("/").pop()!;

  const paris = await pageAs(browser, ACCOUNTS.clinicianPar);
  const foreign = caseRoutes(paris, baseURL!, reiCase);
  const missing = caseRoutes(paris, baseURL!, RANDOM_ID);
  for (const [i, route] of foreign.entries()) {
    const [a, b] = [await route.call(), await missing[i]!.call()];
    expect(a.status(), `${route.name} of another centre's case`).toBe(404);
    expect(b.status(), `${route.name} of a missing case`).toBe(404);
    // Nothing tells the two apart: the same JSON refusal, or the same "not found" page (its per-request nonces aside).
    const [ta, tb] = [await a.text(), await b.text()];
    if ((a.headers()["content-type"] ?? "").includes("json")) expect(ta, route.name).toBe(tb);
    else
      expect(visibleText(ta.replaceAll(reiCase, "<id>")), route.name).toBe(
        visibleText(tb.replaceAll(RANDOM_ID, "<id>")),
      );
    expect(ta, route.name).not.toContain("XA · 1957-05-06");
  }
  // The 404 page in the browser: "Introuvable", nothing of the case.
  const page = await paris.goto(`/cases/${reiCase}/print?lang=fr`);
  expect(page?.status()).toBe(404);
  await expect(paris.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
  await expect(paris.locator("body")).not.toContainText("XA · 1957-05-06");

  // The case itself is untouched, and its owner still sees it (nor was a print of it recorded).
  const own = caseRoutes(assistant, baseURL!, reiCase);
  expect((await own[0]!.call()).status()).toBe(200);
  await assistant.goto(`/cases/${reiCase}/history`);
  await expect(assistant.getByTestId("history").locator('tr[data-type="case.field_changed"]')).toHaveCount(0);
  await expect(assistant.getByTestId("history").locator('tr[data-type="case.printed"]')).toHaveCount(0);
  await expect(assistant.getByTestId("history").locator('tr[data-type="case.identifier_blocked"]')).toHaveCount(0);
  await Promise.all([assistant, paris].map((p) => p.context().close()));
});

test("coordinator routes refuse a clinician and a research assistant: pages 404 as a missing page, the export API 403 for every format", async ({
  browser,
  baseURL,
}) => {
  const clinician = await pageAs(browser, ACCOUNTS.clinicianRei);
  const assistant = await pageAs(browser, ACCOUNTS.assistantRei);
  // What the browser shows (the "not found" page may come streamed after the shell, so not in the raw HTML).
  const shown = async (page: Page, path: string) => {
    const response = await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
    return { status: response?.status(), title: await page.title(), main: await page.locator("main").innerText() };
  };
  for (const page of [clinician, assistant]) {
    const missing = await shown(page, "/no-such-page");
    expect(missing.main).toContain("Introuvable");
    for (const path of [
      "/exports",
      "/exports?centre=REI&status=DRAFT",
      "/dashboard",
      "/admin/users",
      "/admin/centres",
      "/admin/outbox",
      "/admin/study",
    ]) {
      // The same "not found" page as for a page that does not exist: nothing tells that one is there.
      expect(await shown(page, path), path).toEqual({ ...missing, status: 404 });
    }
    expect((await page.request.get("/exports")).status()).toBe(404);
  }
  // Nothing to download, no header link.
  await clinician.goto("/exports");
  await expect(clinician.locator('a[href^="/api/exports/"]')).toHaveCount(0);
  await expect(clinician.getByRole("banner").getByRole("link", { name: "Exports" })).toHaveCount(0);
  await assistant.context().close();
  for (const format of [
    "cases-csv",
    "block-csv",
    "xlsx",
    "package-zip",
    "odm-xml",
    "redcap-dictionary",
    "redcap-data",
    "no-such-format",
  ]) {
    const response = await clinician.request.get(`/api/exports/${format}`, {
      headers: { origin: baseURL!, "sec-fetch-site": "same-origin" },
    });
    expect(response.status(), format).toBe(403);
    expect(await response.json()).toEqual({ fieldErrors: { _form: [{ key: "generic.forbidden" }] } });
  }
  await clinician.context().close();
});

test("a research assistant sending the sign action itself is refused by the server: the case stays an unsigned draft", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // The sign action as the browser sends it, recorded from a clinician's attempt (a wrong password, so nothing is signed).
  const clinician = await pageAs(browser, ACCOUNTS.clinicianRei);
  const probeUrl = await createCase(clinician, "XS", "1958-06-07");
  const sent = clinician.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await clinician
    .getByTestId("workflow-actions")
    .getByRole("button", { name: "Signer et soumettre", exact: true })
    .click();
  await clinician.locator("form.sign-form").getByRole("checkbox").check();
  await clinician.locator("#sign-password").fill("not-the-password-2026");
  await clinician.locator("form.sign-form").getByRole("button", { name: "Signer et soumettre", exact: true }).click();
  const request = await sent;
  await expect(clinician.getByTestId("sign-problems")).toContainText("Mot de passe incorrect");
  const actionId = request.headers()["next-action"]!;
  const probeId = probeUrl.split("/").pop()!;
  expect(request.postData()).toContain(probeId);

  // The research assistant's own complete case: no sign button for them.
  const assistant = await pageAs(browser, ACCOUNTS.assistantRei);
  const caseUrl = await createCase(assistant, "XR", "1959-07-08");
  await completeWithNk(assistant);
  await expect(assistant.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });
  await expect(assistant.getByTestId("workflow-actions").getByRole("button")).toHaveCount(0);
  const caseId = caseUrl.split("/").pop()!;

  // The same action, with the assistant's session, their case and the right password of their own account.
  const body = request.postData()!.replace(probeId, caseId).replace("not-the-password-2026", DEMO_PASSWORD);
  const response = await assistant.request.post(caseUrl, {
    headers: {
      "next-action": actionId,
      "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseURL!,
    },
    data: body,
  });
  expect(response.status()).toBe(200);
  const answer = await response.text();
  expect(answer).toContain('"ok":false');
  expect(answer).toContain("generic.forbidden");

  await assistant.reload();
  await expect(assistant.locator(".case-head .badge")).toHaveText("Brouillon");
  await expect(assistant.getByTestId("signature")).toHaveText("Non signé");
  await assistant.goto(`${caseUrl}/history`);
  await expect(assistant.getByTestId("history").locator('tr[data-type="case.signed"]')).toHaveCount(0);
  await Promise.all([assistant, clinician].map((p) => p.context().close()));
});

test("printing a filled case is recorded in its history; opening the case page is not", async ({ browser }) => {
  const assistant = await pageAs(browser, ACCOUNTS.assistantRei);
  const caseUrl = await createCase(assistant, "XV", "1960-08-09");
  const printed = () => assistant.getByTestId("history").locator('tr[data-type="case.printed"]');
  await assistant.goto(caseUrl);
  await assistant.goto(`${caseUrl}/history`);
  await expect(printed()).toHaveCount(0);
  await assistant.goto(`${caseUrl}/print?lang=en`);
  await expect(assistant.locator(".print-page")).toBeVisible();
  await assistant.goto(`${caseUrl}/history`);
  await expect(printed()).toHaveCount(1);
  await expect(printed()).toContainText("Impression");
  await expect(printed()).toContainText("EN");
  await expect(printed()).toContainText("Attaché de recherche clinique");
  await expect(assistant.getByTestId("history").locator(".badge")).toHaveText("Brouillon");
  await snap(assistant, "history-printed-fr", false);
  await assistant.getByTestId("language-switch").click();
  await expect(printed()).toContainText("Printed");
  await expect(assistant.getByTestId("history").locator(".badge")).toHaveText("Draft");
  await snap(assistant, "history-printed-en", false);
  await assistant.getByTestId("language-switch").click();
  await expect(assistant.getByTestId("language-switch")).toHaveText("English");
  await assistant.context().close();
});
