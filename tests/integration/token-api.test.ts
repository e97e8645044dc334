// The scripts API (ADR 0020) on real databases: token lifecycle, hash-only
// storage, expiry, revocation, scopes against the owner's current role, paging,
// problems in the caller's language, the per-token rate limit, and one audit
// event per request — through handleApiRequest, the function the routes call.
import { createHash } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { API_LIMITS, PAGE_SIZE_MAX, TOKEN_PATTERN } from "@/domain/api/policy";
import { DICTIONARY_COLUMNS } from "@/domain/crf/data-dictionary";
import { BLOCKS, fieldById } from "@/domain/crf/definition";
import { blockColumns, caseColumns, valueColumnName } from "@/domain/export/columns";
import { DEFAULT_OPTIONS } from "@/domain/export/options";
import { blockRowsEndpoint, CASES, DICTIONARY, QUERIES } from "@/server/api/endpoints.server";
import { handleApiRequest, type ApiEndpoint } from "@/server/api/request.server";
import { createApiToken, findToken, listApiTokens, revokeApiToken } from "@/server/api/tokens.server";
import { createCase } from "@/server/cases.server";
import { ForbiddenError, type InputError, NotFoundError } from "@/server/errors";
import { raiseQuery } from "@/server/case-queries.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

type Json = Record<string, unknown> & { data?: Record<string, unknown>[] };

const T0 = new Date("2026-03-02T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachDatabase("token API", (ctx) => {
  let coord: Actor, stat: Actor, otherStat: Actor, clin: Actor, clinPar: Actor, monitor: Actor;
  let minute = 0;
  /** Each test its own minute: the per-token windows never overlap between tests. */
  const nextMinute = () => at((minute += 2));

  async function call(
    endpoint: ApiEndpoint,
    opts: { token?: string; path?: string; headers?: Record<string, string>; now?: Date; client?: string } = {},
  ): Promise<{ status: number; headers: Headers; body: Json }> {
    const headers: Record<string, string> = {
      "x-forwarded-for": opts.client ?? "192.0.2.10",
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    };
    const url = `http://localhost${opts.path ?? endpoint.name.replace(/^GET /, "")}`;
    const res = await handleApiRequest(ctx.db, new Request(url, { headers }), endpoint, {}, opts.now ?? at(minute));
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  }

  const apiEvents = async () =>
    (await ctx.db.auditEvent.findMany({ where: { type: "api.request" }, orderBy: { seq: "asc" } })).map((e) => ({
      actorId: e.actorId,
      ...(JSON.parse(e.data ?? "{}") as { tokenId: string | null; endpoint: string; status: number; rows: number }),
      refusal: (JSON.parse(e.data ?? "{}") as { refusal?: string }).refusal,
    }));

  const token = async (actor: Actor, scopes: string[], days = 30, now = T0) =>
    (await createApiToken(ctx.db, actor, { name: `script ${scopes.join("+")}`, scopes, days }, now)).secret;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addCentre(ctx.db, "PAR");
    coord = await addUser(ctx.db, { email: "coord@test.fr", role: "COORDINATOR" });
    stat = await addUser(ctx.db, { email: "stat@test.fr", role: "STATISTICIAN" });
    otherStat = await addUser(ctx.db, { email: "stat2@test.fr", role: "STATISTICIAN" });
    clin = await addUser(ctx.db, { email: "clin@test.fr", role: "CLINICIAN", centreCode: "REI" });
    clinPar = await addUser(ctx.db, { email: "clinpar@test.fr", role: "CLINICIAN", centreCode: "PAR" });
    monitor = await addUser(ctx.db, { email: "mon@test.fr", role: "MONITOR" });
    for (const [actor, initials] of [
      [clin, "AB"],
      [clin, "CD"],
      [clinPar, "EF"],
    ] as const) {
      const { id } = await createCase(ctx.db, actor, {
        initials,
        birthDate: "1970-01-01",
        centreCode: actor.centreCode,
        ...ELIGIBLE,
      });
      // One infection row on the first case: the block endpoint has something to serve.
      if (initials === "AB")
        await ctx.db.case.update({
          where: { id },
          data: {
            status: "SUBMITTED",
            answers: {
              fields: { ferritin: { v: 12000 } },
              blocks: { [BLOCKS[0]!.id]: [{ id: "r1", values: {} }] },
            } as object,
          },
        });
    }
  });

  it("creates a token shown once: only its SHA-256 is stored, and the creation is audited", async () => {
    const created = await createApiToken(ctx.db, stat, { name: "R analyses", scopes: ["cases:read"], days: 90 }, T0);
    expect(created.secret).toMatch(TOKEN_PATTERN);
    expect(created.expiresAt).toBe(new Date(T0.getTime() + 90 * 86_400_000).toISOString());
    const row = await ctx.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(created.secret).digest("hex"));
    // The secret is nowhere in the database: not in the token's row, not in the audit trail.
    const secretPart = created.secret.slice(12);
    expect(JSON.stringify(row)).not.toContain(secretPart);
    const events = await ctx.db.auditEvent.findMany();
    expect(JSON.stringify(events)).not.toContain(secretPart);
    const audited = events.find((e) => e.type === "token.created" && e.data?.includes(created.id));
    expect(audited?.actorId).toBe(stat.id);
    // The list never holds the secret or the hash.
    const list = await listApiTokens(ctx.db, stat, T0);
    expect(list.map((t) => t.id)).toContain(created.id);
    expect(JSON.stringify(list)).not.toContain(secretPart);
    expect(JSON.stringify(list)).not.toContain(row.tokenHash);
  });

  it("lets only coordinators and statisticians hold tokens, with the scopes their role allows", async () => {
    expect(await errorOf(() => token(clin, ["dictionary:read"]))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => token(monitor, ["cases:read"]))).toBeInstanceOf(ForbiddenError);
    expect(await token(coord, ["queries:read", "cases:read"])).toMatch(TOKEN_PATTERN);
    const bad = async (input: Record<string, unknown>) =>
      ((await errorOf(() => createApiToken(ctx.db, coord, input, T0))) as InputError).fieldErrors;
    expect(Object.keys(await bad({ name: "", scopes: ["cases:read"], days: 30 }))).toEqual(["name"]);
    expect(await bad({ name: "x", scopes: [], days: 30 })).toEqual({ scopes: [{ key: "apiToken.scopesRequired" }] });
    expect(Object.keys(await bad({ name: "x", scopes: ["cases:write"], days: 30 }))[0]).toMatch(/^scopes/);
    expect(await bad({ name: "x", scopes: ["cases:read"], days: 366 })).toEqual({ days: [{ key: "apiToken.days" }] });
    expect(await bad({ name: "x", scopes: ["cases:read"], days: 0 })).toEqual({ days: [{ key: "apiToken.days" }] });
    expect(Object.keys(await bad({ name: "x", scopes: ["cases:read"], days: 30, ownerId: stat.id }))).toEqual([
      "_form",
    ]);
  });

  it("serves the wide rows with the CSV export's columns, audits the request and notes the last use", async () => {
    const now = nextMinute();
    const secret = await token(stat, ["cases:read"]);
    const tokenId = (await findToken(ctx.db, secret))!.id;
    const res = await call(CASES, { token: secret, now });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body.columns).toEqual(caseColumns(DEFAULT_OPTIONS).map((c) => c.name));
    expect(res.body.total).toBe(3);
    expect(res.body.data!.map((r) => r.initials)).toEqual(["EF", "AB", "CD"]);
    expect(res.body.data!.find((r) => r.initials === "AB")?.[valueColumnName(fieldById("ferritin")!)]).toBe(12000);
    const last = (await apiEvents()).at(-1);
    expect(last).toMatchObject({ tokenId, endpoint: "GET /api/v1/cases", status: 200, rows: 3, actorId: stat.id });
    const row = await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row.lastUsedAt?.toISOString()).toBe(now.toISOString());
    // The per-block rows and the dictionary.
    const block = BLOCKS[0]!.id;
    const rows = await call(blockRowsEndpoint(block), { token: secret, path: `/api/v1/cases/blocks/${block}` });
    expect(rows.status).toBe(200);
    expect(rows.body.columns).toEqual(blockColumns(block).map((c) => c.name));
    expect(rows.body.data).toHaveLength(1);
    expect(rows.body.data![0]).toMatchObject({ row_number: 1, row_id: "r1" });
    const unknown = await call(blockRowsEndpoint("nope"), { token: secret, path: "/api/v1/cases/blocks/nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("unknown_block");
  });

  it("pages through the cases and refuses out-of-bounds paging with a message naming the parameter", async () => {
    nextMinute();
    const secret = await token(coord, ["cases:read"]);
    const page2 = await call(CASES, { token: secret, path: "/api/v1/cases?page=2&pageSize=1" });
    expect(page2.body).toMatchObject({ page: 2, pageSize: 1, total: 3, pages: 3 });
    expect(page2.body.data!.map((r) => r.initials)).toEqual(["AB"]);
    const past = await call(CASES, { token: secret, path: "/api/v1/cases?page=9&pageSize=2" });
    expect(past.status).toBe(200);
    expect(past.body.data).toEqual([]);
    for (const [query, field] of [
      ["page=0", "page"],
      ["page=-1", "page"],
      ["page=1.5", "page"],
      ["page=abc", "page"],
      ["pageSize=0", "pageSize"],
      [`pageSize=${PAGE_SIZE_MAX + 1}`, "pageSize"],
      ["status=DONE", "status"],
      ["centre=XYZ", "centre"],
    ]) {
      const res = await call(CASES, { token: secret, path: `/api/v1/cases?${query}` });
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ code: "invalid_parameter", field });
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const fr = await call(CASES, { token: secret, path: "/api/v1/cases?pageSize=0" });
    expect(fr.body.detail).toBe(`pageSize : un nombre entier de 1 à ${PAGE_SIZE_MAX}.`);
    const en = await call(CASES, {
      token: secret,
      path: "/api/v1/cases?pageSize=0",
      headers: { "accept-language": "de-DE, en-GB;q=0.8, fr;q=0.5" },
    });
    expect(en.body.detail).toBe(`pageSize: a whole number from 1 to ${PAGE_SIZE_MAX}.`);
    const filtered = await call(CASES, { token: secret, path: "/api/v1/cases?centre=REI&status=SUBMITTED" });
    expect(filtered.body.data!.map((r) => r.initials)).toEqual(["AB"]);
  });

  it("answers 401 with WWW-Authenticate for a missing, malformed, unknown, expired or revoked token", async () => {
    const now = nextMinute();
    const before = (await apiEvents()).length;
    const missing = await call(DICTIONARY, { now });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="dm-sam"');
    expect(missing.body.code).toBe("unauthenticated");
    // A request without a token uses none: not audited.
    expect((await apiEvents()).length).toBe(before);
    const secret = await token(stat, ["dictionary:read"], 1, now);
    const forged = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const bad of [forged, "dmsam_short", "not-a-token"]) {
      const res = await call(DICTIONARY, { token: bad, now, client: "192.0.2.50" });
      expect(res.status, bad).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="dm-sam", error="invalid_token"');
    }
    expect((await apiEvents()).at(-1)).toMatchObject({ tokenId: null, status: 401, refusal: "unknown_token" });
    expect((await call(DICTIONARY, { token: secret, now })).status).toBe(200);
    // A day later the token has expired.
    const later = new Date(now.getTime() + 86_400_000);
    const expired = await call(DICTIONARY, { token: secret, now: later });
    expect(expired.status).toBe(401);
    expect((await apiEvents()).at(-1)).toMatchObject({ status: 401, refusal: "expired" });
    // Revoked: by its owner, then nobody else can use it.
    const second = await token(stat, ["dictionary:read"], 30, now);
    const id = (await findToken(ctx.db, second))!.id;
    expect(await errorOf(() => revokeApiToken(ctx.db, otherStat, id, now))).toBeInstanceOf(NotFoundError);
    expect((await call(DICTIONARY, { token: second, now })).status).toBe(200);
    await revokeApiToken(ctx.db, stat, id, now);
    const revoked = await call(DICTIONARY, { token: second, now });
    expect(revoked.status).toBe(401);
    expect((await apiEvents()).at(-1)).toMatchObject({ tokenId: id, status: 401, refusal: "revoked" });
    const events = await ctx.db.auditEvent.findMany({ where: { type: "token.revoked" } });
    expect(events.some((e) => e.data?.includes(id) && e.actorId === stat.id)).toBe(true);
    // A coordinator revokes anyone's token (a leaked one), and sees it in the list.
    const third = await token(otherStat, ["dictionary:read"], 30, now);
    const thirdId = (await findToken(ctx.db, third))!.id;
    expect((await listApiTokens(ctx.db, coord, now)).map((t) => t.id)).toContain(thirdId);
    expect((await listApiTokens(ctx.db, stat, now)).map((t) => t.id)).not.toContain(thirdId);
    await revokeApiToken(ctx.db, coord, thirdId, now);
    expect((await call(DICTIONARY, { token: third, now })).status).toBe(401);
    expect((await listApiTokens(ctx.db, otherStat, now)).find((t) => t.id === thirdId)?.state).toBe("revoked");
  });

  it("refuses a scope the token lacks, or that its owner's role no longer grants (403)", async () => {
    nextMinute();
    const dictOnly = await token(stat, ["dictionary:read"]);
    const res = await call(CASES, { token: dictOnly });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("insufficient_scope");
    expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="cases:read"');
    expect((await apiEvents()).at(-1)).toMatchObject({ status: 403, refusal: "scope", rows: 0 });
    const dict = await call(DICTIONARY, { token: dictOnly });
    expect(dict.status).toBe(200);
    expect(dict.body.columns).toEqual([...DICTIONARY_COLUMNS]);
    // The owner becomes a monitor of one centre: the token reaches no case any more, whatever its scopes.
    const owner = await addUser(ctx.db, { email: "moving@test.fr", role: "STATISTICIAN" });
    const secret = await token(owner, ["cases:read", "queries:read"]);
    expect((await call(CASES, { token: secret })).status).toBe(200);
    const rei = await ctx.db.centre.findUniqueOrThrow({ where: { code: "REI" } });
    await ctx.db.user.update({
      where: { id: owner.id },
      data: { role: "MONITOR", monitoredCentres: { create: { centreId: rei.id } } },
    });
    expect((await call(CASES, { token: secret })).status).toBe(403);
    expect((await call(QUERIES, { token: secret })).status).toBe(403);
    // And a disabled owner's tokens stop at once.
    await ctx.db.user.update({ where: { id: owner.id }, data: { role: "STATISTICIAN", active: false } });
    const disabled = await call(CASES, { token: secret });
    expect(disabled.status).toBe(401);
    expect((await apiEvents()).at(-1)).toMatchObject({ status: 401, refusal: "owner_inactive" });
  });

  it("refuses a token in the address, even with a valid header, and revokes the token sent there", async () => {
    const now = nextMinute();
    const secret = await token(coord, ["cases:read"], 30, now);
    const id = (await findToken(ctx.db, secret))!.id;
    for (const query of ["token=abc", `x=${encodeURIComponent(`see dmsam_${"y".repeat(43)}`)}`]) {
      const res = await call(CASES, { token: secret, path: `/api/v1/cases?${query}`, now });
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("token_in_url");
      expect((await apiEvents()).at(-1)).toMatchObject({ status: 400, refusal: "token_in_url", tokenId: null });
    }
    // Not a token of ours in those: the header's token still works.
    expect((await call(CASES, { token: secret, now })).status).toBe(200);
    const leaked = await call(CASES, { token: secret, path: `/api/v1/cases?access_token=${secret}`, now });
    expect(leaked.status).toBe(400);
    expect(leaked.body.code).toBe("token_in_url");
    expect((await apiEvents()).at(-1)).toMatchObject({ status: 400, refusal: "token_in_url", tokenId: id });
    const revocation = (await ctx.db.auditEvent.findMany({ where: { type: "token.revoked" } })).find((e) =>
      e.data?.includes(id),
    );
    expect(JSON.parse(revocation!.data!)).toMatchObject({ tokenId: id, cause: "sent_in_url" });
    expect(revocation!.actorId).toBe(coord.id);
    expect((await call(CASES, { token: secret, now })).status).toBe(401);
  });

  it("serves the queries of the cases in scope, with their messages", async () => {
    nextMinute();
    const ab = await ctx.db.case.findFirstOrThrow({ where: { initials: "AB" } });
    const { queryId } = await raiseQuery(ctx.db, coord, ab.id, {
      fieldPath: "ferritin",
      message: "Ferritine à vérifier ?",
    });
    const secret = await token(stat, ["queries:read"]);
    const res = await call(QUERIES, { token: secret });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    expect(res.body.data![0]).toMatchObject({
      query_id: queryId,
      record_id: ab.id,
      centre: "REI",
      field_path: "ferritin",
      query_status: "OPEN",
      messages: [{ number: 1, kind: "raised", author_role: "COORDINATOR", message: "Ferritine à vérifier ?" }],
    });
    expect((await call(QUERIES, { token: secret, path: "/api/v1/queries?status=CLOSED" })).body.total).toBe(0);
    expect((await call(QUERIES, { token: secret, path: "/api/v1/queries?status=NOPE" })).status).toBe(400);
  });

  it("limits each token's requests per minute (429 with Retry-After), counted in the database", async () => {
    const now = nextMinute();
    const secret = await token(coord, ["dictionary:read"]);
    const other = await token(coord, ["dictionary:read"]);
    for (let i = 0; i < API_LIMITS.perToken.max; i++) {
      const res = await handleApiRequest(
        ctx.db,
        new Request("http://localhost/api/v1/dictionary", { headers: { authorization: `Bearer ${secret}` } }),
        DICTIONARY,
        {},
        now,
      );
      expect(res.status).toBe(200);
    }
    const refused = await call(DICTIONARY, { token: secret, now });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBe(60);
    expect((await apiEvents()).at(-1)).toMatchObject({ status: 429, refusal: "rate" });
    // Another token is not held back; the same one works again in the next window.
    expect((await call(DICTIONARY, { token: other, now })).status).toBe(200);
    expect((await call(DICTIONARY, { token: secret, now: new Date(now.getTime() + 61_000) })).status).toBe(200);
  });

  it("holds back an address that presents too many refused tokens", async () => {
    const now = nextMinute();
    const good = await token(coord, ["dictionary:read"]);
    for (let i = 0; i < API_LIMITS.refusedPerClient.max; i++)
      expect((await call(DICTIONARY, { token: `dmsam_${"x".repeat(43)}`, now, client: "198.51.100.7" })).status).toBe(
        401,
      );
    const held = await call(DICTIONARY, { token: good, now, client: "198.51.100.7" });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(DICTIONARY, { token: good, now, client: "198.51.100.8" })).status).toBe(200);
  });

  it("keeps the audit chain intact", async () => {
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });
});
