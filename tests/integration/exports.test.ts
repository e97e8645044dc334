import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { DICTIONARY_COLUMNS, dictionaryRows } from "@/domain/crf/data-dictionary";
import { BLOCKS, CRF, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { isBlock, type FieldDef } from "@/domain/crf/types";
import { blockColumns, caseColumns, mayHoldCode, valueColumnName } from "@/domain/export/columns";
import { missingColumnName } from "@/domain/export/names";
import { parisTime } from "@/domain/export/time";
import { DEFAULT_OPTIONS, EXPORT_FORMATS, type ExportFormat, type ExportOptions } from "@/domain/export/options";
import { REDCAP_COLUMNS, redcapDictionaryRows } from "@/domain/export/redcap";
import { CODEBOOK_COLUMNS, codebookRows } from "@/domain/export/rows";
import { createCase } from "@/server/cases.server";
import { saveDraft } from "@/server/case-answers.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { streamExport } from "@/server/exports/index.server";
import { raiseQuery } from "@/server/case-queries.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import {
  COMPUTED_FROM_JSON,
  expectedCells,
  expectedXlsx,
  sheetTable,
  storedComputed,
  unzip,
  type XlsxValue,
} from "../unit/export/expected";
import { arr, odmProblems, parseOdm, type OdmNode } from "../unit/export/odm-rules";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

type Row = Record<string, string>;

const FREE_TEXT = 'Patiente « X », 2 lignes\nsuite ; "dite" Zoé, œdème';
// Free text of a block row: CRLF, semicolons, quotes, commas; and one that a spreadsheet would run as a formula.
const BLOCK_TEXT = 'Hypokaliémie, « modérée » ; "K+ 2,9"\r\nCorrigée; à J3';
const FORMULA_TEXT = '-1+HYPERLINK("http://x.test"; "perte"), « notable »';
// Ordinary text that starts with a dash: exact in every file, never guarded.
const DASH_TEXT = "- J1 : fièvre à 39 °C ; -2 kg";
const QUERY_TEXT = "Ferritine à vérifier ?\nValeur « 1 200 » à contrôler.";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

const csvRows = (text: string): Row[] => parseCsv(text, { bom: true, columns: true, relax_quotes: false }) as Row[];
const csvHeader = (text: string): string[] => (parseCsv(text, { bom: true, to_line: 1 }) as string[][])[0]!;

function expectFieldsMatch(row: Row, field: FieldDef, a: FieldAnswer | undefined, where: string): void {
  const { value, code } = expectedCells(field, a);
  const cell = row[valueColumnName(field)];
  if (typeof a?.v === "number" && !a.code) expect(Number(cell), where).toBeCloseTo(a.v, 10);
  else expect(cell, where).toBe(value);
  if (mayHoldCode(field)) expect(row[missingColumnName(field)], where).toBe(code);
}

describeEachDatabase("exports", (ctx) => {
  let clinRei: Actor, raRei: Actor, clinPar: Actor, coord: Actor;
  let full: string, draft: string, submitted: string;

  async function addCase(
    actor: Actor,
    initials: string,
    birthDate: string,
    answers: CaseAnswers | null,
    status: string,
  ): Promise<string> {
    const { id } = await createCase(ctx.db, actor, { initials, birthDate, centreCode: actor.centreCode, ...ELIGIBLE });
    if (answers)
      await ctx.db.case.update({
        where: { id },
        data: { answers: answers as object, computed: computeResults(answers, birthDate) as object },
      });
    await ctx.db.case.update({ where: { id }, data: { status: status as "DRAFT" } });
    return id;
  }

  const run = async (actor: Actor, format: ExportFormat, options: Partial<ExportOptions> = {}) => {
    const file = await streamExport(ctx.db, actor, format, options);
    return { ...file, bytes: await bytesOf(file.stream) };
  };
  const text = async (format: ExportFormat, options: Partial<ExportOptions> = {}) =>
    (await run(coord, format, options)).bytes.toString("utf8");

  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    clinRei = await addUser(ctx.db, { email: "clin.rei@x.test", role: "CLINICIAN", centreCode: "REI" });
    raRei = await addUser(ctx.db, { email: "ra.rei@x.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    clinPar = await addUser(ctx.db, { email: "clin.par@x.test", role: "CLINICIAN", centreCode: "PAR" });
    coord = await addUser(ctx.db, { email: "coord@x.test", role: "COORDINATOR" });

    const base = sampleRecord(2);
    const answers: CaseAnswers = {
      fields: {
        ...base.fields,
        comments: { v: FREE_TEXT },
        department: { v: "other" },
        department_other: { v: DASH_TEXT },
        ferritin: { code: "NK" },
        sam_resolution_date: { code: "ND" },
        haemophagocytosis_site: { v: ["liver", "bone_marrow"] },
        triglycerides: { v: 2.5, unit: "mmol_l" },
      },
      blocks: {
        ...base.blocks,
        treatment_lines: base.blocks.treatment_lines!.map((r, i) =>
          i === 0
            ? { ...r, values: { ...r.values, adverse_event: { v: BLOCK_TEXT }, n_doses: { code: "NK" } } }
            : { ...r, values: { ...r.values, adverse_event: { v: FORMULA_TEXT } } },
        ),
      },
    };
    full = await addCase(clinRei, "ZE", "1962-04-18", answers, "VALIDATED");
    draft = await addCase(clinPar, "PD", "1975-11-30", null, "DRAFT");
    submitted = await addCase(clinRei, "MB", "1980-02-29", sampleRecord(3, 1), "SUBMITTED");
    // Audit events with old and new values, and a query with its messages.
    await saveDraft(ctx.db, clinPar, draft, {
      baseVersion: 1,
      fields: { ferritin: { from: null, to: { v: 1200, unit: "ug_l" } } },
    });
    await raiseQuery(ctx.db, coord, submitted, { fieldPath: "ferritin", message: QUERY_TEXT });
  });

  it("refuses every format to clinicians and research assistants, and writes nothing", async () => {
    const before = await ctx.db.auditEvent.count();
    for (const actor of [clinRei, raRei, clinPar]) {
      for (const format of EXPORT_FORMATS)
        expect(await errorOf(() => streamExport(ctx.db, actor, format, { block: "infections" }))).toBeInstanceOf(
          ForbiddenError,
        );
      expect(await errorOf(() => streamExport(ctx.db, actor, "nonsense"))).toBeInstanceOf(ForbiddenError);
    }
    expect(await errorOf(() => streamExport(ctx.db, coord, "nonsense"))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => streamExport(ctx.db, coord, "block-csv", {}))).toBeInstanceOf(InputError);
    expect(await errorOf(() => streamExport(ctx.db, coord, "cases-csv", { centres: ["XYZ"] }))).toBeInstanceOf(
      InputError,
    );
    expect(
      await errorOf(() => streamExport(ctx.db, coord, "cases-csv", new URLSearchParams("status=DONE"))),
    ).toBeInstanceOf(InputError);
    expect(await ctx.db.auditEvent.count()).toBe(before);
  });

  it("writes one audited event per export, with format, number of cases and options", async () => {
    const before = await ctx.db.auditEvent.findFirst({ orderBy: { seq: "desc" } });
    const file = await streamExport(ctx.db, coord, "cases-csv", {
      centres: ["REI"],
      statuses: ["VALIDATED"],
      ageInsteadOfBirthDate: true,
    });
    await bytesOf(file.stream);
    const events = await ctx.db.auditEvent.findMany({ where: { seq: { gt: before!.seq } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "export.run", actorId: coord.id, actorRole: "COORDINATOR", caseId: null });
    expect(JSON.parse(events[0]!.data!)).toEqual({
      format: "cases-csv",
      cases: 1,
      options: { centres: ["REI"], statuses: ["VALIDATED"], ageInsteadOfBirthDate: true },
    });
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });

  it("exports one row per case and one column per field, equal to the database, accents and line breaks intact", async () => {
    const file = await run(coord, "cases-csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.filename).toMatch(/^dm-sam_cases_\d{8}-\d{4}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = file.bytes.toString("utf8");
    expect(csvHeader(csv)).toEqual(caseColumns(DEFAULT_OPTIONS).map((c) => c.name));
    const rows = csvRows(csv);
    const cases = await ctx.db.case.findMany({ include: { centre: true } });
    expect(rows.map((r) => r.record_id).sort()).toEqual(cases.map((c) => c.id).sort());
    // Ordered by centre.
    expect(rows.map((r) => r.centre_code)).toEqual([...rows.map((r) => r.centre_code)].sort());
    for (const c of cases) {
      const row = rows.find((r) => r.record_id === c.id)!;
      expect(row).toMatchObject({
        centre_code: c.centre.code,
        initials: c.initials,
        birth_date: c.birthDate,
        status: c.status,
      });
      const answers = asCaseAnswers(c.answers);
      for (const f of TOP_LEVEL_FIELDS) expectFieldsMatch(row, f, answers.fields[f.id], `${c.initials}.${f.id}`);
      const computed = computeResults(answers, c.birthDate);
      expect(row.age_at_sam).toBe(String(computed.age_at_sam));
      expect(row.hscore_min).toBe(String(computed.hscore.total.min));
      expect(row.hscore_max).toBe(String(computed.hscore.total.max));
      expect(row.hlh_2004_met).toBe(String(computed.hlh_2004.metCount));
      expect(row.hscore_probability_max_pct).toBe(String(computed.hscore.probability.max.percent));
    }
    const zoe = rows.find((r) => r.record_id === full)!;
    expect(zoe.comments).toBe(FREE_TEXT);
    expect(zoe.department_other).toBe(DASH_TEXT);
    expect(zoe.ferritin_ug_l).toBe("");
    expect(zoe.ferritin__missing).toBe("NK");
    expect(zoe.sam_resolution_date).toBe("");
    expect(zoe.sam_resolution_date__missing).toBe("ND");
    expect(zoe.haemophago_site).toBe("bone_marrow|liver");
    expect(zoe.triglycerides_mmol_l).toBe("2.5");
    // The draft's fields hidden by a condition: NAP, never "NA".
    expect(rows.some((r) => Object.values(r).includes("NAP"))).toBe(true);
    for (const r of rows) expect(Object.values(r)).not.toContain("NA");
    // A numeric column holds numbers (or nothing) only.
    for (const r of rows)
      for (const col of ["ferritin_ug_l", "platelets_g_per_l", "weight_kg", "temp_max_celsius"])
        expect(r[col]).toMatch(/^(-?\d+(\.\d+)?)?$/);
  });

  it("filters by centre and status", async () => {
    const ids = async (options: Partial<ExportOptions>) =>
      csvRows(await text("cases-csv", options))
        .map((r) => r.record_id)
        .sort();
    expect(await ids({ centres: ["REI"] })).toEqual([full, submitted].sort());
    expect(await ids({ centres: ["PAR"] })).toEqual([draft]);
    expect(await ids({ statuses: ["VALIDATED"] })).toEqual([full]);
    // The query raised on the submitted case made it "queried".
    expect(await ids({ statuses: ["VALIDATED", "QUERIED"] })).toEqual([full, submitted].sort());
    expect(await ids({ statuses: ["SUBMITTED"] })).toEqual([]);
    expect(await ids({ centres: ["LYO"] })).toEqual([]);
    expect(csvHeader(await text("cases-csv", { centres: ["LYO"] }))).toEqual(
      caseColumns(DEFAULT_OPTIONS).map((c) => c.name),
    );
  });

  it("replaces the birth date by the age at MAS everywhere with the option", async () => {
    const csv = await text("cases-csv", { ageInsteadOfBirthDate: true });
    expect(csvHeader(csv)).not.toContain("birth_date");
    const row = csvRows(csv).find((r) => r.record_id === full)!;
    expect(row.age_at_sam).toBe("53");
    for (const format of ["cases-csv", "odm-xml", "package-zip"] as const) {
      const all =
        format === "package-zip"
          ? [...unzip((await run(coord, format, { ageInsteadOfBirthDate: true })).bytes).values()]
              .map((b) => b.toString("utf8"))
              .join("")
          : await text(format, { ageInsteadOfBirthDate: true });
      for (const birth of ["1962-04-18", "1975-11-30", "1980-02-29"]) expect(all, format).not.toContain(birth);
    }
  });

  it("exports each repeating block keyed by case, with the same columns whatever the cases", async () => {
    const cases = await ctx.db.case.findMany();
    for (const b of BLOCKS) {
      const csv = await text("block-csv", { block: b.id });
      const header = blockColumns(b.id).map((c) => c.name);
      expect(csvHeader(csv)).toEqual(header);
      // The Paris draft has no rows at all: same header, no row.
      const empty = await text("block-csv", { block: b.id, centres: ["PAR"] });
      expect(csvHeader(empty)).toEqual(header);
      expect(csvRows(empty)).toEqual([]);
      const rows = csvRows(csv);
      let n = 0;
      for (const c of cases) {
        const stored = asCaseAnswers(c.answers).blocks[b.id] ?? [];
        n += stored.length;
        stored.forEach((r, i) => {
          const row = rows.find((x) => x.record_id === c.id && x.row_id === r.id)!;
          expect(row.row_number).toBe(String(i + 1));
          for (const f of b.fields) expectFieldsMatch(row, f, r.values[f.id], `${b.id}.${r.id}.${f.id}`);
        });
      }
      expect(rows).toHaveLength(n);
    }
    const lines = csvRows(await text("block-csv", { block: "treatment_lines" }));
    const first = lines.find((r) => r.record_id === full && r.row_number === "1")!;
    expect(first.adverse_event).toBe(BLOCK_TEXT);
    // Guarded in CSV only.
    expect(lines.find((r) => r.record_id === full && r.row_number === "2")!.adverse_event).toBe(`'${FORMULA_TEXT}`);
    expect(first.n_doses).toBe("");
    expect(first.n_doses__missing).toBe("NK");
  });

  it("writes an XLSX workbook whose every sheet and cell equals the database and the definition", async () => {
    const file = await run(coord, "xlsx");
    expect(file.filename.endsWith(".xlsx")).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["cases", ...BLOCKS.map((b) => b.id), "columns", "dictionary"]);
    const cases = await ctx.db.case.findMany({ include: { centre: true } });
    const near = (actual: XlsxValue, expected: Date, where: string) => {
      expect(actual, where).toBeInstanceOf(Date);
      // Excel stores a date-time as a fraction of a day: within a millisecond.
      expect(Math.abs((actual as Date).getTime() - expected.getTime()), where).toBeLessThanOrEqual(1);
    };
    const same = (actual: XlsxValue, expected: XlsxValue, where: string) => {
      if (expected instanceof Date) near(actual, expected, where);
      else if (typeof expected === "number") expect(actual as number, where).toBeCloseTo(expected, 9);
      else expect(actual, where).toBe(expected);
    };

    // cases: one row per case, every column.
    const sheet = sheetTable(wb.getWorksheet("cases")!);
    const columns = caseColumns(DEFAULT_OPTIONS);
    expect(sheet.header).toEqual(columns.map((c) => c.name));
    expect(sheet.rows).toHaveLength(cases.length);
    expect(Object.keys(COMPUTED_FROM_JSON).sort()).toEqual(
      columns
        .filter((c) => c.kind === "computed")
        .map((c) => c.name)
        .sort(),
    );
    for (const c of cases) {
      const row = sheet.rows.find((r) => r[0] === c.id)!;
      expect(row, c.id).toBeDefined();
      const answers = asCaseAnswers(c.answers);
      const computed = storedComputed(c.computed, answers, c.birthDate);
      // Date-times in Paris time (the cell's format shows the offset).
      const modified = parisTime(c.updatedAt.toISOString())!.wallClock;
      const key: Record<string, XlsxValue> = {
        record_id: c.id,
        centre_code: c.centre.code,
        initials: c.initials,
        birth_date: new Date(`${c.birthDate}T00:00:00Z`),
        status: c.status,
        last_modified: modified,
        form_version_entered: c.formVersionEntered,
        form_version_saved: c.formVersionSaved,
      };
      columns.forEach((col, i) => {
        const where = `${c.initials}.${col.name}`;
        if (col.kind === "key") return same(row[i]!, key[col.name]!, where);
        if (col.kind === "computed") return same(row[i]!, COMPUTED_FROM_JSON[col.name]!(computed), where);
        const field = TOP_LEVEL_FIELDS.find((f) => f.id === col.fieldId)!;
        const expected = expectedXlsx(field, answers.fields[field.id]);
        same(row[i]!, col.kind === "missing" ? expected.code : expected.value, where);
      });
    }
    const zoe = sheet.rows.find((r) => r[0] === full)!;
    const cell = (name: string) => zoe[sheet.header.indexOf(name)];
    expect(cell("comments")).toBe(FREE_TEXT);
    expect(cell("platelets_g_per_l")).toBe(500.5);
    expect(cell("ferritin__missing")).toBe("NK");
    // A date that may be partial stays ISO text (a column never mixes dates and text).
    expect(cell("dm_onset_date")).toBe("2014-03-01");
    expect(
      wb
        .getWorksheet("cases")!
        .getRow(2)
        .getCell(sheet.header.indexOf("sam_date") + 1).numFmt,
    ).toBe("yyyy-mm-dd");
    expect(
      wb
        .getWorksheet("cases")!
        .getRow(2)
        .getCell(sheet.header.indexOf("last_modified") + 1).numFmt,
    ).toMatch(/^yyyy-mm-dd hh:mm:ss"\+0[12]:00"$/);
    expect(cell("department_other")).toBe(DASH_TEXT);

    // Each block: one row per stored block row, every column.
    for (const b of BLOCKS) {
      const table = sheetTable(wb.getWorksheet(b.id)!);
      const cols = blockColumns(b.id);
      expect(table.header, b.id).toEqual(cols.map((c) => c.name));
      let n = 0;
      for (const c of cases) {
        const stored = asCaseAnswers(c.answers).blocks[b.id] ?? [];
        n += stored.length;
        stored.forEach((r, i) => {
          const row = table.rows.find((x) => x[0] === c.id && x[2] === r.id)!;
          expect(row, `${b.id}.${r.id}`).toBeDefined();
          cols.forEach((col, k) => {
            const where = `${b.id}.${r.id}.${col.name}`;
            if (col.name === "record_id") return expect(row[k], where).toBe(c.id);
            if (col.name === "row_number") return expect(row[k], where).toBe(i + 1);
            if (col.name === "row_id") return expect(row[k], where).toBe(r.id);
            const field = b.fields.find((f) => f.id === col.fieldId)!;
            const expected = expectedXlsx(field, r.values[field.id]);
            same(row[k]!, col.kind === "missing" ? expected.code : expected.value, where);
          });
        });
      }
      expect(table.rows, b.id).toHaveLength(n);
    }
    const lines = sheetTable(wb.getWorksheet("treatment_lines")!);
    const adverse = lines.header.indexOf("adverse_event");
    // Exact text in the workbook (no formula guard), line breaks as Excel writes them: LF.
    expect(lines.rows.find((r) => r[0] === full && r[1] === 1)![adverse]).toBe(BLOCK_TEXT.replace("\r\n", "\n"));
    expect(lines.rows.find((r) => r[0] === full && r[1] === 2)![adverse]).toBe(FORMULA_TEXT);

    // The column guide: one row per column of every table, as columns.csv.
    const guide = sheetTable(wb.getWorksheet("columns")!);
    expect(guide.header).toEqual([...CODEBOOK_COLUMNS]);
    const text = (v: XlsxValue) => (v === null ? "" : String(v));
    expect(guide.rows.map((r) => r.map(text))).toEqual(codebookRows(DEFAULT_OPTIONS));
    expect(guide.rows.map((r) => `${r[0]}.${r[1]}`)).toEqual([
      ...columns.map((c) => `cases.${c.name}`),
      ...BLOCKS.flatMap((b) => blockColumns(b.id).map((c) => `${b.id}.${c.name}`)),
    ]);

    // The data dictionary: every row and cell as generated, and every field of the definition in it.
    const dictionary = sheetTable(wb.getWorksheet("dictionary")!);
    expect(dictionary.header).toEqual([...DICTIONARY_COLUMNS]);
    expect(dictionary.rows.map((r) => r.map(text))).toEqual(
      dictionaryRows().map((r) => DICTIONARY_COLUMNS.map((c) => r[c])),
    );
    const entry = (block: string, id: string) =>
      dictionary.rows.find((r) => text(r[1]!) === block && r[2] === (block ? `${block}.${id}` : id));
    for (const section of CRF.sections) {
      for (const item of section.items) {
        const fields = isBlock(item) ? item.fields.map((f) => ({ f, block: item.id })) : [{ f: item, block: "" }];
        for (const { f, block } of fields) {
          const r = entry(block, f.id);
          expect(r, `${block}.${f.id}`).toBeDefined();
          expect([r![0], r![3], r![4], r![5]], `${block}.${f.id}`).toEqual([
            section.id,
            f.type,
            f.label.fr,
            f.label.en,
          ]);
        }
      }
    }
  });

  it("writes the REDCap data dictionary", async () => {
    const file = await run(coord, "redcap-dictionary");
    expect(file.cases).toBe(0);
    const csv = file.bytes.toString("utf8");
    expect(csvHeader(csv)).toEqual([...REDCAP_COLUMNS]);
    const rows = parseCsv(csv, { bom: true, from_line: 2 }) as string[][];
    expect(rows).toEqual(redcapDictionaryRows(DEFAULT_OPTIONS));
  });

  it("writes REDCap import data in the dictionary's variables: each block row an instance lined up with the block CSVs", async () => {
    const files = unzip((await run(coord, "package-zip")).bytes);
    const read = (name: string) => files.get(name)!.toString("utf8");
    expect(read("redcap-import.csv")).toBe(await text("redcap-data"));
    const dictionary = parseCsv(read("redcap-data-dictionary.csv"), { bom: true, from_line: 2 }) as string[][];
    const typeOf = new Map(dictionary.map((r) => [r[0]!, r[3]!]));
    const formOf = new Map(dictionary.map((r) => [r[0]!, r[1]!]));
    const header = csvHeader(read("redcap-import.csv"));
    expect(header.slice(0, 3)).toEqual(["record_id", "redcap_repeat_instrument", "redcap_repeat_instance"]);
    for (const h of header.slice(3)) expect(typeOf.has(h.replace(/___[a-z0-9_]+$/, "")), h).toBe(true);
    const imported = csvRows(read("redcap-import.csv"));
    // columns.csv names the REDCap variable of every CSV column.
    const guide = csvRows(read("columns.csv"));
    const variableOf = (table: string, column: string) =>
      guide.find((g) => g.table === table && g.column === column)!.redcap_variable!;
    /** What the import file holds for a CSV value column (and its __missing companion). */
    const importedValue = (row: Row, table: string, column: string, csv: Row): void => {
      const variable = variableOf(table, column);
      const field = guide.find((g) => g.table === table && g.column === column)!.field_id;
      const companion = guide.find(
        (g) => g.table === table && g.kind === "missing" && field !== "" && g.field_id === field,
      );
      const code = companion ? csv[companion.column!]! : "";
      const where = `${table}.${column} → ${variable}`;
      if (typeOf.get(variable) === "checkbox") {
        const chosen = new Set(csv[column] ? csv[column]!.split("|") : []);
        for (const h of header.filter((x) => x.startsWith(`${variable}___`))) {
          const option = h.slice(variable.length + 3);
          const expected = chosen.size || code ? (chosen.has(option) || option === code.toLowerCase() ? "1" : "0") : "";
          expect(row[h], `${where} ${h}`).toBe(expected);
        }
        return;
      }
      // CSV free text carries the formula guard; the import file the exact text.
      const value = csv[column]!.startsWith("'") ? csv[column]!.slice(1) : csv[column]!;
      expect(row[variable], where).toBe(
        value === "" ? code : /^\d{4}-\d{2}-\d{2}T/.test(value) ? parisTime(value)!.local : value,
      );
    };

    const casesCsv = csvRows(read("cases.csv"));
    expect(
      imported
        .filter((r) => r.redcap_repeat_instrument === "")
        .map((r) => r.record_id)
        .sort(),
    ).toEqual(casesCsv.map((r) => r.record_id).sort());
    for (const csv of casesCsv) {
      const row = imported.find((r) => r.record_id === csv.record_id && r.redcap_repeat_instrument === "")!;
      for (const g of guide.filter((x) => x.table === "cases" && x.kind !== "missing" && x.column !== "record_id"))
        importedValue(row, "cases", g.column!, csv);
      // A case row fills no repeating instrument's variable.
      for (const h of header.slice(3))
        if (row[h] !== "")
          expect(
            BLOCKS.map((b) => b.id),
            h,
          ).not.toContain(formOf.get(h.replace(/___[a-z0-9_]+$/, "")));
    }
    for (const b of BLOCKS) {
      const blockCsv = csvRows(read(`${b.id}.csv`));
      const instances = imported.filter((r) => r.redcap_repeat_instrument === b.id);
      expect(instances, b.id).toHaveLength(blockCsv.length);
      for (const csv of blockCsv) {
        const row = instances.find(
          (r) => r.record_id === csv.record_id && r.redcap_repeat_instance === csv.row_number,
        )!;
        expect(row, `${b.id} ${csv.record_id} #${csv.row_number}`).toBeDefined();
        expect(row[variableOf(b.id, "row_id")]).toBe(csv.row_id);
        for (const g of guide.filter((x) => x.table === b.id && x.kind === "value"))
          importedValue(row, b.id, g.column!, csv);
        for (const h of header.slice(3))
          if (row[h] !== "") expect(formOf.get(h.replace(/___[a-z0-9_]+$/, "")), h).toBe(b.id);
      }
    }
    const line = imported.find(
      (r) =>
        r.record_id === full && r.redcap_repeat_instrument === "treatment_lines" && r.redcap_repeat_instance === "1",
    )!;
    expect(line.tx_adverse_event).toBe(BLOCK_TEXT);
    expect(line.tx_n_doses).toBe("NK");
    expect(
      imported.find(
        (r) =>
          r.record_id === full && r.redcap_repeat_instrument === "treatment_lines" && r.redcap_repeat_instance === "2",
      )!.tx_adverse_event,
    ).toBe(FORMULA_TEXT);
    const zoe = imported.find((r) => r.record_id === full && r.redcap_repeat_instrument === "")!;
    expect(zoe.comments).toBe(FREE_TEXT);
    expect(zoe.ferritin_ug_l).toBe("NK");
    expect(zoe.haemophago_site___liver).toBe("1");
    expect(zoe.haemophago_site___spleen).toBe("0");
    expect(zoe.department_other).toBe(DASH_TEXT);
    expect(zoe.last_modified).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("writes CDISC ODM 1.3.2 that follows the standard's rules, every subject's data equal to the database, repeating groups included", async () => {
    const file = await run(coord, "odm-xml");
    const xml = file.bytes.toString("utf8");
    expect(odmProblems(xml)).toEqual([]);
    const odm = parseOdm(xml).ODM as OdmNode;
    const subjects = arr(arr(odm.ClinicalData)[0]!.SubjectData);
    const cases = await ctx.db.case.findMany({ include: { centre: true } });
    expect(subjects.map((s) => s["@SubjectKey"]).sort()).toEqual(cases.map((c) => c.id).sort());
    const attr = (n: OdmNode, a: string) => String(n[`@${a}`] ?? "");
    for (const s of subjects) {
      const c = cases.find((x) => x.id === s["@SubjectKey"])!;
      expect(attr(s.SiteRef as OdmNode, "LocationOID")).toBe(`LOC.${c.centre.code}`);
      const groups = arr(s.StudyEventData)
        .flatMap((e) => arr(e.FormData))
        .flatMap((f) => arr(f.ItemGroupData));
      const itemsOf = (g: OdmNode) => new Map(arr(g.ItemData).map((d) => [attr(d, "ItemOID"), attr(d, "Value")]));
      const values = new Map(
        groups.filter((g) => g["@ItemGroupRepeatKey"] === undefined).flatMap((g) => [...itemsOf(g)]),
      );
      const answers = asCaseAnswers(c.answers);
      for (const f of TOP_LEVEL_FIELDS) {
        const { value, code } = expectedCells(f, answers.fields[f.id], false);
        expect(values.get(`IT.${f.id}`) ?? "", `${c.initials}.${f.id}`).toBe(value);
        if (mayHoldCode(f)) expect(values.get(`IT.${f.id}__missing`) ?? "", `${c.initials}.${f.id}`).toBe(code);
      }
      expect(values.get("IT.initials")).toBe(c.initials);
      expect(values.get("IT.birth_date")).toBe(c.birthDate);
      expect(values.get("IT.status")).toBe(c.status);
      // Repeating groups: one per block row, keyed 1…n in the row order, every item equal to the stored row.
      for (const b of BLOCKS) {
        const stored = answers.blocks[b.id] ?? [];
        const mine = groups.filter((g) => g["@ItemGroupOID"] === `IG.${b.id}`);
        expect(
          mine.map((g) => attr(g, "ItemGroupRepeatKey")),
          `${c.initials}.${b.id}`,
        ).toEqual(stored.map((_, i) => String(i + 1)));
        stored.forEach((r, i) => {
          const items = itemsOf(mine[i]!);
          expect(items.get(`IT.${b.id}.row_id`)).toBe(r.id);
          for (const f of b.fields) {
            const where = `${c.initials}.${b.id}[${i + 1}].${f.id}`;
            const { value, code } = expectedCells(f, r.values[f.id], false);
            const got = items.get(`IT.${b.id}.${f.id}`) ?? "";
            if (typeof r.values[f.id]?.v === "number")
              expect(Number(got), where).toBeCloseTo(r.values[f.id]!.v as number, 10);
            else expect(got, where).toBe(value);
            if (mayHoldCode(f)) expect(items.get(`IT.${b.id}.${f.id}__missing`) ?? "", where).toBe(code);
          }
        });
      }
    }
    expect(xml).toContain(
      '<ItemData ItemOID="IT.comments" Value="Patiente « X », 2 lignes&#10;suite ; &quot;dite&quot; Zoé, œdème"/>',
    );
    // CR and LF of a block's free text survive as character references; no formula guard in ODM.
    expect(xml).toContain('Value="Hypokaliémie, « modérée » ; &quot;K+ 2,9&quot;&#13;&#10;Corrigée; à J3"');
    expect(xml).toContain(`Value="${FORMULA_TEXT.replace(/"/g, "&quot;")}"`);
  });

  it("bundles a complete package: data, dictionaries, queries and audit trail of the exported cases", async () => {
    const file = await run(coord, "package-zip", { centres: ["REI"] });
    expect(file.contentType).toBe("application/zip");
    const files = unzip(file.bytes);
    expect([...files.keys()]).toEqual([
      "README.txt",
      "cases.csv",
      ...BLOCKS.map((b) => `${b.id}.csv`),
      "columns.csv",
      "data-dictionary.csv",
      "data-dictionary-changelog.md",
      "redcap-data-dictionary.csv",
      "redcap-import.csv",
      "queries.csv",
      "audit-trail.csv",
      "load_dm_sam.py",
      "load_dm_sam.R",
      "load_dm_sam.do",
      "load_dm_sam.sps",
      "load_dm_sam.sas",
      "load_dm_sam_en.do",
      "load_dm_sam_en.sps",
      "load_dm_sam_en.sas",
    ]);
    const read = (name: string) => files.get(name)!.toString("utf8");
    expect(
      csvRows(read("cases.csv"))
        .map((r) => r.record_id)
        .sort(),
    ).toEqual([full, submitted].sort());
    expect(read("cases.csv")).toBe(await text("cases-csv", { centres: ["REI"] }));
    const queries = csvRows(read("queries.csv"));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({
      record_id: submitted,
      field_path: "ferritin",
      query_status: "OPEN",
      kind: "raised",
      author_role: "COORDINATOR",
      message: QUERY_TEXT,
    });
    const trail = csvRows(read("audit-trail.csv"));
    const expected = await ctx.db.auditEvent.findMany({
      where: { caseId: { in: [full, submitted] } },
      orderBy: { seq: "asc" },
    });
    expect(trail.map((e) => Number(e.seq))).toEqual(expected.map((e) => e.seq));
    expect(trail.every((e) => e.record_id === full || e.record_id === submitted)).toBe(true);
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(["case.created", "query.raised", "case.status_changed"]),
    );
    for (const e of trail)
      for (const k of ["old_value", "new_value", "data"]) if (e[k]) expect(() => JSON.parse(e[k]!)).not.toThrow();
    // The Paris draft's value change is in the Paris package, old and new values as JSON text.
    const paris = csvRows(
      unzip((await run(coord, "package-zip", { centres: ["PAR"] })).bytes)
        .get("audit-trail.csv")!
        .toString("utf8"),
    );
    const change = paris.find((e) => e.type === "case.field_changed" && e.field_path === "ferritin")!;
    expect(JSON.parse(change.new_value!)).toMatchObject({ v: 1200 });
    expect(JSON.parse(change.old_value!)).toBeNull();
    expect(read("data-dictionary.csv").startsWith("\uFEFFsection,block,field_id")).toBe(true);
    expect(read("data-dictionary-changelog.md")).toContain(`## ${CRF.version} — initial version`);
    expect(csvHeader(read("redcap-data-dictionary.csv"))).toEqual([...REDCAP_COLUMNS]);
    expect(read("README.txt")).toContain("__missing");
  });

  it("reads many cases in batches and exports each exactly once, in order", async () => {
    const centre = await ctx.db.centre.findUniqueOrThrow({ where: { code: "LYO" } });
    const answers = sampleRecord(1);
    const computed = computeResults(answers, "1970-01-01");
    const data = Array.from({ length: 1234 }, (_, i) => ({
      initials: `B${String.fromCharCode(65 + (i % 26))}`,
      birthDate: `19${50 + (Math.floor(i / 26) % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      centreId: centre.id,
      status: "VALIDATED" as const,
      answers: answers as object,
      computed: computed as object,
      createdById: coord.id,
      updatedById: coord.id,
    }));
    await ctx.db.case.createMany({ data });
    const file = await run(coord, "cases-csv", { centres: ["LYO"] });
    expect(file.cases).toBe(1234);
    const rows = csvRows(file.bytes.toString("utf8"));
    expect(rows).toHaveLength(1234);
    const ids = rows.map((r) => r.record_id);
    expect(new Set(ids).size).toBe(1234);
    expect(ids).toEqual([...ids].sort());
    const blocks = csvRows(await text("block-csv", { centres: ["LYO"], block: "sam_relapses" }));
    expect(blocks).toHaveLength(1234);
  });
});

describe("export formats", () => {
  it("are the seven of the exports page", () => {
    expect(EXPORT_FORMATS).toEqual([
      "cases-csv",
      "block-csv",
      "xlsx",
      "redcap-dictionary",
      "redcap-data",
      "odm-xml",
      "package-zip",
    ]);
  });
});
