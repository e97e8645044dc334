import "server-only";
// Exports (coordinators only, each one audited): the text formats (CSV, ODM
// XML) as streams of chunks produced as fast as they are downloaded, the
// complete ZIP package, and the exports page's preview. Reading the cases is in
// exports/export-cases.server.ts, the XLSX workbook in exports/export-xlsx.server.ts.
import { Readable } from "node:stream";
import type { Actor } from "@/domain/actor";
import { dictionaryCsv } from "@/domain/crf/data-dictionary";
import { BLOCKS } from "@/domain/crf/definition";
import { BOM, csvLine } from "@/domain/export/cells";
import type { ExportCase } from "@/domain/export/columns";
import { odmModel } from "@/domain/export/odm-model";
import { odmHead, odmSubject, odmTail } from "@/domain/export/odm-xml";
import {
  exportFilename,
  isExportFormat,
  optionsForAudit,
  parseExportOptions,
  type ExportFormat,
  type ExportOptions,
  type RawExportQuery,
} from "@/domain/export/options";
import { packageReadme, PACKAGE_FILES } from "@/domain/export/readme";
import { REDCAP_COLUMNS, redcapDictionaryRows } from "@/domain/export/redcap";
import { redcapImportTable } from "@/domain/export/redcap-data";
import { PYTHON_LOADER } from "@/domain/export/stats/python-loader";
import { R_LOADER } from "@/domain/export/stats/r-loader";
import { sasSyntax } from "@/domain/export/stats/sas";
import { spssSyntax } from "@/domain/export/stats/spss";
import { stataSyntax } from "@/domain/export/stats/stata";
import { blockTable, casesTable, CODEBOOK_COLUMNS, codebookRows } from "@/domain/export/rows";
import { AUDIT_COLUMNS, auditRow, QUERY_COLUMNS, queryRow } from "@/domain/export/trail";
import { authorize, centreScope } from "./access.server";
import { CHECKPOINTS_IN_PACKAGE, checkpointFileText } from "./audit-checkpoints";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { BATCH_SIZE, caseBatches, selectCases, type Selection } from "./exports/export-cases.server";
import { xlsxStream } from "./exports/export-xlsx.server";

/** Audit events read at a time. */
const AUDIT_PAGE = 5000;

export interface ExportFile {
  filename: string;
  contentType: string;
  /** How many cases the export holds (0 for the REDCap dictionary). */
  cases: number;
  stream: ReadableStream<Uint8Array>;
}

/** What the caller asks for: the query string of the route, or options already typed. */
export type ExportRequest = URLSearchParams | Partial<ExportOptions>;

const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  "cases-csv": "text/csv; charset=utf-8",
  "block-csv": "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "redcap-dictionary": "text/csv; charset=utf-8",
  "redcap-data": "text/csv; charset=utf-8",
  "odm-xml": "application/xml; charset=utf-8",
  "package-zip": "application/zip",
};

function rawQuery(request: ExportRequest): RawExportQuery {
  if (request instanceof URLSearchParams) {
    return {
      centre: request.getAll("centre"),
      status: request.getAll("status"),
      block: request.get("block"),
      ageInsteadOfBirthDate: request.get("ageInsteadOfBirthDate"),
    };
  }
  return {
    centre: request.centres ?? [],
    status: request.statuses ?? [],
    block: request.block ?? null,
    ageInsteadOfBirthDate: request.ageInsteadOfBirthDate ? "1" : "",
  };
}

// ---------------------------------------------------------------------------
// Text producers (CSV, XML): async generators of text chunks

type Chunks = () => AsyncGenerator<string>;

/** Cases written per chunk of text: small chunks die young (measured: lower peak memory than one chunk per batch). */
const CASES_PER_CHUNK = 50;

/** A batch's text in chunks of CASES_PER_CHUNK cases. */
function* chunked(batch: Iterable<ExportCase>, render: (c: ExportCase) => string): Generator<string> {
  let out = "";
  let n = 0;
  for (const c of batch) {
    out += render(c);
    if (++n % CASES_PER_CHUNK === 0) {
      yield out;
      out = "";
    }
  }
  if (out) yield out;
}

function casesCsv(db: Db, actor: Actor, sel: Selection, options: ExportOptions): Chunks {
  const t = casesTable(options);
  return async function* () {
    yield BOM + t.header;
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

function blockCsv(db: Db, actor: Actor, sel: Selection, blockId: string): Chunks {
  const t = blockTable(blockId);
  return async function* () {
    yield BOM + t.header;
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

/** The data in REDCap's import format (redcap-data.ts): each case's row, then its block rows. */
function redcapDataCsv(db: Db, actor: Actor, sel: Selection, options: ExportOptions): Chunks {
  const t = redcapImportTable(options);
  return async function* () {
    yield BOM + csvLine([...t.header]);
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => t.lines([c]));
  };
}

function odmXml(db: Db, actor: Actor, sel: Selection, options: ExportOptions, now: Date): Chunks {
  const model = odmModel(options);
  return async function* () {
    yield odmHead(model, {
      createdAt: now.toISOString(),
      fileOid: `DM-SAM.${now.getTime()}`,
      centres: [...sel.centres.values()],
    });
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => odmSubject(model, c));
    yield odmTail();
  };
}

function queriesCsv(db: Db, sel: Selection): Chunks {
  return async function* () {
    yield BOM + csvLine([...QUERY_COLUMNS]);
    for (let i = 0; i < sel.ids.length; i += BATCH_SIZE) {
      const slice = sel.ids.slice(i, i + BATCH_SIZE);
      const order = new Map(slice.map((id, n) => [id, n]));
      const queries = await db.query.findMany({
        where: { caseId: { in: slice } },
        include: { messages: { orderBy: { createdAt: "asc" }, include: { author: { select: { role: true } } } } },
        orderBy: { createdAt: "asc" },
      });
      queries.sort((a, b) => order.get(a.caseId)! - order.get(b.caseId)!);
      let out = "";
      for (const q of queries) {
        q.messages.forEach((m, n) => {
          out += csvLine(
            queryRow({
              queryId: q.id,
              caseId: q.caseId,
              fieldPath: q.fieldPath,
              status: q.status,
              number: n + 1,
              kind: m.kind,
              authorId: m.authorId,
              authorRole: m.author.role,
              at: m.createdAt.toISOString(),
              body: m.body,
            }),
          );
        });
      }
      yield out;
    }
  };
}

/** The audit events of the selected cases, in the chain's order (seq). */
function auditCsv(db: Db, sel: Selection, options: ExportOptions): Chunks {
  return async function* () {
    yield BOM + csvLine([...AUDIT_COLUMNS]);
    const wanted = new Set(sel.ids);
    let last = -1;
    for (;;) {
      const page = await db.auditEvent.findMany({
        where: { seq: { gt: last }, caseId: { not: null } },
        orderBy: { seq: "asc" },
        take: AUDIT_PAGE,
      });
      if (page.length === 0) return;
      last = page[page.length - 1]!.seq;
      let out = "";
      for (const e of page)
        if (e.caseId && wanted.has(e.caseId)) out += csvLine(auditRow({ ...e, at: e.at.toISOString() }, options));
      if (out) yield out;
    }
  };
}

const staticCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  BOM + csvLine([...header]) + rows.map((r) => csvLine([...r])).join("");

export const redcapCsv = (options: ExportOptions): string => staticCsv(REDCAP_COLUMNS, redcapDictionaryRows(options));

/** Text chunks as a byte stream, produced only as fast as the reader reads. */
function byteStream(chunks: Chunks): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let it: AsyncGenerator<string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      it ??= chunks();
      // A pull that enqueues nothing is not called again: skip empty chunks (a batch without block rows).
      for (;;) {
        const next = await it.next();
        if (next.done) return controller.close();
        if (next.value) return controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      await it?.return(undefined);
    },
  });
}

const nodeReadable = (chunks: Chunks): Readable =>
  Readable.from(
    (async function* () {
      for await (const text of chunks()) if (text) yield Buffer.from(text, "utf8");
    })(),
  );

// ---------------------------------------------------------------------------
// The complete package (yazl)

async function packageStream(
  db: Db,
  actor: Actor,
  sel: Selection,
  options: ExportOptions,
  now: Date,
): Promise<ReadableStream<Uint8Array>> {
  const { ZipFile } = await import("yazl");
  const zip = new ZipFile();
  const entry = { mtime: now };
  const lazy = (name: string, chunks: Chunks) =>
    zip.addReadStreamLazy(name, entry, (cb) => cb(null, nodeReadable(chunks)));
  zip.addBuffer(
    Buffer.from(
      packageReadme({
        options,
        createdAt: now.toISOString(),
        cases: sel.ids.length,
        exportedBy: `${actor.displayName} (${actor.role})`,
      }),
      "utf8",
    ),
    PACKAGE_FILES.readme,
    entry,
  );
  lazy(PACKAGE_FILES.cases, casesCsv(db, actor, sel, options));
  for (const b of BLOCKS) lazy(PACKAGE_FILES.block(b.id), blockCsv(db, actor, sel, b.id));
  zip.addBuffer(Buffer.from(staticCsv(CODEBOOK_COLUMNS, codebookRows(options)), "utf8"), PACKAGE_FILES.columns, entry);
  zip.addBuffer(Buffer.from(BOM + dictionaryCsv(), "utf8"), PACKAGE_FILES.dictionary, entry);
  zip.addBuffer(Buffer.from(redcapCsv(options), "utf8"), PACKAGE_FILES.redcap, entry);
  lazy(PACKAGE_FILES.redcapData, redcapDataCsv(db, actor, sel, options));
  lazy(PACKAGE_FILES.queries, queriesCsv(db, sel));
  lazy(PACKAGE_FILES.audit, auditCsv(db, sel, options));
  // Loaders for the statistics tools: the CSV files with their types and labels (README.txt, LOADING).
  zip.addBuffer(Buffer.from(PYTHON_LOADER, "utf8"), PACKAGE_FILES.python, entry);
  zip.addBuffer(Buffer.from(R_LOADER, "utf8"), PACKAGE_FILES.r, entry);
  zip.addBuffer(Buffer.from(stataSyntax(options), "utf8"), PACKAGE_FILES.stata, entry);
  zip.addBuffer(Buffer.from(spssSyntax(options), "utf8"), PACKAGE_FILES.spss, entry);
  zip.addBuffer(Buffer.from(sasSyntax(options), "utf8"), PACKAGE_FILES.sas, entry);
  // The audit chain's signed checkpoints (ADR 0009): the trail can later be checked against this copy.
  const checkpoints = checkpointFileText();
  if (checkpoints !== null) zip.addBuffer(Buffer.from(checkpoints, "utf8"), CHECKPOINTS_IN_PACKAGE, entry);
  zip.end();
  return Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
}

// ---------------------------------------------------------------------------

/**
 * An export of the cases the actor may see (coordinators only: "export.run"),
 * filtered by centre and status. Writes one "export.run" audit event (format,
 * number of cases, options), then returns the file as a stream that reads the
 * cases from the database BATCH_SIZE at a time while it is downloaded.
 */
export async function streamExport(
  db: Db,
  actor: Actor,
  format: string,
  request: ExportRequest = {},
  now: Date = new Date(),
): Promise<ExportFile> {
  authorize(actor, "export.run");
  if (!isExportFormat(format)) throw new NotFoundError();
  const parsed = parseExportOptions(format, rawQuery(request));
  if (!parsed.ok) throw new InputError(parsed.fieldErrors);
  const options = parsed.options;
  const sel: Selection =
    format === "redcap-dictionary"
      ? { ids: [], centres: new Map(), centreOf: new Map() }
      : await selectCases(db, actor, options);
  await db.$transaction((tx) =>
    appendAudit(
      tx,
      [
        {
          type: "export.run",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          data: { format, cases: sel.ids.length, options: optionsForAudit(options) },
        },
      ],
      now,
    ),
  );
  const file = (stream: ReadableStream<Uint8Array>): ExportFile => ({
    filename: exportFilename(format, options, now),
    contentType: CONTENT_TYPES[format],
    cases: sel.ids.length,
    stream,
  });
  switch (format) {
    case "cases-csv":
      return file(byteStream(casesCsv(db, actor, sel, options)));
    case "block-csv":
      return file(byteStream(blockCsv(db, actor, sel, options.block!)));
    case "redcap-dictionary":
      return file(
        byteStream(async function* () {
          yield redcapCsv(options);
        }),
      );
    case "redcap-data":
      return file(byteStream(redcapDataCsv(db, actor, sel, options)));
    case "odm-xml":
      return file(byteStream(odmXml(db, actor, sel, options, now)));
    case "xlsx":
      return file(xlsxStream(db, actor, sel, options, now));
    case "package-zip":
      return file(await packageStream(db, actor, sel, options, now));
  }
}

export interface ExportPreview {
  options: ExportOptions;
  /** Cases matching the filters. */
  cases: number;
  /** Every centre, for the filter. */
  centres: { code: string; name: string }[];
}

/** What the exports page shows: the filters understood, how many cases they select, the centres to choose from. */
export async function exportPreview(db: Db, actor: Actor, request: ExportRequest = {}): Promise<ExportPreview> {
  authorize(actor, "export.run");
  const parsed = parseExportOptions("cases-csv", rawQuery(request));
  const options = parsed.ok ? parsed.options : { centres: [], statuses: [], ageInsteadOfBirthDate: false };
  const centres = await db.centre.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } });
  const known = options.centres.filter((c) => centres.some((x) => x.code === c));
  const cases = await db.case.count({
    where: {
      ...centreScope(actor),
      ...(options.centres.length ? { centre: { code: { in: known } } } : {}),
      ...(options.statuses.length ? { status: { in: [...options.statuses] } } : {}),
    },
  });
  return { options: { ...options, centres: known }, cases, centres };
}
