import "server-only";
// Exports (coordinators only, each one audited): streamExport() is the one
// entry of the wing. It checks the access and the options, writes the audit
// event, selects the cases, then hands the file to its format's module:
//   cases.server.ts    the selected cases, read batch by batch while the file is written
//   stream.server.ts   text chunks → a byte stream pulled by the download
//   csv.server.ts      the CSV tables (cases, blocks, REDCap, queries, audit trail)
//   odm.server.ts      CDISC ODM XML
//   xlsx.server.ts     the XLSX workbook (exceljs streaming writer)
//   package.server.ts  the complete ZIP package (all of the above, loaders, checkpoints)
// The rows themselves are written by the pure writers of src/domain/export/.
// exportPreview() is the exports page's count of what the filters select.
import type { Actor } from "@/domain/actor";
import {
  exportFilename,
  isExportFormat,
  optionsForAudit,
  parseExportOptions,
  type ExportFormat,
  type ExportOptions,
  type RawExportQuery,
} from "@/domain/export/options";
import { authorize, centreScope } from "@/server/access.server";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";
import { InputError, NotFoundError } from "@/server/errors";
import { selectCases, type Selection } from "./cases.server";
import { blockCsv, casesCsv, redcapDataCsv, redcapDictionaryCsv } from "./csv.server";
import { odmXml } from "./odm.server";
import { packageStream } from "./package.server";
import { byteStream } from "./stream.server";
import { xlsxStream } from "./xlsx.server";

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
          yield redcapDictionaryCsv(options);
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
