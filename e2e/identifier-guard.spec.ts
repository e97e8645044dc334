// Issue 11 §1 in the browser: an identifier typed in lower case in "Commentaires libres" is
// refused with every kind named, highlighted, and replaced by neutral tokens in one click;
// what is saved (and read back after a reload) is the tokenised text.
import { expect, test } from "./fixtures";
import { ACCOUNTS, createCase, saveAfter, signIn } from "./support";

test("identifiers in free text are all named, highlighted and replaced by neutral tokens before saving", async ({
  page,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  await createCase(page, "GD", "1968-03-14");
  const comments = page.locator("#in-comments");
  await comments.fill(
    "mme dupont jeanne, 55 ans, 12 rue de la paix 51100 reims, tél 06 12 34 56 78, jeanne.dupont@free.fr",
  );
  await comments.blur();

  // The field's error names every kind, not only the first.
  const error = page.locator("#in-comments-err");
  for (const kind of ["nom", "âge", "adresse", "téléphone", "e-mail"]) await expect(error).toContainText(kind);

  // The findings: each kind, each passage highlighted, a replace button per passage.
  const findings = page.getByTestId("identifier-findings");
  await expect(findings).toContainText("5 types d’identifiants trouvés");
  const marks = page.getByTestId("identifier-findings-text").locator("mark");
  await expect(marks).toHaveText([
    "dupont jeanne",
    "55 ans",
    "12 rue de la paix 51100 reims",
    "06 12 34 56 78",
    "jeanne.dupont@free.fr",
  ]);
  await expect(marks.first()).toHaveAttribute("data-kind", "name");
  await findings.scrollIntoViewIfNeeded();
  await page.locator("#field-comments").screenshot({ path: "e2e/.output/identifier-guard-findings.png" });

  // Once the name is gone, the age next to it is no longer an identifier (the case holds the birth date).
  await findings.getByRole("button", { name: "Remplacer « dupont jeanne » (nom) par [nom]" }).click();
  await expect(comments).toHaveValue(
    "mme [nom], 55 ans, 12 rue de la paix 51100 reims, tél 06 12 34 56 78, jeanne.dupont@free.fr",
  );
  await expect(marks).toHaveText(["12 rue de la paix 51100 reims", "06 12 34 56 78", "jeanne.dupont@free.fr"]);

  await saveAfter(page, () => findings.getByRole("button", { name: "Tout remplacer" }).click());
  const tokenised = "mme [nom], 55 ans, [adresse], tél [téléphone], [e-mail]";
  await expect(comments).toHaveValue(tokenised);
  await expect(findings).toHaveCount(0);
  await expect(error).toHaveCount(0);

  await page.reload();
  await expect(page.locator("#in-comments")).toHaveValue(tokenised);
});
