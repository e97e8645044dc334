import { expect, test } from "./fixtures";
import { ACCOUNTS, signIn, snap } from "./support";

// Bulk import: a clinician checks a file in the export's wide format (nothing saved), sees per row and field
// what would be created and refused, then imports the valid row as a draft of their centre.

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
