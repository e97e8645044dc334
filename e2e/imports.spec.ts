import yazl from "yazl";
import { expect, test } from "./fixtures";
import { ACCOUNTS, signIn, snap } from "./support";

// Bulk import: a clinician checks a file in the export's wide format (nothing saved), sees per row and field
// what would be created and refused, then imports the valid row as a draft of their centre.

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const CSV = [
  "record_id,initials,birth_date,elig_dm,elig_sam,sam_date,elig_france,sex,ferritin_ug_l,ferritin__missing,comments",
  "src-1,IQ,1968-05-04,yes,yes,2015-06-01,yes,F,,NK,- J1 : fièvre",
  "src-2,I7,1969-01-01,yes,yes,2015-06-01,yes,x,abc,,",
  "",
].join("\r\n");

test("a clinician checks a file, sees what would be refused, then imports the valid case as a draft", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/imports");
  await expect(page.getByTestId("imports-page")).toBeVisible();
  await page
    .getByLabel("Fichiers")
    .setInputFiles({ name: "cases.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${CSV}`, "utf8") });
  await page.getByRole("button", { name: "Vérifier (rien n’est enregistré)" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("1 ligne valide, 1 refusée.");
  await expect(page.getByTestId("import-row-1")).toContainText("sera créé");
  const refused = page.getByTestId("import-row-2");
  await expect(refused).toContainText("refusé");
  await expect(refused).toContainText("« x » n’est pas un code de ce champ");
  await expect(refused).toContainText("« abc » n’est pas un nombre");
  await snap(page, "import-check");

  // Nothing was saved by the check: the case list does not have IQ yet.
  const before = await page.request.get("/");
  expect(await before.text()).not.toContain("IQ · 1968-05-04");

  await page.getByRole("button", { name: "Importer 1 dossier valide" }).click();
  await expect(page.getByTestId("import-done")).toHaveText("1 dossier créé en brouillon.");
  await page.goto("/");
  await expect(page.getByText("IQ · 1968-05-04 · REI").first()).toBeVisible();
});

/** A workbook of zeros that inflates to 65 MB: past the 64 MB budget, yet a small upload. */
async function zipBomb(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.alloc(65 * 1024 * 1024), "xl/worksheets/sheet1.xml");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test("a workbook that would inflate past 64 MB is refused by name, in French and in English", async ({
  page,
  context,
  baseURL,
}) => {
  const bomb = await zipBomb();
  expect(bomb.length).toBeLessThan(1024 * 1024);
  await signIn(page, ACCOUNTS.clinicianRei);
  for (const [locale, check, message] of [
    ["fr", "Vérifier (rien n’est enregistré)", "une fois décompressé, le classeur dépasse 64 Mo"],
    ["en", "Check (nothing is saved)", "uncompressed, the workbook exceeds 64 MB"],
  ] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.goto("/imports");
    const files = page.locator('input[type="file"]');
    await files.setInputFiles({ name: "gros.xlsx", mimeType: XLSX, buffer: bomb });
    await page.getByRole("button", { name: check }).click();
    await expect(page.getByRole("alert").filter({ hasText: message })).toContainText("gros.xlsx");
    await expect(page.getByTestId("import-report")).toHaveCount(0);
    await snap(page, `import-zip-bomb-${locale}`);
  }
});
