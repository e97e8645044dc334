import { inflateRawSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { FieldDef } from "@/domain/crf/types";
import { blockColumns, caseColumns, mayHoldCode, valueColumnName } from "@/domain/export/columns";
import { DEFAULT_OPTIONS, EXPORT_FORMATS, type ExportFormat, type ExportOptions } from "@/domain/export/options";
import { REDCAP_COLUMNS, redcapDictionaryRows } from "@/domain/export/redcap";
import { createCase } from "@/server/cases.server";
import { saveDraft } from "@/server/case-answers.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { streamExport } from "@/server/exports.server";
import { raiseQuery } from "@/server/workflow.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

type Row = Record<string, string>;

const FREE_TEXT = 'Patiente « X », 2 lignes\nsuite ; "dite" Zoé, œdème';
const QUERY_TEXT = "Ferritine à vérifier, « 1 200 » ?\nMerci";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

const csvRows = (text: string): Row[] => parseCsv(text, { bom: true, columns: true, relax_quotes: false }) as Row[];
const csvHeader = (text: string): string[] => (parseCsv(text, { bom: true, to_line: 1 }) as string[][])[0]!;

/** The entries of a ZIP file (stored or deflated; what yazl writes). */
function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

/** What the CSV must say for one answer, worked out from the answer itself (not through the export code). */
function expectedCells(field: FieldDef, a: FieldAnswer | undefined): { value: string; code: string } {
  if (!a) return { value: "", code: "" };
  if (a.code) return { value: "", code: a.code };
  if (a.v === undefined) return { value: "", code: "" };
  if (Array.isArray(a.v)) {
    const order = "options" in field ? field.options.map((o) => o.value) : [];
    return { value: [...a.v].sort((x, y) => order.indexOf(x) - order.indexOf(y)).join("|"), code: "" };
  }
  return { value: String(a.v), code: "" };
}

function expectFieldsMatch(row: Row, field: FieldDef, a: FieldAnswer | undefined, where: string): void {
  const { value, code } = expectedCells(field, a);
  const cell = row[valueColumnName(field)];
  if (typeof a?.v === "number" && !a.code) expect(Number(cell), where).toBeCloseTo(a.v, 10);
  else expect(cell, where).toBe(value);
  if (mayHoldCode(field)) expect(row[`${field.id}__missing`], where).toBe(code);
}

describeEachDatabase("exports", (ctx) => {
  let clinRei: Actor, raRei: Actor, clinPar: Actor, coord: Actor;
  let full: string, draft: string, submitted: string;

  async function addCase(actor: Actor, initials: string, birthDate: string, answers: CaseAnswers | null, status: string): Promise<string> {
    const { id } = await createCase(ctx.db, actor, { initials, birthDate, centreCode: actor.centreCode, ...ELIGIBLE });
    if (answers) await ctx.db.case.update({ where: { id }, data: { answers: answers as object, computed: computeResults(answers, birthDate) as object } });
    await ctx.db.case.update({ where: { id }, data: { status: status as "DRAFT" } });
    return id;
  }

  const run = async (actor: Actor, format: ExportFormat, options: Partial<ExportOptions> = {}) => {
    const file = await streamExport(ctx.db, actor, format, options);
    return { ...file, bytes: await bytesOf(file.stream) };
  };
  const text = async (format: ExportFormat, options: Partial<ExportOptions> = {}) => (await run(coord, format, options)).bytes.toString("utf8");

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
        ferritin: { code: "NK" },
        sam_resolution_date: { code: "ND" },
        haemophagocytosis_site: { v: ["liver", "bone_marrow"] },
        triglycerides: { v: 2.5, unit: "mmol_l" },
      },
      blocks: {
        ...base.blocks,
        treatment_lines: base.blocks.treatment_lines!.map((r, i) => (i === 0 ? { ...r, values: { ...r.values, adverse_event: { v: "Hypokaliémie, « modérée »\nCorrigée" }, n_doses: { code: "NK" } } } : r)),
      },
    };
    full = await addCase(clinRei, "ZE", "1962-04-18", answers, "VALIDATED");
    draft = await addCase(clinPar, "PD", "1975-11-30", null, "DRAFT");
    submitted = await addCase(clinRei, "MB", "1980-02-29", sampleRecord(3, 1), "SUBMITTED");
    // Audit events with old and new values, and a query with its messages.
    await saveDraft(ctx.db, clinPar, draft, { baseVersion: 1, fields: { ferritin: { from: null, to: { v: 1200, unit: "ug_l" } } } });
    await raiseQuery(ctx.db, coord, submitted, { fieldPath: "ferritin", message: QUERY_TEXT });
  });

  it("refuses every format to clinicians and research assistants, and writes nothing", async () => {
    const before = await ctx.db.auditEvent.count();
    for (const actor of [clinRei, raRei, clinPar]) {
      for (const format of EXPORT_FORMATS) expect(await errorOf(() => streamExport(ctx.db, actor, format, { block: "infections" }))).toBeInstanceOf(ForbiddenError);
      expect(await errorOf(() => streamExport(ctx.db, actor, "nonsense"))).toBeInstanceOf(ForbiddenError);
    }
    expect(await errorOf(() => streamExport(ctx.db, coord, "nonsense"))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => streamExport(ctx.db, coord, "block-csv", {}))).toBeInstanceOf(InputError);
    expect(await errorOf(() => streamExport(ctx.db, coord, "cases-csv", { centres: ["XYZ"] }))).toBeInstanceOf(InputError);
    expect(await errorOf(() => streamExport(ctx.db, coord, "cases-csv", new URLSearchParams("status=DONE")))).toBeInstanceOf(InputError);
    expect(await ctx.db.auditEvent.count()).toBe(before);
  });

  it("writes one audited event per export, with format, number of cases and options", async () => {
    const before = await ctx.db.auditEvent.findFirst({ orderBy: { seq: "desc" } });
    const file = await streamExport(ctx.db, coord, "cases-csv", { centres: ["REI"], statuses: ["VALIDATED"], ageInsteadOfBirthDate: true });
    await bytesOf(file.stream);
    const events = await ctx.db.auditEvent.findMany({ where: { seq: { gt: before!.seq } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "export.run", actorId: coord.id, actorRole: "COORDINATOR", caseId: null });
    expect(JSON.parse(events[0]!.data!)).toEqual({ format: "cases-csv", cases: 1, options: { centres: ["REI"], statuses: ["VALIDATED"], ageInsteadOfBirthDate: true } });
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
    expect(rows.map((r) => r.centre)).toEqual([...rows.map((r) => r.centre)].sort());
    for (const c of cases) {
      const row = rows.find((r) => r.record_id === c.id)!;
      expect(row).toMatchObject({ centre: c.centre.code, initials: c.initials, birth_date: c.birthDate, status: c.status });
      const answers = asCaseAnswers(c.answers);
      for (const f of TOP_LEVEL_FIELDS) expectFieldsMatch(row, f, answers.fields[f.id], `${c.initials}.${f.id}`);
      const computed = computeResults(answers, c.birthDate);
      expect(row.age_at_sam).toBe(String(computed.age_at_sam));
      expect(row.hscore_min).toBe(String(computed.hscore.total.min));
      expect(row.hscore_max).toBe(String(computed.hscore.total.max));
      expect(row.hlh2004_met).toBe(String(computed.hlh_2004.metCount));
    }
    const zoe = rows.find((r) => r.record_id === full)!;
    expect(zoe.comments).toBe(FREE_TEXT);
    expect(zoe.ferritin_ug_l).toBe("");
    expect(zoe.ferritin__missing).toBe("NK");
    expect(zoe.sam_resolution_date).toBe("");
    expect(zoe.sam_resolution_date__missing).toBe("ND");
    expect(zoe.haemophagocytosis_site).toBe("bone_marrow|liver");
    expect(zoe.triglycerides_mmol_l).toBe("2.5");
    // A numeric column holds numbers (or nothing) only.
    for (const r of rows) for (const col of ["ferritin_ug_l", "platelets_g_per_l", "weight_kg", "temp_max_celsius"]) expect(r[col]).toMatch(/^(-?\d+(\.\d+)?)?$/);
  });

  it("filters by centre and status", async () => {
    const ids = async (options: Partial<ExportOptions>) => csvRows(await text("cases-csv", options)).map((r) => r.record_id).sort();
    expect(await ids({ centres: ["REI"] })).toEqual([full, submitted].sort());
    expect(await ids({ centres: ["PAR"] })).toEqual([draft]);
    expect(await ids({ statuses: ["VALIDATED"] })).toEqual([full]);
    // The query raised on the submitted case made it "queried".
    expect(await ids({ statuses: ["VALIDATED", "QUERIED"] })).toEqual([full, submitted].sort());
    expect(await ids({ statuses: ["SUBMITTED"] })).toEqual([]);
    expect(await ids({ centres: ["LYO"] })).toEqual([]);
    expect(csvHeader(await text("cases-csv", { centres: ["LYO"] }))).toEqual(caseColumns(DEFAULT_OPTIONS).map((c) => c.name));
  });

  it("replaces the birth date by the age at MAS everywhere with the option", async () => {
    const csv = await text("cases-csv", { ageInsteadOfBirthDate: true });
    expect(csvHeader(csv)).not.toContain("birth_date");
    const row = csvRows(csv).find((r) => r.record_id === full)!;
    expect(row.age_at_sam).toBe("53");
    for (const format of ["cases-csv", "odm-xml", "package-zip"] as const) {
      const all = format === "package-zip" ? [...unzip((await run(coord, format, { ageInsteadOfBirthDate: true })).bytes).values()].map((b) => b.toString("utf8")).join("") : await text(format, { ageInsteadOfBirthDate: true });
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
    expect(first.adverse_event).toBe("Hypokaliémie, « modérée »\nCorrigée");
    expect(first.n_doses).toBe("");
    expect(first.n_doses__missing).toBe("NK");
  });

  it("writes an XLSX workbook with every table, typed cells and the dictionaries", async () => {
    const file = await run(coord, "xlsx");
    expect(file.filename.endsWith(".xlsx")).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["cases", ...BLOCKS.map((b) => b.id), "columns", "dictionary"]);
    const sheet = wb.getWorksheet("cases")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(caseColumns(DEFAULT_OPTIONS).map((c) => c.name));
    expect(sheet.actualRowCount).toBe(4);
    const col = (name: string) => header.indexOf(name) + 1;
    let zoe: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === full) zoe = row;
    });
    expect(zoe!.getCell(col("comments")).value).toBe(FREE_TEXT);
    expect(zoe!.getCell(col("platelets_g_per_l")).value).toBe(500.5);
    expect(zoe!.getCell(col("ferritin_ug_l")).value).toBeNull();
    expect(zoe!.getCell(col("ferritin__missing")).value).toBe("NK");
    expect(zoe!.getCell(col("sam_date")).value).toEqual(new Date("2015-06-01T00:00:00Z"));
    expect(zoe!.getCell(col("sam_date")).numFmt).toBe("yyyy-mm-dd");
    // A date that may be partial stays ISO text (a column never mixes dates and text).
    expect(zoe!.getCell(col("dm_onset_date")).value).toBe("2014-03-01");
    expect(zoe!.getCell(col("birth_date")).value).toEqual(new Date("1962-04-18T00:00:00Z"));
    expect(zoe!.getCell(col("hscore_min")).value).toEqual(expect.any(Number));
    const lines = wb.getWorksheet("treatment_lines")!;
    expect((lines.getRow(1).values as unknown[]).slice(1)).toEqual(blockColumns("treatment_lines").map((c) => c.name));
    expect(lines.actualRowCount).toBe(1 + 2 + 3);
    expect(wb.getWorksheet("dictionary")!.actualRowCount).toBeGreaterThan(150);
  });

  it("writes the REDCap data dictionary", async () => {
    const file = await run(coord, "redcap-dictionary");
    expect(file.cases).toBe(0);
    const csv = file.bytes.toString("utf8");
    expect(csvHeader(csv)).toEqual([...REDCAP_COLUMNS]);
    const rows = parseCsv(csv, { bom: true, from_line: 2 }) as string[][];
    expect(rows).toEqual(redcapDictionaryRows(DEFAULT_OPTIONS));
  });

  it("writes well-formed CDISC ODM 1.3.2 with metadata and every subject's data", async () => {
    const file = await run(coord, "odm-xml");
    const xml = file.bytes.toString("utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const list = ["SubjectData", "FormData", "ItemGroupData", "ItemData", "ItemDef", "ItemGroupDef", "FormDef", "ItemRef", "ItemGroupRef", "FormRef", "CodeList", "Location"];
    const odm = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true, isArray: (n) => list.includes(n) }).parse(xml).ODM;
    expect(odm["@ODMVersion"]).toBe("1.3.2");
    const mdv = odm.Study.MetaDataVersion;
    expect(mdv.Protocol.StudyEventRef["@StudyEventOID"]).toBe(mdv.StudyEventDef["@OID"]);
    const itemDefs = new Set(mdv.ItemDef.map((i: Record<string, string>) => i["@OID"]));
    const groupDefs = new Set(mdv.ItemGroupDef.map((g: Record<string, string>) => g["@OID"]));
    const formDefs = new Set(mdv.FormDef.map((f: Record<string, string>) => f["@OID"]));
    const codeLists = new Set(mdv.CodeList.map((c: Record<string, string>) => c["@OID"]));
    for (const r of mdv.StudyEventDef.FormRef) expect(formDefs.has(r["@FormOID"])).toBe(true);
    for (const f of mdv.FormDef) for (const r of f.ItemGroupRef) expect(groupDefs.has(r["@ItemGroupOID"])).toBe(true);
    for (const g of mdv.ItemGroupDef) for (const r of g.ItemRef) expect(itemDefs.has(r["@ItemOID"])).toBe(true);
    for (const i of mdv.ItemDef) if (i.CodeListRef) expect(codeLists.has(i.CodeListRef["@CodeListOID"])).toBe(true);
    const locations = new Set(odm.AdminData.Location.map((l: Record<string, string>) => l["@OID"]));

    const subjects = odm.ClinicalData.SubjectData as Record<string, any>[];
    const cases = await ctx.db.case.findMany({ include: { centre: true } });
    expect(subjects.map((s) => s["@SubjectKey"]).sort()).toEqual(cases.map((c) => c.id).sort());
    for (const s of subjects) {
      expect(locations.has(s.SiteRef["@LocationOID"])).toBe(true);
      const values = new Map<string, string>();
      for (const f of s.StudyEventData.FormData) {
        expect(formDefs.has(f["@FormOID"])).toBe(true);
        for (const g of f.ItemGroupData) {
          expect(groupDefs.has(g["@ItemGroupOID"])).toBe(true);
          for (const d of g.ItemData ?? []) {
            expect(itemDefs.has(d["@ItemOID"])).toBe(true);
            if (!g["@ItemGroupRepeatKey"]) values.set(d["@ItemOID"], d["@Value"]);
          }
        }
      }
      const c = cases.find((x) => x.id === s["@SubjectKey"])!;
      expect(s.SiteRef["@LocationOID"]).toBe(`LOC.${c.centre.code}`);
      const answers = asCaseAnswers(c.answers);
      for (const f of TOP_LEVEL_FIELDS) {
        const { value, code } = expectedCells(f, answers.fields[f.id]);
        expect(values.get(`IT.${f.id}`) ?? "", f.id).toBe(value);
        if (mayHoldCode(f)) expect(values.get(`IT.${f.id}__missing`) ?? "", f.id).toBe(code);
      }
    }
    expect(xml).toContain('<ItemData ItemOID="IT.comments" Value="Patiente « X », 2 lignes&#10;suite ; &quot;dite&quot; Zoé, œdème"/>');
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
      "redcap-data-dictionary.csv",
      "queries.csv",
      "audit-trail.csv",
    ]);
    const read = (name: string) => files.get(name)!.toString("utf8");
    expect(csvRows(read("cases.csv")).map((r) => r.record_id).sort()).toEqual([full, submitted].sort());
    expect(read("cases.csv")).toBe(await text("cases-csv", { centres: ["REI"] }));
    const queries = csvRows(read("queries.csv"));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ record_id: submitted, field_path: "ferritin", query_status: "OPEN", kind: "raised", author_role: "COORDINATOR", message: QUERY_TEXT });
    const trail = csvRows(read("audit-trail.csv"));
    const expected = await ctx.db.auditEvent.findMany({ where: { caseId: { in: [full, submitted] } }, orderBy: { seq: "asc" } });
    expect(trail.map((e) => Number(e.seq))).toEqual(expected.map((e) => e.seq));
    expect(trail.every((e) => e.record_id === full || e.record_id === submitted)).toBe(true);
    expect(trail.map((e) => e.type)).toEqual(expect.arrayContaining(["case.created", "query.raised", "case.status_changed"]));
    for (const e of trail) for (const k of ["old_value", "new_value", "data"]) if (e[k]) expect(() => JSON.parse(e[k]!)).not.toThrow();
    // The Paris draft's value change is in the Paris package, old and new values as JSON text.
    const paris = csvRows(unzip((await run(coord, "package-zip", { centres: ["PAR"] })).bytes).get("audit-trail.csv")!.toString("utf8"));
    const change = paris.find((e) => e.type === "case.field_changed" && e.field_path === "ferritin")!;
    expect(JSON.parse(change.new_value!)).toMatchObject({ v: 1200 });
    expect(JSON.parse(change.old_value!)).toBeNull();
    expect(read("data-dictionary.csv").startsWith("\uFEFFsection,block,field_id")).toBe(true);
    expect(csvHeader(read("redcap-data-dictionary.csv"))).toEqual([...REDCAP_COLUMNS]);
    expect(read("README.txt")).toContain("__missing");
  });

  it("reads many cases in batches and exports each exactly once, in order", async () => {
    const centre = await ctx.db.centre.findUniqueOrThrow({ where: { code: "LYO" } });
    const answers = sampleRecord(1);
    const computed = computeResults(answers, "1970-01-01");
    const data = Array.from({ length: 1234 }, (_, i) => ({
      initials: `B${String.fromCharCode(65 + (i % 26))}`,
      birthDate: `19${50 + Math.floor(i / 26) % 50}-0${1 + (i % 9)}-1${i % 10}`,
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
  it("are the six of the exports page", () => {
    expect(EXPORT_FORMATS).toEqual(["cases-csv", "block-csv", "xlsx", "redcap-dictionary", "odm-xml", "package-zip"]);
  });
});
