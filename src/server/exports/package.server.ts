import "server-only";
// The complete package (a ZIP written with yazl as it is downloaded): README,
// every CSV table, the column guide and data dictionary, REDCap's files, the
// loaders for the statistics tools and the audit chain's signed checkpoints.
// Each table is an entry read lazily, one after the other.
import { Readable } from "node:stream";
import type { Actor } from "@/domain/actor";
import { BOM } from "@/domain/csv";
import { dictionaryCsv } from "@/domain/crf/data-dictionary";
import { AMENDMENTS } from "@/domain/crf/versions/amendments";
import { changelogMarkdown } from "@/domain/crf/versions/changelog";
import { BLOCKS, CRF } from "@/domain/crf/definition";
import type { ExportOptions } from "@/domain/export/options";
import { packageReadme, PACKAGE_FILES } from "@/domain/export/readme";
import { CODEBOOK_COLUMNS, codebookRows } from "@/domain/export/rows";
import { PYTHON_LOADER } from "@/domain/export/stats/python-loader";
import { R_LOADER } from "@/domain/export/stats/r-loader";
import { sasSyntax } from "@/domain/export/stats/sas";
import { spssSyntax } from "@/domain/export/stats/spss";
import { stataSyntax } from "@/domain/export/stats/stata";
import { CHECKPOINTS_IN_PACKAGE, checkpointFileText } from "@/server/audit-checkpoints";
import type { Db } from "@/server/db/create-db";
import type { Selection } from "./cases.server";
import { auditCsv, blockCsv, casesCsv, queriesCsv, redcapDataCsv, redcapDictionaryCsv, staticCsv } from "./csv.server";
import { nodeReadable, type Chunks } from "./stream.server";

export async function packageStream(
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
  const text = (name: string, content: string) => zip.addBuffer(Buffer.from(content, "utf8"), name, entry);
  text(
    PACKAGE_FILES.readme,
    packageReadme({
      options,
      createdAt: now.toISOString(),
      cases: sel.ids.length,
      exportedBy: `${actor.displayName} (${actor.role})`,
    }),
  );
  lazy(PACKAGE_FILES.cases, casesCsv(db, actor, sel, options));
  for (const b of BLOCKS) lazy(PACKAGE_FILES.block(b.id), blockCsv(db, actor, sel, b.id));
  text(PACKAGE_FILES.columns, staticCsv(CODEBOOK_COLUMNS, codebookRows(options)));
  text(PACKAGE_FILES.dictionary, BOM + dictionaryCsv());
  text(PACKAGE_FILES.changelog, changelogMarkdown(CRF, AMENDMENTS));
  text(PACKAGE_FILES.redcap, redcapDictionaryCsv(options));
  lazy(PACKAGE_FILES.redcapData, redcapDataCsv(db, actor, sel, options));
  lazy(PACKAGE_FILES.queries, queriesCsv(db, sel));
  lazy(PACKAGE_FILES.audit, auditCsv(db, sel, options));
  // Loaders for the statistics tools: the CSV files with their types and labels (README.txt, LOADING).
  text(PACKAGE_FILES.python, PYTHON_LOADER);
  text(PACKAGE_FILES.r, R_LOADER);
  text(PACKAGE_FILES.stata, stataSyntax(options));
  text(PACKAGE_FILES.spss, spssSyntax(options));
  text(PACKAGE_FILES.sas, sasSyntax(options));
  text(PACKAGE_FILES.stataEn, stataSyntax(options, "en"));
  text(PACKAGE_FILES.spssEn, spssSyntax(options, "en"));
  text(PACKAGE_FILES.sasEn, sasSyntax(options, "en"));
  // The audit chain's signed checkpoints (ADR 0009): the trail can later be checked against this copy.
  const checkpoints = checkpointFileText();
  if (checkpoints !== null) text(CHECKPOINTS_IN_PACKAGE, checkpoints);
  zip.end();
  return Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>;
}
