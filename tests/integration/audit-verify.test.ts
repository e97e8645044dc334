// verifyAuditTrail and `npm run audit:verify` against real databases (SQLite,
// and PostgreSQL when TEST_DATABASE_URL_PG is set): an intact trail verifies;
// a trail tampered with behind the application's back — the append-only
// triggers dropped or disabled first, as a database administrator could —
// is reported at the first bad event, with why.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { eventHash } from "@/domain/audit-chain";
import type { FieldAnswer } from "@/domain/crf/answers";
import type { AuditEventInput } from "@/domain/audit-events";
import { appendAudit, type Tx } from "@/server/audit.server";
import { verifyAuditTrail, type AuditVerification } from "@/server/audit-verify";
import { saveDraft } from "@/server/case-answers.server";
import type { Db } from "@/server/db/create-db";
import type { Provider } from "@/server/db/database-url";
import { checkpointFile } from "@/server/audit-config";
import { checkpointHead } from "@/server/audit-checkpoints";
import { checkAuditChain } from "../support/audit-log";
import { change, newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/test-database";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Numbers with a single unit and no condition: each save changes two or three of them. */
const SAVES: readonly Record<string, number>[] = [
  { ferritin: 1200, crp: 80 },
  { ferritin: 2400, ast: 150, ldh: 900 },
  { crp: 120, alt: 95 },
  { ast: 310, ck_at_sam: 4000, ldh: 1500 },
];
const UNITS: Record<string, string> = {
  ferritin: "ug_l",
  crp: "mg_l",
  ast: "iu_l",
  alt: "iu_l",
  ldh: "iu_l",
  ck_at_sam: "iu_l",
};

interface Trail {
  caseId: string;
  /** Events written: one case.created, then one per changed field. */
  count: number;
}

/** A centre, a clinician, a case and a few draft saves, all through the data-access layer. */
async function writeTrail(db: Db, actor?: Actor): Promise<Trail> {
  const clinician =
    actor ??
    (await (async () => {
      await addCentre(db, "REI");
      return addUser(db, { email: "clin.rei@t.test", role: "CLINICIAN", centreCode: "REI", withPassword: false });
    })());
  const caseId = await newDraftCase(db, clinician);
  let version = 1;
  let fields: Record<string, FieldAnswer> = {};
  let count = 1;
  for (const save of SAVES) {
    const patch = Object.fromEntries(
      Object.entries(save).map(([id, v]) => [id, change(fields[id] ?? null, { v, unit: UNITS[id] })]),
    );
    const result = await saveDraft(db, clinician, caseId, { baseVersion: version, fields: patch });
    expect(result.conflicts).toEqual([]);
    version = result.version;
    fields = { ...result.answers.fields };
    count += Object.keys(save).length;
  }
  return { caseId, count };
}

/** Verifies with several batch sizes (one event per query, batches that split the trail, the default) and checks they agree. */
async function verify(db: Db): Promise<AuditVerification> {
  const results = [
    await verifyAuditTrail(db, { batchSize: 1 }),
    await verifyAuditTrail(db, { batchSize: 4 }),
    await verifyAuditTrail(db),
  ];
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
  return results[0]!;
}

/** What a malicious DBA does first: drop or disable the append-only triggers (after checking they are there). */
async function disableAppendOnly(t: TestDatabase): Promise<void> {
  expect(String(await errorOf(() => t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = 1`))).toContain(
    "append-only",
  );
  if (t.provider === "sqlite") {
    // Names from prisma/migrations/sqlite/*_init and *_audit_event_no_overwrite.
    await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_delete"`);
    await t.db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_overwrite"`);
  } else {
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`);
  }
}

const setNewValue = (db: Db, seq: number, text: string) =>
  db.$executeRaw`UPDATE "AuditEvent" SET "newValue" = ${text} WHERE "seq" = ${seq}`;
const deleteEvent = (db: Db, seq: number) => db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${seq}`;

/** The event's hashed content under the legacy rule (no key id, commitments or salts). */
function content(row: Awaited<ReturnType<typeof eventAt>>) {
  const { prevHash: _p, hash: _h, keyId: _k, commits: _c, salts: _s, redacted: _r, ...rest } = row;
  return { ...rest, at: row.at.toISOString() };
}

async function eventAt(db: Db, seq: number) {
  return db.auditEvent.findUniqueOrThrow({ where: { seq } });
}

describeEachDatabase("verifying the audit trail", (ctx) => {
  let trail: Trail;

  beforeAll(async () => {
    trail = await writeTrail(ctx.db);
  });

  it("an intact trail verifies, with its count and last seq, whatever the batch size", async () => {
    expect(trail.count).toBe(1 + 2 + 3 + 2 + 3);
    expect(await verify(ctx.db)).toEqual({ ok: true, count: trail.count, lastSeq: trail.count, legacyUntil: 0 });
    expect(await checkAuditChain(ctx.db)).toEqual({ ok: true, count: trail.count });
  });

  it("events committed while the walk is under way are verified too (no false 'head' alarm)", async () => {
    const actor = await addUser(ctx.db, {
      email: "clin2.rei@t.test",
      role: "CLINICIAN",
      centreCode: "REI",
      withPassword: false,
    });
    const before = await ctx.db.auditEvent.count();
    // Another save commits between the walk's last batch and its read of the head.
    let written: Trail | undefined;
    const racing = new Proxy(ctx.db, {
      get(target, prop, receiver) {
        if (prop !== "auditHead") return Reflect.get(target, prop, receiver);
        return {
          findUnique: async (args: Parameters<Db["auditHead"]["findUnique"]>[0]) => {
            written ??= await writeTrail(ctx.db, actor);
            return target.auditHead.findUnique(args);
          },
        };
      },
    });
    const total = before + trail.count;
    expect(await verifyAuditTrail(racing, { batchSize: 3 })).toEqual({
      ok: true,
      count: total,
      lastSeq: total,
      legacyUntil: 0,
    });
    expect(written?.count).toBe(trail.count);
    expect(await verify(ctx.db)).toEqual({ ok: true, count: total, lastSeq: total, legacyUntil: 0 });
  });

  it("rejects a batch size that is not a positive integer", async () => {
    await expect(verifyAuditTrail(ctx.db, { batchSize: 0 })).rejects.toThrow(RangeError);
  });

  describe("tampered with behind the application's back (a fresh database each)", () => {
    let t: TestDatabase | undefined;
    let tampered: Trail;

    async function freshTamperable(): Promise<TestDatabase> {
      t = await openTestDatabase(ctx.provider);
      tampered = await writeTrail(t.db);
      expect(await verify(t.db)).toMatchObject({ ok: true, count: tampered.count });
      await disableAppendOnly(t);
      return t;
    }

    afterEach(async () => {
      await t?.cleanup();
      t = undefined;
    });

    it("(a) an edited value: reported at that event, 'hash'", async () => {
      const { db } = await freshTamperable();
      const seq = 5;
      const original = await eventAt(db, seq);
      expect(original.type).toBe("case.field_changed");
      expect(await setNewValue(db, seq, JSON.stringify({ v: 99999, unit: "ug_l" }))).toBe(1);
      expect(await verify(db)).toEqual({
        ok: false,
        count: seq - 1,
        brokenAt: { seq, type: "case.field_changed", at: original.at.toISOString(), caseId: tampered.caseId },
        why: "hash",
      });
    });

    it("(b) an event deleted in the middle: reported as a 'gap' at the missing seq", async () => {
      const { db } = await freshTamperable();
      expect(await deleteEvent(db, 6)).toBe(1);
      expect(await verify(db)).toEqual({
        ok: false,
        count: 5,
        brokenAt: { seq: 6, type: null, at: null, caseId: null },
        why: "gap",
      });
    });

    it("(b') the first event deleted: a 'gap' at #1", async () => {
      const { db } = await freshTamperable();
      expect(await deleteEvent(db, 1)).toBe(1);
      expect(await verify(db)).toMatchObject({ ok: false, count: 0, brokenAt: { seq: 1 }, why: "gap" });
    });

    it("(c) an edited event re-hashed without the audit key (the old unkeyed rule): 'hash' at that event", async () => {
      const { db } = await freshTamperable();
      const seq = 4;
      const row = await eventAt(db, seq);
      const newValue = JSON.stringify({ v: 3, unit: "mg_l" });
      const forgedHash = eventHash(row.prevHash, { ...content(row), newValue });
      expect(
        await db.$executeRaw`UPDATE "AuditEvent" SET "newValue" = ${newValue}, "hash" = ${forgedHash} WHERE "seq" = ${seq}`,
      ).toBe(1);
      expect(await verify(db)).toEqual({
        ok: false,
        count: seq - 1,
        brokenAt: { seq, type: row.type, at: row.at.toISOString(), caseId: row.caseId },
        why: "hash",
      });
    });

    it("(d) the last event deleted: the chain alone still holds, the head does not — 'head' at the missing seq", async () => {
      const { db } = await freshTamperable();
      const last = tampered.count;
      expect(await deleteEvent(db, last)).toBe(1);
      expect(await checkAuditChain(db)).toEqual({ ok: true, count: last - 1 });
      expect(await verify(db)).toEqual({
        ok: false,
        count: last - 1,
        brokenAt: { seq: last, type: null, at: null, caseId: null },
        why: "head",
      });
    });

    it("(e) an event appended with the old unkeyed rule (and the head moved): 'unkeyed' at that event", async () => {
      const { db } = await freshTamperable();
      const last = await eventAt(db, tampered.count);
      const seq = tampered.count + 1;
      const at = new Date("2026-01-02T03:04:05.678Z");
      const hashed = { ...content(last), seq, at: at.toISOString(), newValue: JSON.stringify({ v: 1, unit: "iu_l" }) };
      const hash = eventHash(last.hash, hashed);
      await db.auditEvent.create({ data: { ...hashed, at, prevHash: last.hash, hash } });
      await db.auditHead.update({ where: { id: 1 }, data: { seq, lastHash: hash } });
      expect(await verify(db)).toEqual({
        ok: false,
        count: seq - 1,
        brokenAt: { seq, type: last.type, at: at.toISOString(), caseId: last.caseId },
        why: "unkeyed",
      });
    });
  });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The script's own lines (npx may add "npm warn" lines about the local npm configuration). */
const own = (text: string): string =>
  text
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("npm warn"))
    .join("\n");

function runCli(databaseUrl: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      "npx",
      ["tsx", "scripts/audit-verify.ts"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout: own(stdout), stderr: own(stderr) });
      },
    );
  });
}

describeEachDatabase("appending to the audit trail", (ctx) => {
  const event = (n: number, label = "test"): AuditEventInput => ({
    type: "export.run",
    actor: null,
    data: { format: `${label}-${n}`, cases: n, options: {} },
  });

  it("only inside a transaction: the root client is refused by the type, and at run time when smuggled in", async () => {
    const before = await ctx.db.auditEvent.count();
    // @ts-expect-error -- the root client is not a transaction client (it has $connect).
    const direct = () => appendAudit(ctx.db, [event(1)]);
    expect(String(await errorOf(direct))).toMatch(/appendAudit must run inside a transaction/);
    // A helper typed with the looser Tx (which the root client satisfies) does not get round it.
    const helper = (client: Tx) => appendAudit(client, [event(2)]);
    expect(String(await errorOf(() => helper(ctx.db)))).toMatch(/appendAudit must run inside a transaction/);
    expect(await ctx.db.auditEvent.count()).toBe(before);
    await ctx.db.$transaction((tx) => helper(tx));
    expect(await ctx.db.auditEvent.count()).toBe(before + 1);
  });

  it("keeps the chain whole and times never going backwards along seq under concurrent writers, whatever time each caller read", async () => {
    const base = Date.now();
    // Twenty writers at once, each with the time it "read" before queuing: deliberately out of order.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.$transaction((tx) =>
          appendAudit(tx, [event(i, "race"), event(100 + i, "race")], new Date(base - ((i * 7) % 20) * 1000)),
        ),
      ),
    );
    // And writers that pass no time: theirs is read once the head is locked.
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => ctx.db.$transaction((tx) => appendAudit(tx, [event(200 + i, "race")]))),
    );
    const rows = await ctx.db.auditEvent.findMany({
      orderBy: { seq: "asc" },
      select: { seq: true, at: true, data: true },
    });
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.at.getTime(), `event #${rows[i]!.seq}`).toBeGreaterThanOrEqual(rows[i - 1]!.at.getTime());
    // The two events of one call stay next to each other, with one time.
    const formats = rows.map((r) => (JSON.parse(r.data ?? "{}") as { format?: string }).format);
    for (let i = 0; i < 20; i++) {
      const at = formats.indexOf(`race-${i}`);
      expect(formats[at + 1]).toBe(`race-${100 + i}`);
      expect(rows[at + 1]!.at.getTime()).toBe(rows[at]!.at.getTime());
    }
    expect(await verify(ctx.db)).toMatchObject({ ok: true, count: rows.length });
  });
});

describe("npm run audit:verify [sqlite]", () => {
  const provider: Provider = "sqlite";
  let t: TestDatabase | undefined;

  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it("says the trail is intact (exit 0), then names the broken event without printing any value (exit 1)", {
    timeout: 120_000,
  }, async () => {
    t = await openTestDatabase(provider);
    const { caseId, count } = await writeTrail(t.db);
    // The application checkpoints after each commit (db.server.ts); this test's client does not, so once here.
    await checkpointHead(t.db, checkpointFile({ DATABASE_URL: t.url }));

    const intact = await runCli(t.url);
    expect(intact).toMatchObject({ code: 0, stderr: "" });
    expect(intact.stdout).toBe(
      `Audit trail intact: ${count} events (last #${count})\nCheckpoints agree: 1 checked (${t.url.replace(/^file:/, "")}.checkpoints)`,
    );

    await disableAppendOnly(t);
    const seq = 7;
    const original = await eventAt(t.db, seq);
    await setNewValue(t.db, seq, JSON.stringify({ v: "TAMPERED-VALUE", unit: "iu_l" }));
    const broken = await runCli(t.url);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(
      new RegExp(
        `^Audit trail BROKEN at event #${seq} \\(case\\.field_changed, ${original.at.toISOString().replace(/\./g, "\\.")}, case ${caseId}\\): hash\\b`,
      ),
    );
    const printed = broken.stdout + broken.stderr;
    for (const secret of ["TAMPERED", '"v"', "unit", original.oldValue ?? "-", original.newValue ?? "-"])
      expect(printed).not.toContain(secret);
  });
});
