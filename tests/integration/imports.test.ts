// Bulk import of cases in the wide export format: a dry run that reports, per row and field, what would be
// created, refused or flagged and writes nothing; a confirmed import that creates the valid rows as drafts
// of one centre, every value audited with the import as its source; and the round trip export → import
// into an empty centre → export, which gives the same files.
import { Readable } from "node:stream";
import { beforeAll, expect, it } from "vitest";
import yazl from "yazl";
import type { Actor } from "@/domain/actor";
import type { CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { NumberField } from "@/domain/crf/types";
import { parseCsv, toCsv } from "@/domain/csv";
import { valueColumnName } from "@/domain/export/names";
import { createCase } from "@/server/cases.server";
import { ForbiddenError, InputError } from "@/server/errors";
import { streamExport } from "@/server/exports/index.server";
import { importCases, type ImportFile } from "@/server/imports.server";
import { XLSX_INFLATED_MAX_MB } from "@/server/zip-budget.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";
import { unzip } from "../unit/export/expected";

const FORMULA_TEXT = '=HYPERLINK("http://x.test"; "x")';
const DASH_TEXT = "- J1 : fièvre ; -2 kg";

/** A number field with a soft limit below its hard one: a value between them is flagged, not refused. */
const soft = TOP_LEVEL_FIELDS.filter((f): f is NumberField => f.type === "number").find(
  (f) => f.soft?.max !== undefined && f.hard.max !== undefined && f.soft.max < f.hard.max && !f.showIf,
)!;

describeEachDatabase("bulk import", (ctx) => {
  let clin: Actor, coord: Actor, stat: Actor;
  let files: ImportFile[];

  const bytes = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
  const exportFiles = async (centre: string): Promise<ImportFile[]> => {
    const zip = unzip(
      Buffer.from(await bytes((await streamExport(ctx.db, coord, "package-zip", { centres: [centre] })).stream)),
    );
    return ["cases.csv", ...BLOCKS.map((b) => `${b.id}.csv`)].map((name) => ({
      name,
      bytes: new Uint8Array(zip.get(name)!),
    }));
  };
  /** An export's table without what the importing study gives itself: record id, centre, last change. */
  const comparable = (file: ImportFile): string[][] => {
    const [header, ...rows] = parseCsv(new TextDecoder().decode(file.bytes));
    const drop = new Set(["record_id", "centre_code", "last_modified"].map((c) => header!.indexOf(c)));
    return rows.map((r) => r.filter((_, i) => !drop.has(i))).sort((a, b) => a.join().localeCompare(b.join()));
  };
  const withCell = (file: ImportFile, row: number, column: string, value: string): ImportFile => {
    const table = parseCsv(new TextDecoder().decode(file.bytes));
    const at = table[0]!.indexOf(column);
    if (at < 0) throw new Error(`no column ${column}`);
    table[row]![at] = value;
    return { name: file.name, bytes: new TextEncoder().encode(toCsv(table)) };
  };

  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    clin = await addUser(ctx.db, { email: "clin.import@x.test", role: "CLINICIAN", centreCode: "LYO" });
    const source = await addUser(ctx.db, { email: "clin.rei.import@x.test", role: "CLINICIAN", centreCode: "REI" });
    coord = await addUser(ctx.db, { email: "coord.import@x.test", role: "COORDINATOR" });
    stat = await addUser(ctx.db, { email: "stat.import@x.test", role: "STATISTICIAN" });
    const base = sampleRecord(2);
    const answers: CaseAnswers = {
      fields: {
        ...base.fields,
        comments: { v: FORMULA_TEXT },
        department: { v: "other" },
        department_other: { v: DASH_TEXT },
        ferritin: { code: "NK" },
        dm_onset_date: { v: "2014-03" },
      },
      blocks: base.blocks,
    };
    for (const [initials, birthDate, record] of [
      ["ZE", "1962-04-18", answers],
      ["MB", "1980-02-29", sampleRecord(3, 1)],
      ["ND", "1975-11-30", null],
    ] as const) {
      const { id } = await createCase(ctx.db, source, { initials, birthDate, centreCode: "REI", ...ELIGIBLE });
      if (record)
        await ctx.db.case.update({
          where: { id },
          data: { answers: record as object, computed: computeResults(record, birthDate) as object },
        });
    }
    files = await exportFiles("REI");
  });

  it("refuses those who may not import, and a coordinator who names no centre", async () => {
    expect(await errorOf(() => importCases(ctx.db, stat, { files, confirm: false }))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => importCases(ctx.db, coord, { files, confirm: false }))).toBeInstanceOf(InputError);
    expect(await errorOf(() => importCases(ctx.db, clin, { files, centreCode: "PAR", confirm: false }))).toBeInstanceOf(
      InputError,
    );
    expect(
      await errorOf(() =>
        importCases(ctx.db, coord, {
          files: [{ name: "x.csv", bytes: new TextEncoder().encode("a,b\r\n1,2\r\n") }],
          centreCode: "PAR",
          confirm: false,
        }),
      ),
    ).toBeInstanceOf(InputError);
  });

  it("dry run: lists per row and field what would be created, refused or flagged, and writes nothing", async () => {
    const [cases, ...blocks] = files;
    let edited = withCell(cases!, 1, "sex", "xx");
    edited = withCell(edited, 2, "initials", "A1");
    edited = withCell(edited, 3, valueColumnName(soft), String((soft.soft!.max! + soft.hard.max!) / 2));
    edited = withCell(edited, 3, "comments", "Rappeler le 06 12 34 56 78");
    const before = { cases: await ctx.db.case.count(), audit: await ctx.db.auditEvent.count() };
    const { rows, created } = await importCases(ctx.db, coord, {
      files: [edited, ...blocks],
      centreCode: "PAR",
      confirm: false,
    });
    expect(created).toEqual([]);
    expect({ cases: await ctx.db.case.count(), audit: await ctx.db.auditEvent.count() }).toEqual(before);
    expect(rows).toHaveLength(3);
    const field = (row: number, path: string) => rows[row - 1]!.fields.find((f) => f.path === path);
    expect(rows[0]!.outcome).toBe("refused");
    expect(field(1, "sex")).toMatchObject({ outcome: "refused", messages: [{ key: "import.unknownCode" }] });
    expect(rows[1]).toMatchObject({
      outcome: "refused",
      errors: [expect.objectContaining({ key: expect.stringMatching(/initials/) })],
    });
    expect(rows[2]!.outcome).toBe("refused");
    expect(field(3, "comments")).toMatchObject({ outcome: "refused" });
    expect(field(3, soft.id)).toMatchObject({ outcome: "flagged" });
    // Every other answered field is listed as created.
    expect(rows[0]!.fields.filter((f) => f.outcome === "created").length).toBeGreaterThan(20);
  });

  it("confirmed: creates the valid rows as drafts of the chosen centre, every value audited with the import as its source", async () => {
    const { rows, created } = await importCases(ctx.db, coord, { files, centreCode: "PAR", confirm: true });
    expect(rows.every((r) => r.outcome === "created")).toBe(true);
    expect(created).toHaveLength(3);
    const made = await ctx.db.case.findMany({
      where: { id: { in: created.map((c) => c.id) } },
      include: { centre: true },
    });
    expect(made.every((c) => c.status === "DRAFT" && c.centre.code === "PAR" && c.createdById === coord.id)).toBe(true);
    const zoe = made.find((c) => c.initials === "ZE")!;
    const events = await ctx.db.auditEvent.findMany({ where: { caseId: zoe.id } });
    expect(events.every((e) => e.reason?.startsWith("import:cases.csv"))).toBe(true);
    expect(events.find((e) => e.type === "case.created")).toBeDefined();
    const changes = events.filter((e) => e.type === "case.field_changed");
    expect(changes.find((e) => e.fieldPath === "comments")!.newValue).toBe(JSON.stringify({ v: FORMULA_TEXT }));
    expect(changes.find((e) => e.fieldPath === "ferritin")!.newValue).toBe(JSON.stringify({ code: "NK" }));
    expect(changes.some((e) => e.fieldPath?.startsWith("treatment_lines."))).toBe(true);
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
    // The same file again: every row is now a duplicate, refused, nothing written.
    const again = await importCases(ctx.db, coord, { files, centreCode: "PAR", confirm: true });
    expect(again.created).toEqual([]);
    expect(again.rows.every((r) => r.errors.some((e) => e.key === "import.duplicate"))).toBe(true);
  });

  it("the same file imported twice at once: each case created once, the other run's row a duplicate, no error", async () => {
    await addCentre(ctx.db, "TWN");
    // Both runs read the centre's cases before either creates one: the second create meets the unique key.
    const runs = await Promise.all([
      importCases(ctx.db, coord, { files, centreCode: "TWN", confirm: true }),
      importCases(ctx.db, coord, { files, centreCode: "TWN", confirm: true }),
    ]);
    expect(runs.flatMap((r) => r.created)).toHaveLength(3);
    for (const run of runs)
      for (const row of run.rows) {
        const made = run.created.some((c) => c.row === row.row);
        expect(row.outcome, `row ${row.row}`).toBe(made ? "created" : "refused");
        if (!made) expect(row.errors.map((e) => e.key)).toEqual(["import.duplicate"]);
      }
    expect(await ctx.db.case.count({ where: { centre: { code: "TWN" } } })).toBe(3);
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });

  it("a workbook that would inflate past the budget (a zip bomb) is refused by name before it is read", async () => {
    const z = new yazl.ZipFile();
    z.addBuffer(Buffer.alloc((XLSX_INFLATED_MAX_MB + 1) * 1024 * 1024), "xl/worksheets/sheet1.xml");
    z.end();
    const bomb = new Uint8Array(
      await new Response(Readable.toWeb(z.outputStream as Readable) as ReadableStream).arrayBuffer(),
    );
    const before = await ctx.db.case.count();
    const error = await errorOf(() =>
      importCases(ctx.db, coord, { files: [{ name: "big.xlsx", bytes: bomb }], centreCode: "PAR", confirm: true }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors).toEqual({
      files: [{ key: "import.inflatedTooLarge", params: { name: "big.xlsx", max: XLSX_INFLATED_MAX_MB } }],
    });
    expect(await ctx.db.case.count()).toBe(before);
  });

  it("round trip: export → import into an empty centre → export gives the same files", async () => {
    const imported = await exportFiles("PAR");
    expect(imported.map((f) => f.name)).toEqual(files.map((f) => f.name));
    files.forEach((f, i) => expect(comparable(imported[i]!), f.name).toEqual(comparable(f)));
    expect(comparable(files[0]!)).toHaveLength(3);
  });

  it("reads REDCap's import format too: this app's redcap-import.csv back gives the same files", async () => {
    const redcap = await bytes((await streamExport(ctx.db, coord, "redcap-data", { centres: ["REI"] })).stream);
    const dry = await importCases(ctx.db, coord, {
      files: [{ name: "redcap-import.csv", bytes: redcap }],
      centreCode: "PAR",
      confirm: false,
    });
    // Already imported into PAR by the test above: every row is a duplicate there, and nothing else is wrong.
    expect(dry.rows.map((r) => r.errors.map((e) => e.key))).toEqual([
      ["import.duplicate"],
      ["import.duplicate"],
      ["import.duplicate"],
    ]);
    expect(dry.rows.flatMap((r) => r.fields.filter((f) => f.outcome === "refused"))).toEqual([]);
    await addCentre(ctx.db, "NAN");
    const { created } = await importCases(ctx.db, coord, {
      files: [{ name: "redcap-import.csv", bytes: redcap }],
      centreCode: "NAN",
      confirm: true,
    });
    expect(created).toHaveLength(3);
    const nantes = await exportFiles("NAN");
    files.forEach((f, i) => expect(comparable(nantes[i]!), f.name).toEqual(comparable(f)));
  });

  it("a centre user imports into their own centre, from the XLSX workbook too", async () => {
    const xlsx = await bytes((await streamExport(ctx.db, coord, "xlsx", { centres: ["REI"] })).stream);
    const { created } = await importCases(ctx.db, clin, {
      files: [{ name: "export.xlsx", bytes: xlsx }],
      confirm: true,
    });
    expect(created).toHaveLength(3);
    const lyon = await exportFiles("LYO");
    files.forEach((f, i) => expect(comparable(lyon[i]!), f.name).toEqual(comparable(f)));
  });
});
