// Issue 10, finding 2, replayed on SQLite and PostgreSQL: someone with full
// write access to the database — but not the audit key, which lives in the
// environment — edits and re-hashes the trail, cuts its tail, appends a forged
// event, or edits a case's answers directly. `npm run audit:verify` must exit 1
// naming each problem, while the untouched trail verifies. Each tampering is
// built on its own fresh database with the same trail and checkpoint file.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { eventHash, sealEvent, type ChainedEventContent } from "@/domain/audit-chain";
import type { FieldAnswer } from "@/domain/crf/answers";
import { checkpointHead, withCheckpoints } from "@/server/audit-checkpoints";
import { appendAudit } from "@/server/audit.server";
import { auditKeyring } from "@/server/audit-config";
import { saveDraft } from "@/server/case-answers.server";
import type { Db } from "@/server/db/create-db";
import { change, newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser } from "../support/fixtures";
import { openTestDatabase, testDatabaseTargets, type TestDatabase } from "../support/test-database";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function auditVerify(databaseUrl: string, checkpoints: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      "npx",
      ["tsx", "scripts/audit-verify.ts"],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, AUDIT_CHECKPOINT_FILE: checkpoints },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        const own = (t: string) =>
          t
            .split("\n")
            .filter((l) => l.trim() && !l.startsWith("npm warn"))
            .join("\n");
        resolve({ code: error ? Number(error.code) : 0, stdout: own(stdout), stderr: own(stderr) });
      },
    );
  });
}

interface Built {
  t: TestDatabase;
  checkpoints: string;
  caseId: string;
  count: number;
}

/** A case with three saves, a checkpoint after each commit (as db.server.ts does), then the append-only triggers disabled. */
async function build(provider: "sqlite" | "postgresql", dir: string): Promise<Built> {
  const t = await openTestDatabase(provider);
  const checkpoints = join(dir, `${provider}-${Math.random().toString(36).slice(2)}.checkpoints`);
  await addCentre(t.db, "TAM");
  const clinician = await addUser(t.db, {
    email: `clin.${Math.random()}@t.test`,
    role: "CLINICIAN",
    centreCode: "TAM",
    withPassword: false,
  });
  const caseId = await newDraftCase(t.db, clinician);
  await checkpointHead(t.db, checkpoints);
  let version = 1;
  let fields: Record<string, FieldAnswer> = {};
  for (const [ferritin, crp] of [
    [1200, 80],
    [2400, 95],
    [3100, 120],
  ] as const) {
    const patch = {
      ferritin: change(fields.ferritin ?? null, { v: ferritin, unit: "ug_l" }),
      crp: change(fields.crp ?? null, { v: crp, unit: "mg_l" }),
    };
    const saved = await saveDraft(t.db, clinician, caseId, { baseVersion: version, fields: patch });
    version = saved.version;
    fields = { ...saved.answers.fields };
    await checkpointHead(t.db, checkpoints);
  }
  const count = await t.db.auditEvent.count();
  if (provider === "sqlite") {
    for (const name of ["AuditEvent_no_update", "AuditEvent_no_delete", "AuditEvent_no_overwrite"])
      await t.db.$executeRawUnsafe(`DROP TRIGGER "${name}"`);
  } else {
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`);
  }
  return { t, checkpoints, caseId, count };
}

const contentOf = (row: Awaited<ReturnType<Db["auditEvent"]["findUniqueOrThrow"]>>): ChainedEventContent => ({
  seq: row.seq,
  at: row.at.toISOString(),
  type: row.type,
  actorId: row.actorId,
  actorRole: row.actorRole,
  centre: row.centre,
  caseId: row.caseId,
  fieldPath: row.fieldPath,
  oldValue: row.oldValue,
  newValue: row.newValue,
  reason: row.reason,
  data: row.data,
});

/** The forger's own key under the real key id: all they can do without the real one. */
const FORGER = {
  currentId: auditKeyring().currentId,
  keys: new Map([[auditKeyring().currentId, "forger-key-".repeat(4)]]),
};

describe("the application's client checkpoints after each commit [sqlite]", () => {
  it("appends the committed head (file 0600), and never a head that was rolled back", async () => {
    const t = await openTestDatabase("sqlite");
    const file = join(mkdtempSync(join(tmpdir(), "audit-cp-")), "checkpoints.log");
    try {
      const db = withCheckpoints(t.db, () => file);
      await addCentre(db, "CPT");
      const clinician = await addUser(db, {
        email: "clin.cpt@t.test",
        role: "CLINICIAN",
        centreCode: "CPT",
        withPassword: false,
      });
      await newDraftCase(db, clinician);
      const head = await db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
      const lines = () =>
        readFileSync(file, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as { seq: number; hash: string });
      expect(lines().at(-1)).toMatchObject({ seq: head.seq, hash: head.lastHash });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const before = lines().length;
      await expect(
        db.$transaction(async (tx) => {
          await appendAudit(tx, [{ type: "export.run", actor: null, data: { format: "x", cases: 0, options: {} } }]);
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(lines().length).toBe(before);
      expect(lines().every((l) => l.seq <= head.seq)).toBe(true);
    } finally {
      await t.cleanup();
    }
  });
});

for (const provider of testDatabaseTargets()) {
  // Each case builds its own database and runs the CLI as a child process, mostly waiting on it: the cases
  // run at once (concurrent), which roughly halves the file's time.
  describe(`audit:verify against a tampered trail [${provider}]`, { timeout: 120_000, concurrent: true }, () => {
    const dir = mkdtempSync(join(tmpdir(), "audit-tamper-"));
    // Removed once all have run: a hook of the test context would be needed per test (concurrent tests).
    const made: Built[] = [];
    afterAll(async () => {
      for (const built of made) await built.t.cleanup();
    });
    /** A fresh tampered-to-be database. */
    const fresh = async (): Promise<Built> => {
      const built = await build(provider, dir);
      made.push(built);
      return built;
    };

    it("the untouched trail verifies: chain, checkpoints and answers (exit 0)", async () => {
      const built = await fresh();
      const run = await auditVerify(built.t.url, built.checkpoints);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toContain(`Audit trail intact: ${built.count} events (last #${built.count})`);
      expect(run.stdout).toContain("Checkpoints agree: 4 checked");
      rmSync(built.checkpoints);
      // Without its checkpoint file, a keyed trail cannot be vouched for.
      expect(await auditVerify(built.t.url, built.checkpoints)).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("Checkpoints MISSING"),
      });
    });

    it("an event edited and every later one re-hashed with a guessed key, head and answers made to match: 'hash' at the edited event", async () => {
      const built = await fresh();
      const { db } = built.t;
      const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
      const target = rows.findIndex((r) => r.fieldPath === "ferritin" && r.newValue?.includes("3100"));
      let prev = rows[target - 1]!.hash;
      for (const row of rows.slice(target)) {
        const content = contentOf(row);
        if (row.seq === rows[target]!.seq) content.newValue = JSON.stringify({ v: 310, unit: "ug_l" });
        const sealed = sealEvent(FORGER, prev, content, () => "s".repeat(32));
        await db.$executeRaw`UPDATE "AuditEvent" SET "newValue" = ${content.newValue}, "prevHash" = ${prev}, "hash" = ${sealed.hash}, "commits" = ${sealed.commits}, "salts" = ${sealed.salts} WHERE "seq" = ${row.seq}`;
        prev = sealed.hash;
      }
      await db.auditHead.update({ where: { id: 1 }, data: { lastHash: prev } });
      const stored = await db.case.findUniqueOrThrow({ where: { id: built.caseId } });
      const answers = stored.answers as unknown as { fields: Record<string, FieldAnswer> };
      answers.fields.ferritin = { v: 310, unit: "ug_l" };
      await db.case.update({ where: { id: built.caseId }, data: { answers: answers as object } });
      const run = await auditVerify(built.t.url, built.checkpoints);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        new RegExp(`Audit trail BROKEN at event #${rows[target]!.seq} \\(case\\.field_changed, .*\\): hash — `),
      );
      expect(run.stderr + run.stdout).not.toContain("310");
    });

    it("the last events deleted and the head moved back (truncation, or a rollback to an older copy): the checkpoints say 'truncated'", async () => {
      const built = await fresh();
      const { db } = built.t;
      const keep = built.count - 2;
      await db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" > ${keep}`;
      const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: keep } });
      await db.auditHead.update({ where: { id: 1 }, data: { seq: keep, lastHash: last.hash } });
      const run = await auditVerify(built.t.url, built.checkpoints);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`Audit trail intact: ${keep} events`);
      expect(run.stderr).toMatch(
        new RegExp(
          `Checkpoint line 4 BROKEN: truncated — the checkpoint of .* names event #${built.count} but the trail ends at #${keep}`,
        ),
      );
    });

    it("a forged event appended with the head moved — unkeyed, or keyed with a guessed key: 'unkeyed' / 'hash' at that event", async () => {
      const built = await fresh();
      const { db } = built.t;
      const last = await db.auditEvent.findUniqueOrThrow({ where: { seq: built.count } });
      const seq = built.count + 1;
      const forged: ChainedEventContent = {
        ...contentOf(last),
        seq,
        type: "case.status_changed",
        fieldPath: null,
        oldValue: '"DRAFT"',
        newValue: '"VALIDATED"',
      };
      const at = new Date(forged.at);
      await db.auditEvent.create({ data: { ...forged, at, prevHash: last.hash, hash: eventHash(last.hash, forged) } });
      await db.auditHead.update({ where: { id: 1 }, data: { seq, lastHash: eventHash(last.hash, forged) } });
      const unkeyed = await auditVerify(built.t.url, built.checkpoints);
      expect(unkeyed.code).toBe(1);
      expect(unkeyed.stderr).toMatch(
        new RegExp(`Audit trail BROKEN at event #${seq} \\(case\\.status_changed, .*\\): unkeyed — `),
      );

      const sealed = sealEvent(FORGER, last.hash, forged, () => "s".repeat(32));
      await db.$executeRaw`UPDATE "AuditEvent" SET "hash" = ${sealed.hash}, "keyId" = ${sealed.keyId}, "commits" = ${sealed.commits}, "salts" = ${sealed.salts} WHERE "seq" = ${seq}`;
      await db.auditHead.update({ where: { id: 1 }, data: { lastHash: sealed.hash } });
      const keyed = await auditVerify(built.t.url, built.checkpoints);
      expect(keyed.code).toBe(1);
      expect(keyed.stderr).toMatch(
        new RegExp(`Audit trail BROKEN at event #${seq} \\(case\\.status_changed, .*\\): hash — `),
      );
    });

    it('a case\'s answers edited directly (UPDATE "Case" SET answers = …): named with the field, no value printed', async () => {
      const built = await fresh();
      const { db } = built.t;
      const stored = await db.case.findUniqueOrThrow({ where: { id: built.caseId } });
      const answers = stored.answers as unknown as { fields: Record<string, FieldAnswer> };
      answers.fields.crp = { v: 4242, unit: "mg_l" };
      await db.$executeRaw`UPDATE "Case" SET "answers" = ${JSON.stringify(answers)}${provider === "postgresql" ? "::jsonb" : ""} WHERE "id" = ${built.caseId}`.catch(
        () => db.case.update({ where: { id: built.caseId }, data: { answers: answers as object } }),
      );
      const run = await auditVerify(built.t.url, built.checkpoints);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("Audit trail intact");
      expect(run.stderr).toBe(
        `Case ${built.caseId} BROKEN: answers — its stored answers differ from its audit trail at crp (edited outside the application)`,
      );
      expect(run.stderr).not.toContain("4242");
    });

    it("a checkpoint line forged without the key: 'unsigned'", async () => {
      const built = await fresh();
      const { appendFileSync } = await import("node:fs");
      appendFileSync(
        built.checkpoints,
        `${JSON.stringify({ seq: 1, hash: "0".repeat(64), at: new Date().toISOString(), keyId: "dev", mac: "f".repeat(64) })}\n`,
      );
      const run = await auditVerify(built.t.url, built.checkpoints);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Checkpoint line 5 BROKEN: unsigned");
    });
  });
}
