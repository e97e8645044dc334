// POST /api/v1/imports (ADR 0020) on real databases, through handleApiRequest as the route calls it:
// the dry run writes nothing; apply creates exactly the valid rows as drafts of the chosen centre with the
// import's audit naming the token; refused rows name the field and the rule, in the caller's language;
// the scope and the owner's role are re-checked; too large (413), wrong type (415), garbage (400).
import { Readable } from "node:stream";
import { beforeAll, expect, it } from "vitest";
import yazl from "yazl";
import type { Actor } from "@/domain/actor";
import { IMPORT_MAX_BYTES, TOKEN_PATTERN, XLSX_MEDIA_TYPE } from "@/domain/api/policy";
import { computeResults } from "@/domain/crf/computed";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import type { NumberField } from "@/domain/crf/types";
import { parseCsv, toCsv } from "@/domain/csv";
import { valueColumnName } from "@/domain/export/names";
import { IMPORTS } from "@/server/api/endpoints.server";
import { handleApiRequest } from "@/server/api/request.server";
import { createApiToken, findToken } from "@/server/api/tokens.server";
import { createCase } from "@/server/cases.server";
import { InputError } from "@/server/errors";
import { streamExport } from "@/server/exports/index.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";
import { unzip } from "../unit/export/expected";

type Msg = { key: string; params: Record<string, unknown>; text: string };
type Report = {
  applied: boolean;
  centre: string | null;
  summary: { rows: number; created: number; refused: number; flaggedFields: number };
  rows: {
    row: number;
    outcome: string;
    errors: Msg[];
    fields: { path: string; outcome: string; messages: Msg[] }[];
  }[];
  created: { row: number; sourceId: string; id: string }[];
};
type Json = Record<string, unknown>;

const T0 = new Date("2026-03-02T10:00:00Z");
const CSV = "text/csv";

/** A number field with a soft limit below its hard one: a value between them is flagged, not refused. */
const soft = TOP_LEVEL_FIELDS.filter((f): f is NumberField => f.type === "number").find(
  (f) => f.soft?.max !== undefined && f.hard.max !== undefined && f.soft.max < f.hard.max && !f.showIf,
)!;

describeEachDatabase("token API import", (ctx) => {
  let coord: Actor, stat: Actor;
  let cases: Uint8Array, xlsx: Uint8Array;
  let minute = 0;
  /** Each test its own minutes: the per-token rate windows never overlap. */
  const now = () => new Date(T0.getTime() + (minute += 2) * 60_000);

  async function post(
    opts: {
      token: string;
      query?: string;
      type?: string;
      body?: Uint8Array | ReadableStream<Uint8Array>;
      lang?: string;
    },
    at = now(),
  ): Promise<{ status: number; headers: Headers; body: Json }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${opts.token}`,
      "x-forwarded-for": "192.0.2.20",
      ...(opts.type ? { "content-type": opts.type } : {}),
      ...(opts.lang ? { "accept-language": opts.lang } : {}),
    };
    const req = new Request(`http://localhost/api/v1/imports${opts.query ?? ""}`, {
      method: "POST",
      headers,
      body: (opts.body ?? null) as BodyInit | null,
      ...(opts.body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const res = await handleApiRequest(ctx.db, req, IMPORTS, {}, at);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  }

  const token = async (actor: Actor, scopes: string[]) =>
    (await createApiToken(ctx.db, actor, { name: `import ${scopes.join("+")}`, scopes, days: 30 }, T0)).secret;
  const bytes = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());
  const withCell = (file: Uint8Array, row: number, column: string, value: string): Uint8Array => {
    const table = parseCsv(new TextDecoder().decode(file));
    const at = table[0]!.indexOf(column);
    if (at < 0) throw new Error(`no column ${column}`);
    table[row]![at] = value;
    return new TextEncoder().encode(toCsv(table));
  };
  const counts = async () => ({ cases: await ctx.db.case.count(), audit: await ctx.db.auditEvent.count() });
  const lastApiEvent = async () => {
    const e = await ctx.db.auditEvent.findFirst({ where: { type: "api.request" }, orderBy: { seq: "desc" } });
    return JSON.parse(e?.data ?? "{}") as { tokenId: string; endpoint: string; status: number; rows: number };
  };

  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    const source = await addUser(ctx.db, { email: "clin.api-import@x.test", role: "CLINICIAN", centreCode: "REI" });
    coord = await addUser(ctx.db, { email: "coord.api-import@x.test", role: "COORDINATOR" });
    stat = await addUser(ctx.db, { email: "stat.api-import@x.test", role: "STATISTICIAN" });
    for (const [initials, birthDate, n] of [
      ["ZE", "1962-04-18", 2],
      ["MB", "1980-02-29", 3],
      ["ND", "1975-11-30", 4],
    ] as const) {
      const { id } = await createCase(ctx.db, source, { initials, birthDate, centreCode: "REI", ...ELIGIBLE });
      const record = sampleRecord(n);
      await ctx.db.case.update({
        where: { id },
        data: { answers: record as object, computed: computeResults(record, birthDate) as object },
      });
    }
    const zip = unzip(
      Buffer.from(await bytes((await streamExport(ctx.db, coord, "package-zip", { centres: ["REI"] })).stream)),
    );
    cases = new Uint8Array(zip.get("cases.csv")!);
    xlsx = await bytes((await streamExport(ctx.db, coord, "xlsx", { centres: ["REI"] })).stream);
  });

  it("offers imports:write to coordinators only (the owners whose role may import)", async () => {
    expect(await token(coord, ["imports:write"])).toMatch(TOKEN_PATTERN);
    const refused = (await errorOf(() => token(stat, ["imports:write"]))) as InputError;
    expect(refused).toBeInstanceOf(InputError);
    expect(refused.fieldErrors.scopes?.[0]).toMatchObject({ key: "apiToken.scopeNotAllowed" });
  });

  it("dry run by default: reports every row and field in the caller's language, and writes nothing", async () => {
    const secret = await token(coord, ["imports:write"]);
    let file = withCell(cases, 1, "sex", "xx");
    file = withCell(file, 2, valueColumnName(soft), String((soft.soft!.max! + soft.hard.max!) / 2));
    file = withCell(file, 3, "comments", "Rappeler le 06 12 34 56 78");
    const before = await counts();
    const res = await post({ token: secret, query: "?centre=PAR", type: CSV, body: file, lang: "en" });
    expect(res.status).toBe(200);
    const report = res.body as unknown as Report;
    // Only the api.request event is written: no case, no import event.
    expect(await counts()).toEqual({ cases: before.cases, audit: before.audit + 1 });
    expect(report).toMatchObject({ applied: false, centre: "PAR", created: [] });
    expect(report.summary).toMatchObject({ rows: 3, created: 1, refused: 2 });
    const field = (row: number, path: string) => report.rows[row - 1]!.fields.find((f) => f.path === path);
    expect(field(1, "sex")).toMatchObject({
      outcome: "refused",
      messages: [{ key: "import.unknownCode", params: { value: "xx" } }],
    });
    expect(field(1, "sex")!.messages[0]!.text).toMatch(/“xx” is not a code of this field/);
    expect(report.rows[1]!.outcome).toBe("created");
    expect(field(2, soft.id)).toMatchObject({ outcome: "flagged" });
    expect(field(2, soft.id)!.messages[0]!.text).not.toBe(field(2, soft.id)!.messages[0]!.key);
    expect(field(3, "comments")).toMatchObject({
      outcome: "refused",
      messages: [expect.objectContaining({ key: "identifierGuard.phone" })],
    });
    // French by default: the same refusal, in French.
    const fr = (await post({ token: secret, query: "?centre=PAR", type: CSV, body: file })).body as unknown as Report;
    expect(fr.rows[0]!.fields.find((f) => f.path === "sex")!.messages[0]!.text).toMatch(
      /« xx » n’est pas un code de ce champ/,
    );
    expect(await lastApiEvent()).toMatchObject({ endpoint: "POST /api/v1/imports", status: 200, rows: 0 });
  });

  it("apply=true creates exactly the valid rows as drafts of the centre, audited with the token as source", async () => {
    const secret = await token(coord, ["imports:write"]);
    const tokenId = (await findToken(ctx.db, secret))!.id;
    const file = withCell(cases, 1, "sex", "xx");
    const res = await post({ token: secret, query: "?centre=PAR&apply=true", type: CSV, body: file });
    expect(res.status).toBe(200);
    const report = res.body as unknown as Report;
    expect(report.applied).toBe(true);
    expect(report.rows.map((r) => r.outcome)).toEqual(["refused", "created", "created"]);
    expect(report.created.map((c) => c.row)).toEqual([2, 3]);
    const made = await ctx.db.case.findMany({ where: { centre: { code: "PAR" } }, include: { centre: true } });
    expect(made.map((c) => c.id).sort()).toEqual(report.created.map((c) => c.id).sort());
    expect(made.map((c) => c.initials).sort()).toEqual(["MB", "ND"]);
    expect(made.every((c) => c.status === "DRAFT" && c.createdById === coord.id)).toBe(true);
    const events = await ctx.db.auditEvent.findMany({ where: { caseId: { in: report.created.map((c) => c.id) } } });
    expect(events.filter((e) => e.type === "case.created")).toHaveLength(2);
    expect(events.filter((e) => e.type === "case.field_changed").length).toBeGreaterThan(20);
    expect(events.every((e) => e.reason === `api:token:${tokenId} import:cases.csv`)).toBe(true);
    expect(await lastApiEvent()).toMatchObject({ tokenId, endpoint: "POST /api/v1/imports", status: 200, rows: 2 });
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });

  it("reads the XLSX workbook too, and a coordinator must name the centre", async () => {
    const secret = await token(coord, ["imports:write"]);
    const noCentre = await post({ token: secret, type: XLSX_MEDIA_TYPE, body: xlsx, lang: "en" });
    expect(noCentre.status).toBe(400);
    expect(noCentre.body).toMatchObject({ code: "invalid_input", field: "centre" });
    expect(noCentre.body.detail).toMatch(/^Centre:/);
    const before = await counts();
    const res = await post({ token: secret, query: "?centre=LYO&apply=true", type: XLSX_MEDIA_TYPE, body: xlsx });
    expect(res.status).toBe(200);
    expect((res.body as unknown as Report).created).toHaveLength(3);
    expect((await counts()).cases).toBe(before.cases + 3);
    const unknownCentre = await post({ token: secret, query: "?centre=XYZ", type: CSV, body: cases });
    expect(unknownCentre.body).toMatchObject({ status: 400, field: "centre" });
    const badApply = await post({ token: secret, query: "?centre=LYO&apply=yes", type: CSV, body: cases });
    expect(badApply.body).toMatchObject({ status: 400, code: "invalid_parameter", field: "apply" });
  });

  it("403 without the scope, and when the owner's role no longer grants the import", async () => {
    const readOnly = await token(coord, ["cases:read", "dictionary:read"]);
    const owner = await addUser(ctx.db, { email: "coord2.api-import@x.test", role: "COORDINATOR" });
    const secret = await token(owner, ["imports:write"]);
    const before = await counts();
    const res = await post({ token: readOnly, query: "?centre=PAR&apply=true", type: CSV, body: cases });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "insufficient_scope" });
    expect(res.headers.get("www-authenticate")).toContain('scope="imports:write"');
    await ctx.db.user.update({ where: { id: owner.id }, data: { role: "STATISTICIAN" } });
    const demoted = await post({ token: secret, query: "?centre=PAR&apply=true", type: CSV, body: cases });
    expect(demoted.status).toBe(403);
    expect(demoted.body).toMatchObject({ code: "insufficient_scope" });
    // Nothing written but the two api.request events.
    expect(await counts()).toEqual({ cases: before.cases, audit: before.audit + 2 });
    expect(await lastApiEvent()).toMatchObject({ status: 403, rows: 0 });
  });

  it("413 past the cap, 415 for another type, 400 naming the problem for a garbage file — never a 500", async () => {
    const secret = await token(coord, ["imports:write"]);
    const before = await counts();
    const big = new Uint8Array(IMPORT_MAX_BYTES + 1).fill(0x41);
    const tooLarge = await post({ token: secret, query: "?centre=PAR", type: CSV, body: big, lang: "en" });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get("content-type")).toContain("application/problem+json");
    expect(tooLarge.body).toMatchObject({ code: "payload_too_large", detail: "File too large: 4 MB at most." });
    // A streamed body (no length declared) is cut at the cap too.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 65_536;
        c.enqueue(new Uint8Array(65_536).fill(0x41));
      },
    });
    const streamed = await post({ token: secret, query: "?centre=PAR", type: CSV, body: endless });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(IMPORT_MAX_BYTES + 4 * 65_536);
    for (const type of ["application/json", "multipart/form-data; boundary=x", ""]) {
      const wrong = await post({ token: secret, query: "?centre=PAR", ...(type ? { type } : {}), body: cases });
      expect(wrong.status, type).toBe(415);
      expect(wrong.body, type).toMatchObject({ code: "unsupported_media_type" });
    }
    const garbage = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    const csv = await post({ token: secret, query: "?centre=PAR", type: CSV, body: garbage, lang: "en" });
    expect(csv.status).toBe(400);
    expect(csv.body).toMatchObject({ code: "invalid_input", field: "body" });
    expect(csv.body.detail).toMatch(/no cases table/);
    const notZip = await post({ token: secret, query: "?centre=PAR", type: XLSX_MEDIA_TYPE, body: garbage });
    expect(notZip.body).toMatchObject({ status: 400, code: "invalid_input", field: "body" });
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...garbage]);
    const zip = await post({ token: secret, query: "?centre=PAR", type: XLSX_MEDIA_TYPE, body: brokenZip });
    expect(zip.body).toMatchObject({ status: 400, code: "invalid_input", field: "body" });
    expect(zip.body.detail).toMatch(/ni CSV ni XLSX lisible/);
    // A zip bomb within the 4 MB cap: refused by the inflate budget before the workbook is read.
    const z = new yazl.ZipFile();
    z.addBuffer(Buffer.alloc(200 * 1024 * 1024), "xl/worksheets/sheet1.xml");
    z.end();
    const bomb = new Uint8Array(
      await new Response(Readable.toWeb(z.outputStream as Readable) as ReadableStream).arrayBuffer(),
    );
    expect(bomb.length).toBeLessThan(IMPORT_MAX_BYTES);
    const inflated = await post({ token: secret, query: "?centre=PAR", type: XLSX_MEDIA_TYPE, body: bomb, lang: "en" });
    expect(inflated.body).toMatchObject({ status: 400, code: "invalid_input", field: "body" });
    expect(inflated.body.detail).toMatch(/uncompressed, the workbook exceeds 64 MB/);
    const empty = await post({ token: secret, query: "?centre=PAR", type: CSV });
    expect(empty.body).toMatchObject({ status: 400, code: "invalid_input" });
    expect((await counts()).cases).toBe(before.cases);
    expect(await lastApiEvent()).toMatchObject({ status: 400, endpoint: "POST /api/v1/imports" });
  });
});
