import "server-only";
// The API's endpoints: the scope each needs and the function that answers it.
// The route handlers under src/app/api/v1 only pass the request here.
import { apiBlockRows, apiCases, apiDictionary, apiQueries } from "./data.server";
import { apiImport } from "./import.server";
import type { ApiEndpoint } from "./request.server";

export const DICTIONARY: ApiEndpoint = {
  name: "GET /api/v1/dictionary",
  scope: "dictionary:read",
  run: (_db, actor) => apiDictionary(actor),
};

export const CASES: ApiEndpoint = {
  name: "GET /api/v1/cases",
  scope: "cases:read",
  run: (db, actor, query) => apiCases(db, actor, query),
};

export const blockRowsEndpoint = (block: string): ApiEndpoint => ({
  name: "GET /api/v1/cases/blocks/{block}",
  scope: "cases:read",
  run: (db, actor, query) => apiBlockRows(db, actor, block, query),
});

export const QUERIES: ApiEndpoint = {
  name: "GET /api/v1/queries",
  scope: "queries:read",
  run: (db, actor, query) => apiQueries(db, actor, query),
};

export const IMPORTS: ApiEndpoint = {
  name: "POST /api/v1/imports",
  scope: "imports:write",
  run: (db, actor, query, call) => apiImport(db, actor, query, call),
};
