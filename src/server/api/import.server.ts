import "server-only";
// POST /api/v1/imports (ADR 0020): one file — CSV or XLSX, in the app's wide
// export format or REDCap's import format — through the same importCases as
// the /imports page. A dry run by default (nothing written); `apply=true`
// creates the valid rows as drafts, each value audited with the import as its
// source and the token named. The body is read no further than IMPORT_MAX_BYTES;
// every refusal is a problem in the caller's language, never a 500.
import { createTranslator } from "next-intl";
import type { Actor } from "@/domain/actor";
import { CSV_MEDIA_TYPE, IMPORT_MAX_BYTES, XLSX_MEDIA_TYPE } from "@/domain/api/policy";
import type { RowReport } from "@/domain/import/wide-import";
import type { Locale } from "@/domain/locale";
import type { MessageParam, MessageRef } from "@/domain/messages";
import { catalogue } from "@/i18n/catalogue";
import { localiseParams } from "@/i18n/localise";
import type { Db } from "../db/create-db";
import { InputError } from "../errors";
import { importCases, type ImportFile } from "../imports.server";
import type { ApiResult } from "./data.server";
import { ApiProblem } from "./problem.server";
import type { ApiCall } from "./request.server";

export interface ApiMessage {
  key: string;
  params: Record<string, MessageParam>;
  /** The sentence in the caller's language (Accept-Language, French by default). */
  text: string;
}

type Translate = (ref: MessageRef) => string;
const translators = new Map<Locale, Translate>();

/** The domain's messages ("errors" of the app's catalogue) in one language, as the /imports page shows them. */
function translator(lang: Locale): Translate {
  let tr = translators.get(lang);
  if (!tr) {
    const t = createTranslator({
      locale: lang,
      messages: catalogue(lang) as Record<string, never>,
      namespace: "errors" as never,
      onError: () => {},
      getMessageFallback: ({ key }) => key,
    }) as unknown as (key: string, params?: Record<string, string | number>) => string;
    tr = (ref) => t(ref.key.replace(/^errors\./, ""), localiseParams(ref.params, lang));
    translators.set(lang, tr);
  }
  return tr;
}

const MB = 1024 * 1024;
const tooLarge = () => new ApiProblem(413, "payload_too_large", "payloadTooLarge", { max: IMPORT_MAX_BYTES / MB });

/** The body, refused (413) as soon as it passes the cap: declared or counted, never read in full first. */
async function readCapped(req: Request): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > IMPORT_MAX_BYTES) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > IMPORT_MAX_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The uploaded file as the page would pass it: the wide format's CSV is the cases table. */
async function fileOf(req: Request): Promise<ImportFile> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== CSV_MEDIA_TYPE && type !== XLSX_MEDIA_TYPE)
    throw new ApiProblem(415, "unsupported_media_type", "unsupportedMediaType", { xlsx: XLSX_MEDIA_TYPE });
  const bytes = await readCapped(req);
  if (type === CSV_MEDIA_TYPE) return { name: "cases.csv", bytes };
  // A workbook is a ZIP: anything else sent as XLSX is refused by name, not read as text.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw InputError.field("files", { key: "import.unreadable", params: { name: "cases.xlsx" } });
  return { name: "cases.xlsx", bytes };
}

/** The query's `apply` (true: create; absent or false: dry run) and `centre`. */
function options(query: URLSearchParams): { apply: boolean; centre?: string } {
  const apply = query.get("apply");
  if (apply !== null && apply !== "true" && apply !== "false")
    throw new ApiProblem(400, "invalid_parameter", "invalidParameter", { name: "apply" }, "apply");
  const centre = query.get("centre")?.trim();
  return { apply: apply === "true", ...(centre ? { centre } : {}) };
}

const FIELD_NAMES: Readonly<Record<string, string>> = { files: "body", centreCode: "centre" };

/** An InputError of the import as a 400 problem: its first message, in the caller's language, naming the field. */
function asProblem(error: InputError, tr: Translate): ApiProblem {
  const [field, refs] = Object.entries(error.fieldErrors)[0] ?? ["_form", []];
  const ref = refs[0] ?? { key: "api.invalidParameter" };
  return new ApiProblem(400, "invalid_input", "invalidInput", { problem: tr(ref) }, FIELD_NAMES[field] ?? undefined);
}

export async function apiImport(db: Db, actor: Actor, query: URLSearchParams, call: ApiCall): Promise<ApiResult> {
  const tr = translator(call.lang);
  const message = (ref: MessageRef): ApiMessage => ({ key: ref.key, params: ref.params ?? {}, text: tr(ref) });
  const { apply, centre } = options(query);
  let outcome: Awaited<ReturnType<typeof importCases>>;
  try {
    const file = await fileOf(call.req);
    outcome = await importCases(db, actor, {
      files: [file],
      confirm: apply,
      via: `api:token:${call.tokenId}`,
      ...(centre ? { centreCode: centre } : {}),
    });
  } catch (error) {
    if (error instanceof InputError) throw asProblem(error, tr);
    throw error;
  }
  const row = (r: RowReport) => ({
    row: r.row,
    sourceId: r.sourceId,
    initials: r.initials,
    birthDate: r.birthDate,
    outcome: r.outcome,
    errors: r.errors.map(message),
    fields: r.fields.map((f) => ({ path: f.path, outcome: f.outcome, messages: f.messages.map(message) })),
  });
  const rows = outcome.rows.map(row);
  const body = {
    applied: apply,
    centre: actor.centreCode ?? centre ?? null,
    summary: {
      rows: rows.length,
      created: rows.filter((r) => r.outcome === "created").length,
      refused: rows.filter((r) => r.outcome === "refused").length,
      flaggedFields: rows.reduce((n, r) => n + r.fields.filter((f) => f.outcome === "flagged").length, 0),
    },
    rows,
    created: outcome.created.map((c) => ({ row: c.row, sourceId: c.sourceId, id: c.id })),
  };
  // Audited: how many cases were written (none in a dry run), never what.
  return { body, rows: outcome.created.length };
}
