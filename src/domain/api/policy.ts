// The scripts API (ADR 0020): token scopes and what each needs of its owner's
// role, the token's shape, lifetime and name rules, paging bounds and rate
// limits. Plain data and arithmetic; tokens live in the database
// (src/server/api/tokens.server.ts), requests go through src/server/api/request.server.ts.
import { z } from "zod";
import { can, type Permission, type Role } from "../roles";
import type { WindowLimit } from "../throttle-policy";

export const API_SCOPES = ["dictionary:read", "cases:read", "queries:read", "imports:write"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const isApiScope = (v: unknown): v is ApiScope =>
  typeof v === "string" && (API_SCOPES as readonly string[]).includes(v);

/**
 * What the owner's role must grant for a scope to be chosen, and again at every
 * request: a token never reaches more than its owner could export that day. The
 * cases and the queries are what the export package holds ("export.run"); the
 * dictionary is public knowledge of the study, but still needs a token owner who
 * may hold tokens at all. Importing is the /imports page's permission
 * ("case.import"): among token holders, coordinators only.
 */
export const SCOPE_PERMISSION: Readonly<Record<ApiScope, Permission>> = {
  "dictionary:read": "api.token",
  "cases:read": "export.run",
  "queries:read": "export.run",
  "imports:write": "case.import",
};

export const scopeAllowed = (role: Role, scope: ApiScope): boolean =>
  can(role, "api.token") && can(role, SCOPE_PERMISSION[scope]);

/** Every secret starts with this: recognisable in a leaked file, by secret scanners, and in a header. */
export const TOKEN_PREFIX = "dmsam_";
/** Characters of the secret (after TOKEN_PREFIX) kept in clear to recognise a token in the list. */
export const SHOWN_PREFIX_LENGTH = 6;
/** dmsam_ + 32 random bytes in base64url (43 characters). */
export const TOKEN_PATTERN = /^dmsam_[A-Za-z0-9_-]{43}$/;

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_NAME_MAX = 80;

const DAY_MS = 24 * 3600_000;

/** The token form: a name, at least one scope, a lifetime in days (1 to a year). */
export const newTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: "apiToken.nameRequired" })
      .max(TOKEN_NAME_MAX, { message: "apiToken.nameTooLong" }),
    scopes: z
      .array(z.enum(API_SCOPES, { message: "apiToken.scopeUnknown" }))
      .min(1, { message: "apiToken.scopesRequired" }),
    days: z.coerce
      .number({ message: "apiToken.days" })
      .int({ message: "apiToken.days" })
      .min(1, { message: "apiToken.days" })
      .max(TOKEN_MAX_DAYS, { message: "apiToken.days" }),
  })
  .strict();

export const expiryFrom = (now: Date, days: number): Date => new Date(now.getTime() + days * DAY_MS);

export const API_LIMITS = {
  /** Requests per token: a script paging through 10 000 cases by 500 needs 20. */
  perToken: { max: 120, windowMinutes: 1 },
  /** Refused tokens (unknown, expired, revoked) per client address before every request from it waits. */
  refusedPerClient: { max: 20, windowMinutes: 15 },
} as const satisfies Record<string, WindowLimit>;

/**
 * POST /api/v1/imports: the largest file accepted (a few thousand cases in the
 * wide format is well under it), read no further than this; and the media
 * types of the two formats the /imports page reads (CSV, XLSX).
 */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;
export const CSV_MEDIA_TYPE = "text/csv";
export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MAX = 500;

export type Paging = { ok: true; page: number; pageSize: number } | { ok: false; field: "page" | "pageSize" };

const WHOLE = /^[0-9]{1,9}$/;

/** page (from 1) and pageSize (1…PAGE_SIZE_MAX) from the query string; absent means the defaults. */
export function parsePaging(page: string | null, pageSize: string | null): Paging {
  const p = page === null ? 1 : WHOLE.test(page) ? Number(page) : Number.NaN;
  if (!(p >= 1)) return { ok: false, field: "page" };
  const s = pageSize === null ? PAGE_SIZE_DEFAULT : WHOLE.test(pageSize) ? Number(pageSize) : Number.NaN;
  if (!(s >= 1 && s <= PAGE_SIZE_MAX)) return { ok: false, field: "pageSize" };
  return { ok: true, page: p, pageSize: s };
}

/** The scopes column: space-separated, known ones only (an unknown word grants nothing). */
export const scopesOf = (column: string): ApiScope[] => column.split(" ").filter(isApiScope);

/** The queries' statuses (prisma enum QueryStatus), for the queries endpoint's filter. */
export const QUERY_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export const isQueryStatus = (v: string): v is (typeof QUERY_STATUSES)[number] =>
  (QUERY_STATUSES as readonly string[]).includes(v);
