// The API's OpenAPI 3.1 document (ADR 0020), generated from the code it
// describes: the paths served under src/app/api/v1 (a test checks that every
// route is here), the scopes, and the row schemas from the export's column
// model — so a new field of the form appears in the document with its type and
// codes without anyone editing it. Served at GET /api/v1/openapi.json.
import { DICTIONARY_COLUMNS } from "../crf/data-dictionary";
import { BLOCKS } from "../crf/definition";
import type { ColumnInfo } from "../export/column-types";
import { blockColumns, caseColumns } from "../export/columns";
import { DEFAULT_OPTIONS, BLOCK_IDS } from "../export/options";
import { CASE_STATUSES } from "../lifecycle";
import {
  API_LIMITS,
  API_SCOPES,
  CSV_MEDIA_TYPE,
  IMPORT_MAX_BYTES,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  QUERY_STATUSES,
  TOKEN_MAX_DAYS,
  XLSX_MEDIA_TYPE,
  type ApiScope,
} from "./policy";
import { importOperation, importSchemas } from "./openapi-import";

type Schema = Record<string, unknown>;

/** Every path of the API, as written in the document (route folders under src/app/api/v1). */
export const API_PATHS = [
  "/api/v1/openapi.json",
  "/api/v1/dictionary",
  "/api/v1/cases",
  "/api/v1/cases/blocks/{block}",
  "/api/v1/queries",
  "/api/v1/imports",
] as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

const REFUSALS = {
  "400": problem("Bad parameter (paging, filter) or a token in the address; `field` names the parameter."),
  "401": problem("No token, or an unknown, expired or revoked one, or its owner's account is disabled."),
  "403": problem("The token lacks the scope, or its owner's role no longer grants it."),
  "429": {
    ...problem("Too many requests for this token (or refused tokens from this address)."),
    headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer", minimum: 1 } } },
  },
};

/** A column's cell as JSON: null when empty; the form's codes as an enum where the column has them. */
function cellSchema(c: ColumnInfo): Schema {
  const description = `${c.label.en} / ${c.label.fr}${c.unit ? ` (${c.unit.label})` : ""}`;
  switch (c.type) {
    case "integer":
    case "decimal":
      // A number as typed that could not be read stays text, as in the CSV.
      return { type: ["number", "string", "null"], description };
    case "choice":
      return c.options?.length
        ? { enum: [...c.options.map((o) => o.value), null], description }
        : { type: ["string", "null"], description };
    case "multi":
      return { type: ["string", "null"], description: `${description}. Codes separated by "|".` };
    case "date":
      return { type: ["string", "null"], description: `${description}. YYYY-MM-DD.` };
    case "datetime":
      return { type: ["string", "null"], format: "date-time", description };
    default:
      return { type: ["string", "null"], description };
  }
}

const rowSchema = (columns: readonly ColumnInfo[], description: string): Schema => ({
  type: "object",
  description,
  properties: Object.fromEntries(columns.map((c) => [c.name, cellSchema(c)])),
});

const pageOf = (item: Schema, withColumns: boolean): Schema => ({
  type: "object",
  required: ["page", "pageSize", "total", "pages", "data", ...(withColumns ? ["columns"] : [])],
  properties: {
    page: { type: "integer", minimum: 1 },
    pageSize: { type: "integer", minimum: 1, maximum: PAGE_SIZE_MAX },
    total: { type: "integer", minimum: 0, description: "Items matching the filters (cases, or queries)." },
    pages: { type: "integer", minimum: 0 },
    ...(withColumns ? { columns: { type: "array", items: { type: "string" } } } : {}),
    data: { type: "array", items: item },
  },
});

const PAGING = [
  {
    name: "page",
    in: "query",
    description: "Page number, from 1. A page past the last one is empty.",
    schema: { type: "integer", minimum: 1, default: 1 },
  },
  {
    name: "pageSize",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: PAGE_SIZE_MAX, default: PAGE_SIZE_DEFAULT },
  },
];

const CASE_FILTERS = [
  {
    name: "centre",
    in: "query",
    description: "Centre codes (repeat, or comma-separated). All centres the owner sees when absent.",
    schema: { type: "array", items: { type: "string", pattern: "^[A-Za-z]{3}$" } },
    style: "form",
    explode: true,
  },
  {
    name: "status",
    in: "query",
    description: "Case statuses (repeat, or comma-separated).",
    schema: { type: "array", items: { enum: [...CASE_STATUSES] } },
    style: "form",
    explode: true,
  },
  {
    name: "ageInsteadOfBirthDate",
    in: "query",
    description: "1: the age at MAS (age_at_sam) instead of the birth date (birth_date), as in the exports.",
    schema: { enum: ["0", "1", "true", "false"] },
  },
];

function operation(
  scope: ApiScope | null,
  summary: string,
  description: string,
  schema: Schema,
  parameters: unknown[] = [],
): Schema {
  return {
    get: {
      summary,
      description,
      operationId: summary.replace(/[^A-Za-z]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()),
      security: scope ? [{ bearerAuth: [scope] }] : [],
      ...(parameters.length ? { parameters } : {}),
      responses: {
        "200": { description: "OK", content: { "application/json": { schema } } },
        ...(scope ? REFUSALS : {}),
      },
    },
  };
}

/** The document, for one server address (the app's own origin). */
export function openApiDocument(version: string): Schema {
  const blockSchemas = Object.fromEntries(
    BLOCKS.map((b) => [`BlockRow_${b.id}`, rowSchema(blockColumns(b.id), `One row of the block ${b.id}.`)]),
  );
  const caseRow = rowSchema(
    caseColumns({ ...DEFAULT_OPTIONS }),
    "One case: the columns of the cases CSV export (with ageInsteadOfBirthDate, age_at_sam replaces birth_date).",
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "DM-SAM eCRF — API",
      version,
      description:
        "Access for scripts (R, Python): reading, and importing cases as drafts. Tokens are created on the page /account/tokens " +
        `(coordinators and statisticians), expire after at most ${TOKEN_MAX_DAYS} days and are sent as ` +
        "`Authorization: Bearer dmsam_…` — never in the address. Every request is audited. " +
        `At most ${API_LIMITS.perToken.max} requests per token per minute. ` +
        "Messages in French, or English with Accept-Language: en.",
      license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
    },
    servers: [{ url: "/" }],
    paths: {
      "/api/v1/openapi.json": operation(null, "This document", "Public: describes the API.", { type: "object" }),
      "/api/v1/dictionary": operation(
        "dictionary:read",
        "Data dictionary",
        "Every variable of the form: the columns of docs/data-dictionary.csv.",
        {
          type: "object",
          required: ["columns", "data"],
          properties: {
            columns: { type: "array", items: { enum: [...DICTIONARY_COLUMNS] } },
            data: { type: "array", items: ref("DictionaryRow") },
          },
        },
      ),
      "/api/v1/cases": operation(
        "cases:read",
        "Cases wide",
        "One row per case, ordered by centre code then record id: the columns and values of the cases CSV export.",
        pageOf(ref("CaseRow"), true),
        [...PAGING, ...CASE_FILTERS],
      ),
      "/api/v1/cases/blocks/{block}": operation(
        "cases:read",
        "Block rows",
        "The rows of one repeating block for one page of cases (pages count cases, not rows): the block CSV's columns.",
        pageOf({ oneOf: BLOCKS.map((b) => ref(`BlockRow_${b.id}`)) }, true),
        [{ name: "block", in: "path", required: true, schema: { enum: [...BLOCK_IDS] } }, ...PAGING, ...CASE_FILTERS],
      ),
      "/api/v1/queries": operation(
        "queries:read",
        "Queries",
        "The queries of the cases the owner sees, oldest first, with their messages (the package's queries.csv).",
        pageOf(ref("Query"), false),
        [
          ...PAGING,
          {
            name: "status",
            in: "query",
            schema: { type: "array", items: { enum: [...QUERY_STATUSES] } },
            style: "form",
            explode: true,
          },
        ],
      ),
      "/api/v1/imports": importOperation(REFUSALS, {
        csv: CSV_MEDIA_TYPE,
        xlsx: XLSX_MEDIA_TYPE,
        maxBytes: IMPORT_MAX_BYTES,
      }),
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "dmsam_ followed by 43 base64url characters",
          description: `Scopes: ${API_SCOPES.join(", ")} (listed on each operation).`,
        },
      },
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details; `code` is stable, `detail` is in the caller's language.",
          required: ["status", "code", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: {
              enum: [
                "unauthenticated",
                "invalid_token",
                "token_in_url",
                "insufficient_scope",
                "rate_limited",
                "invalid_parameter",
                "unknown_block",
                "not_found",
                "invalid_input",
                "payload_too_large",
                "unsupported_media_type",
              ],
            },
            detail: { type: "string" },
            field: { type: "string" },
          },
        },
        DictionaryRow: {
          type: "object",
          properties: Object.fromEntries(DICTIONARY_COLUMNS.map((c) => [c, { type: "string" }])),
        },
        CaseRow: caseRow,
        ...importSchemas(),
        ...blockSchemas,
        Query: {
          type: "object",
          required: ["query_id", "record_id", "centre", "query_status", "messages"],
          properties: {
            query_id: { type: "string" },
            record_id: { type: "string" },
            centre: { type: "string" },
            field_path: { type: ["string", "null"] },
            query_status: { enum: [...QUERY_STATUSES] },
            created_at: { type: "string", format: "date-time" },
            updated_at: { type: "string", format: "date-time" },
            messages: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  number: { type: "integer" },
                  kind: { enum: ["raised", "answered", "closed", "reopened"] },
                  author_id: { type: "string" },
                  author_role: { type: "string" },
                  at: { type: "string", format: "date-time" },
                  message: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  };
}
