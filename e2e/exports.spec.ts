import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { ACCOUNTS, createCase, signIn, snap } from "./support";

// The coordinator's exports page: every format downloads and parses; other roles are refused.

const csv = (bytes: Buffer) =>
  parseCsv(bytes.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];

/** Names of the entries of a ZIP file (central directory). */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const n = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + zip.readUInt32LE(p + 20));
    out.set(zip.toString("utf8", p + 46, p + 46 + n), zip.readUInt16LE(p + 10) === 8 ? inflateRawSync(data) : data);
    p += 46 + n + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = await file.path();
  const bytes = readFileSync(path);
  expect(bytes.length, testId).toBeGreaterThan(0);
  return { name: file.suggestedFilename(), bytes };
}

test("the coordinator downloads every export format; other roles are refused", async ({ page, browser, baseURL }) => {
  // A case to export, entered by a clinician of Reims, who may not export it.
  await signIn(page, ACCOUNTS.clinicianRei);
  await createCase(page, "XP", "1971-03-12");
  const refused = await page.request.get(`${baseURL}/api/exports/cases-csv`);
  expect(refused.status()).toBe(403);
  expect((await page.request.get(`${baseURL}/api/exports/package-zip`)).status()).toBe(403);
  expect((await page.goto("/exports"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Introuvable");

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${baseURL}/api/exports/cases-csv`)).status()).toBe(401);
  await anonymous.close();

  const context = await browser.newContext({ acceptDownloads: true });
  const coord = await context.newPage();
  await signIn(coord, ACCOUNTS.coordinator);
  await coord.getByRole("link", { name: "Exports" }).click();
  await expect(coord.getByTestId("exports-page")).toBeVisible();
  await expect(coord.getByTestId("export-count")).toContainText(/dossiers? correspond/);
  await snap(coord, "exports");

  const cases = await download(coord, "download-cases-csv");
  expect(cases.name).toMatch(/^dm-sam_cases_.*\.csv$/);
  expect([...cases.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = csv(cases.bytes);
  const xp = rows.find((r) => r.initials === "XP")!;
  expect(xp).toMatchObject({ centre_code: "REI", birth_date: "1971-03-12", status: "DRAFT", elig_dm: "yes" });

  for (const block of ["dm_treatments_before_sam", "infections", "treatment_lines", "sam_relapses"]) {
    const file = await download(coord, `download-block-csv-${block}`);
    expect(file.name).toContain(block);
    const header = (parseCsv(file.bytes.toString("utf8"), { bom: true, to_line: 1 }) as string[][])[0]!;
    expect(header.slice(0, 3)).toEqual(["record_id", "row_number", "row_id"]);
  }

  const xlsx = await download(coord, "download-xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    "cases",
    "dm_treatments_before_sam",
    "infections",
    "treatment_lines",
    "sam_relapses",
    "columns",
    "dictionary",
  ]);
  expect(wb.getWorksheet("cases")!.actualRowCount).toBe(rows.length + 1);

  const odm = await download(coord, "download-odm-xml");
  const xml = odm.bytes.toString("utf8");
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).toContain('ODMVersion="1.3.2"');
  expect(xml).toContain(`SubjectKey="${xp.record_id}"`);

  const redcap = await download(coord, "download-redcap-dictionary");
  const dictionary = parseCsv(redcap.bytes.toString("utf8"), { bom: true }) as string[][];
  expect(dictionary[0]).toHaveLength(18);
  expect(dictionary[1]![0]).toBe("record_id");

  // REDCap import data: the dictionary's variables, one row per case (then one per block row).
  const redcapData = await download(coord, "download-redcap-data");
  expect(redcapData.name).toMatch(/^dm-sam_redcap-data_.*\.csv$/);
  const imported = csv(redcapData.bytes);
  expect(Object.keys(imported[0]!).slice(0, 3)).toEqual([
    "record_id",
    "redcap_repeat_instrument",
    "redcap_repeat_instance",
  ]);
  const variables = new Set(dictionary.slice(1).map((r) => r[0]));
  for (const h of Object.keys(imported[0]!).slice(3))
    expect(variables.has(h.replace(/___[a-z0-9_]+$/, "")), h).toBe(true);
  expect(imported.find((r) => r.record_id === xp.record_id && r.redcap_repeat_instrument === "")).toMatchObject({
    initials: "XP",
    birth_date: "1971-03-12",
    elig_dm: "yes",
  });

  const zip = await download(coord, "download-package-zip");
  const entries = zipEntries(zip.bytes);
  expect([...entries.keys()]).toEqual(
    expect.arrayContaining([
      "README.txt",
      "cases.csv",
      "treatment_lines.csv",
      "data-dictionary.csv",
      "redcap-data-dictionary.csv",
      "redcap-import.csv",
      "queries.csv",
      "audit-trail.csv",
    ]),
  );
  const trail = csv(entries.get("audit-trail.csv")!);
  expect(trail.some((e) => e.record_id === xp.record_id && e.type === "case.created")).toBe(true);

  // Filters: Reims drafts only, age instead of birth date; the links carry them.
  await coord.getByLabel("Centre").selectOption("REI");
  await coord.getByRole("group", { name: "Statut des dossiers" }).getByLabel("Brouillon").check();
  await coord.getByLabel(/Remplacer la date de naissance/).check();
  await coord.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(coord.getByTestId("download-cases-csv")).toHaveAttribute(
    "href",
    "/api/exports/cases-csv?centre=REI&status=DRAFT&ageInsteadOfBirthDate=1",
  );
  const filtered = csv((await download(coord, "download-cases-csv")).bytes);
  expect(filtered.length).toBeGreaterThan(0);
  expect(filtered.every((r) => r.centre_code === "REI" && r.status === "DRAFT")).toBe(true);
  expect(Object.keys(filtered[0]!)).not.toContain("birth_date");
  expect(filtered.find((r) => r.initials === "XP")!.age_at_sam).toBe("44");
  await context.close();
});
