import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./fixtures";
import { ACCOUNTS, fillEligibility, signIn } from "./support";

// The scripts API end to end (ADR 0020, docs/api.md): a token created on the page, the documentation's
// Python and R examples run against this server, the same figures as the API's own answers, then the
// token revoked on the page and refused at once.
const run = promisify(execFile);
const NAME = "Parcours e2e API";

type Page = { total: number; pages: number; data: Record<string, unknown>[]; columns: string[] };

async function rPackageMissing(): Promise<string | null> {
  try {
    await run("Rscript", [
      "-e",
      'for (p in c("httr2", "jsonlite")) if (!requireNamespace(p, quietly = TRUE)) quit(status = 3)',
    ]);
    return null;
  } catch {
    return "Rscript with httr2 and jsonlite is not installed (Debian: apt install r-cran-httr2 r-cran-jsonlite): the R example was not run";
  }
}

test("a token from the page reads the API from Python and R, and stops when revoked", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The description is public and valid JSON of the 3.1 kind.
  const described = await request.get("/api/v1/openapi.json");
  expect(described.status()).toBe(200);
  expect((await described.json()).openapi).toBe("3.1.0");

  // A case of this journey's own, so that the figures compared below are not all zero.
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("TK");
  await page.getByLabel("Date de naissance").fill("1961-02-03");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  await page.getByRole("button", { name: /Se déconnecter/ }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, ACCOUNTS.coordinator);
  // The signed-in session is no key to the API: only a bearer token is.
  const withCookie = await page.request.get("/api/v1/dictionary");
  expect(withCookie.status()).toBe(401);
  expect(withCookie.headers()["www-authenticate"]).toBe('Bearer realm="dm-sam"');
  await page.goto("/account/tokens");
  const form = page.getByTestId("new-token-form");
  // Refused without a scope, with the rule named.
  await form.getByLabel("Nom").fill(NAME);
  await form.getByRole("button", { name: "Créer le jeton" }).click();
  await expect(form.getByRole("alert")).toContainText("Droits : cochez-en au moins un.");
  for (const scope of ["dictionary:read", "cases:read", "queries:read", "imports:write"])
    await form.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await form.getByRole("button", { name: "Créer le jeton" }).click();
  const secret = ((await page.getByTestId("token-secret").textContent()) ?? "").trim();
  expect(secret).toMatch(/^dmsam_[A-Za-z0-9_-]{43}$/);
  const row = page.getByTestId("token-row").filter({ hasText: NAME });
  await expect(row).toContainText(`dmsam_${secret.slice(6, 12)}…`);
  await expect(row.getByTestId("token-state")).toHaveText("actif");
  // The secret is shown once: not on the page any more after a reload.
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  // What the API itself answers, to compare the scripts' output with.
  const headers = { Authorization: `Bearer ${secret}` };
  const get = async (path: string): Promise<Page> => {
    const res = await request.get(path, { headers });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    return (await res.json()) as Page;
  };
  const cases = await get("/api/v1/cases?pageSize=500&ageInsteadOfBirthDate=1");
  expect(cases.data.map((c) => c.initials)).toContain("TK");
  expect(cases.columns).toContain("age_at_sam");
  expect(cases.columns).not.toContain("birth_date");
  const infections = await get("/api/v1/cases/blocks/infections?pageSize=500");
  const queries = await get("/api/v1/queries?status=OPEN&pageSize=500");
  const dictionary = (await get("/api/v1/dictionary")) as unknown as { data: unknown[] };
  expect(cases.pages).toBe(1);
  const expected = [
    `dictionary: ${dictionary.data.length} variables`,
    `cases: ${cases.total}`,
    `columns: ${cases.columns.length}`,
    `infections: ${infections.data.length} rows`,
  ];

  // Refusals a script meets: wrong page size (named, in the caller's language), token in the address.
  const bad = await request.get("/api/v1/cases?pageSize=0", { headers: { ...headers, "Accept-Language": "en" } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ code: "invalid_parameter", field: "pageSize" });

  const env = { ...process.env, DMSAM_URL: baseURL!, DMSAM_TOKEN: secret, NO_PROXY: "*", no_proxy: "*" };
  const python = await run("python3", ["docs/api-examples/cases.py"], { env, timeout: 60_000 });
  expect(python.stdout.trim().split("\n")).toEqual([...expected, `open queries: ${queries.total}`]);

  const missing = await rPackageMissing();
  if (missing) test.info().annotations.push({ type: "skipped", description: missing });
  else {
    const r = await run("Rscript", ["docs/api-examples/cases.R"], { env, timeout: 90_000 });
    expect(r.stdout.trim().split("\n")).toEqual(expected);
  }

  // The import through the real route: a dry run (nothing written) reports the row; another type is 415.
  const csv = "record_id,initials,birth_date\r\nx1,QQ,1962-05-06\r\n";
  const dry = await request.post("/api/v1/imports?centre=REI", {
    headers: { ...headers, "Content-Type": "text/csv", "Accept-Language": "en" },
    data: csv,
  });
  expect(dry.status()).toBe(200);
  expect(await dry.json()).toMatchObject({ applied: false, centre: "REI", summary: { rows: 1 }, created: [] });
  const json = await request.post("/api/v1/imports?centre=REI", {
    headers: { ...headers, "Content-Type": "application/json" },
    data: csv,
  });
  expect(json.status()).toBe(415);
  expect((await get("/api/v1/cases?pageSize=500")).total).toBe(cases.total);

  // Revoked on the page: refused at once.
  await row.getByRole("button", { name: `Révoquer le jeton « ${NAME} »` }).click();
  await expect(row.getByTestId("token-state")).toHaveText("révoqué");
  const after = await request.get("/api/v1/dictionary", { headers });
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toContain('error="invalid_token"');
  expect(((await after.json()) as { detail: string }).detail).toBe("Jeton inconnu, expiré ou révoqué.");
  // A token sent in the address is refused there (and would be revoked at once: tests/integration/token-api.test.ts).
  const inUrl = await request.get(`/api/v1/cases?access_token=${secret}`);
  expect(inUrl.status()).toBe(400);
  expect(((await inUrl.json()) as { code: string }).code).toBe("token_in_url");
});
