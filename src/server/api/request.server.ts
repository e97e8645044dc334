import "server-only";
// One API request from the Authorization header to the audited answer
// (ADR 0020): token in the address refused, then the bearer token checked
// (known, not expired, not revoked, owner still active), the per-token rate
// limit counted in the database, the scope and the owner's current role
// checked, the endpoint run, and one "api.request" event written with the
// outcome — token, endpoint, status, rows served; never the data.
import type { Actor } from "@/domain/actor";
import { API_LIMITS, SCOPE_PERMISSION, type ApiScope } from "@/domain/api/policy";
import type { Locale } from "@/domain/locale";
import { can } from "@/domain/roles";
import { loadActor } from "../actor.server";
import { appendAudit } from "../audit.server";
import { blockedUntil, countAttempt, readCounter, windowMs } from "../auth/throttle.server";
import type { Db } from "../db/create-db";
import { ForbiddenError, NotFoundError } from "../errors";
import { clientOf } from "../http.server";
import type { ApiResult } from "./data.server";
import { ApiProblem, langOf, NO_STORE, problemResponse } from "./problem.server";
import { findToken, revokeLeakedTokens, type StoredToken } from "./tokens.server";

const REALM = 'Bearer realm="dm-sam"';
/** Query parameters that would carry a token (RFC 6750 §2.3 allows access_token; we do not). */
const TOKEN_PARAMS = new Set(["access_token", "token", "api_key", "apikey", "key", "bearer"]);

export interface ApiEndpoint {
  /** The route as documented, e.g. "GET /api/v1/cases" (audited). */
  name: string;
  scope: ApiScope;
  run(db: Db, actor: Actor, query: URLSearchParams, call: ApiCall): Promise<ApiResult> | ApiResult;
}

/** What an endpoint that reads a body or writes may need beyond the query: the request, the token, the language. */
export interface ApiCall {
  req: Request;
  tokenId: string;
  lang: Locale;
}

interface Outcome {
  response: Response;
  token: StoredToken | null;
  owner: Actor | null;
  rows: number;
  refusal?: string;
}

function tokenInUrl(url: URL): boolean {
  for (const [name, value] of url.searchParams)
    if (TOKEN_PARAMS.has(name.toLowerCase()) || value.includes("dmsam_")) return true;
  return false;
}

/** The secret of "Authorization: Bearer <secret>", or null. */
function bearer(header: string | null): string | null {
  const m = /^Bearer[ ]+([!-~]{1,200})\s*$/i.exec(header ?? "");
  return m ? (m[1] as string) : null;
}

const retryAfter = (until: Date, now: Date) => String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));

async function decide(db: Db, req: Request, endpoint: ApiEndpoint, client: string, now: Date): Promise<Outcome> {
  const lang = langOf(req.headers.get("accept-language"));
  const url = new URL(req.url);
  const refuse = (
    problem: ApiProblem,
    extra: Partial<Outcome> = {},
    headers: Record<string, string> = {},
  ): Outcome => ({
    response: problemResponse(lang, problem, headers),
    token: null,
    owner: null,
    rows: 0,
    ...extra,
  });
  if (tokenInUrl(url)) {
    const leaked = await revokeLeakedTokens(db, [...url.searchParams.values()], now);
    return refuse(new ApiProblem(400, "token_in_url", "tokenInUrl"), {
      refusal: "token_in_url",
      token: leaked[0] ?? null,
    });
  }
  const secret = bearer(req.headers.get("authorization"));
  if (!secret)
    return refuse(new ApiProblem(401, "unauthenticated", "unauthenticated"), {}, { "WWW-Authenticate": REALM });

  // Refused tokens from one address are limited before the database is asked about another one.
  const refusedKey = `api:refused:ip:${client}`;
  const refusedWindow = windowMs(API_LIMITS.refusedPerClient);
  const clientBlocked = blockedUntil(
    await readCounter(db, refusedKey, refusedWindow, now),
    API_LIMITS.refusedPerClient,
  );
  if (clientBlocked)
    return refuse(
      new ApiProblem(429, "rate_limited", "rateLimited", { seconds: retryAfter(clientBlocked, now) }),
      { refusal: "rate_client" },
      { "Retry-After": retryAfter(clientBlocked, now) },
    );

  const invalid = async (refusal: string, token: StoredToken | null): Promise<Outcome> => {
    await countAttempt(db, refusedKey, refusedWindow, now);
    return refuse(
      new ApiProblem(401, "invalid_token", "invalidToken"),
      { refusal, token },
      { "WWW-Authenticate": `${REALM}, error="invalid_token"` },
    );
  };
  const token = await findToken(db, secret);
  if (!token) return invalid("unknown_token", null);
  if (token.revokedAt) return invalid("revoked", token);
  if (token.expiresAt <= now) return invalid("expired", token);
  // The owner as of now: a disabled account's tokens stop with it; role and centre are today's.
  const owner = await loadActor(db, token.ownerId);
  if (!owner) return invalid("owner_inactive", token);

  const count = await countAttempt(db, `api:token:${token.id}`, windowMs(API_LIMITS.perToken), now);
  if (count > API_LIMITS.perToken.max) {
    const counter = await readCounter(db, `api:token:${token.id}`, windowMs(API_LIMITS.perToken), now);
    const until = new Date(counter.windowStart + windowMs(API_LIMITS.perToken));
    return refuse(
      new ApiProblem(429, "rate_limited", "rateLimited", { seconds: retryAfter(until, now) }),
      { refusal: "rate", token, owner },
      { "Retry-After": retryAfter(until, now) },
    );
  }
  if (!token.scopes.includes(endpoint.scope) || !can(owner.role, SCOPE_PERMISSION[endpoint.scope]))
    return refuse(
      new ApiProblem(403, "insufficient_scope", "insufficientScope", { scope: endpoint.scope }),
      { refusal: "scope", token, owner },
      { "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${endpoint.scope}"` },
    );
  try {
    const result = await endpoint.run(db, owner, url.searchParams, { req, tokenId: token.id, lang });
    const response = new Response(JSON.stringify(result.body), {
      status: 200,
      headers: { ...NO_STORE, "Content-Type": "application/json; charset=utf-8" },
    });
    return { response, token, owner, rows: result.rows };
  } catch (error) {
    if (error instanceof ApiProblem) return refuse(error, { token, owner });
    if (error instanceof ForbiddenError)
      return refuse(new ApiProblem(403, "insufficient_scope", "insufficientScope", { scope: endpoint.scope }), {
        refusal: "scope",
        token,
        owner,
      });
    if (error instanceof NotFoundError) return refuse(new ApiProblem(404, "not_found", "notFound"), { token, owner });
    throw error;
  }
}

/** Serves one API request and audits it (every request that presented a token, and every refused one). */
export async function handleApiRequest(
  db: Db,
  req: Request,
  endpoint: ApiEndpoint,
  env?: Readonly<Record<string, string | undefined>>,
  now: Date = new Date(),
): Promise<Response> {
  const client = env ? clientOf(req.headers, env) : clientOf(req.headers);
  const outcome = await decide(db, req, endpoint, client, now);
  // A request without any token, or one from an address already refused too often, is not a use of a token:
  // not written (the trail would otherwise be the flood's to fill).
  if (outcome.token === null && (outcome.refusal === undefined || outcome.refusal === "rate_client"))
    return outcome.response;
  const owner = outcome.owner;
  await db.$transaction(async (tx) => {
    if (outcome.token && outcome.response.status < 400)
      await tx.apiToken.update({ where: { id: outcome.token.id }, data: { lastUsedAt: now } });
    await appendAudit(
      tx,
      [
        {
          type: "api.request",
          actor: owner ? { id: owner.id, role: owner.role, centreCode: owner.centreCode } : null,
          data: {
            tokenId: outcome.token?.id ?? null,
            endpoint: endpoint.name,
            status: outcome.response.status,
            rows: outcome.rows,
            ...(outcome.refusal ? { refusal: outcome.refusal } : {}),
            ...(outcome.response.status >= 400 ? { client } : {}),
          },
        },
      ],
      now,
    );
  });
  return outcome.response;
}
