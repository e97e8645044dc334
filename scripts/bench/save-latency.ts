// npm run bench:save — draft-save latency against the production build, with
// 1, 10 and 50 concurrent clients (each on its own case, changing one field per
// save), on SQLite and, when BENCH_DATABASE_URL_PG is set, PostgreSQL. Beside it,
// the same save done directly by a minimal script on the same database (read
// the case, write answers and version, append one audit event), so the app's
// overhead reads as a ratio. Goal: p95 under 100 ms at 50 clients.
import { createHash } from "node:crypto";
import { canonicalJson } from "../../src/domain/canonical-json";
import { createDb, type Db } from "../../src/server/db/create-db";
import { DEMO_PASSWORD } from "../demo-data";
import { startApp } from "../lib/app-server";
import { signInOverHttp } from "../lib/http-session";
import { createScratchDatabase } from "../db/migrations";

const LEVELS = [1, 10, 50];
const SAVES_PER_LEVEL = Number(process.env.BENCH_SAVES ?? 400);
/** Pause between one client's saves: 0 = back-to-back (a stress test); ~1000 = people typing (autosave every ≥ 0.8 s). */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);

function quantiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), n: s.length };
}

async function makeCases(db: Db, count: number): Promise<{ id: string; centreId: string }[]> {
  const centre = await db.centre.findUniqueOrThrow({ where: { code: "REI" } });
  const user = await db.user.findUniqueOrThrow({ where: { email: "clinicien.rei@dm-sam.test" } });
  const rows = Array.from({ length: count }, (_, i) => ({
    initials: "BN",
    birthDate: `19${50 + Math.floor(i / 28)}-01-${String((i % 28) + 1).padStart(2, "0")}`,
    centreId: centre.id,
    answers: { fields: { elig_dm: { v: "yes" }, elig_sam: { v: "yes" }, sam_date: { v: "2015-06-01" }, elig_france: { v: "yes" } }, blocks: {} },
    createdById: user.id,
    updatedById: user.id,
  }));
  await db.case.createMany({ data: rows });
  return db.case.findMany({ where: { initials: "BN" }, select: { id: true, centreId: true }, orderBy: { birthDate: "asc" } });
}

/** Runs `total` saves spread over `clients` concurrent loops; returns each save's latency. */
async function load(clients: number, total: number, save: (client: number, n: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let n = next++; n < total; n = next++) {
        const t0 = performance.now();
        await save(c, n);
        times.push(performance.now() - t0);
        if (THINK_MS) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
      }
    }),
  );
  return times;
}

async function minimalSave(db: Db, caseId: string, value: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
    const answers = row.answers as { fields: Record<string, unknown>; blocks: unknown };
    const next = { ...answers, fields: { ...answers.fields, ferritin: { v: value, unit: "ug_l" } } };
    await tx.case.update({ where: { id: caseId }, data: { answers: next as object, version: row.version + 1 } });
    const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 1 } } });
    const content = { seq: head.seq, type: "bench", caseId, value };
    const hash = createHash("sha256").update(head.lastHash).update(canonicalJson(content)).digest("hex");
    await tx.auditEvent.create({ data: { seq: head.seq, at: new Date(), type: "bench", caseId, newValue: String(value), prevHash: head.lastHash, hash } });
    await tx.auditHead.update({ where: { id: 1 }, data: { lastHash: hash } });
  });
}

async function run(label: string, databaseUrl: string | undefined, port: number): Promise<void> {
  const app = await startApp(port, databaseUrl ? { E2E_DATABASE_URL: databaseUrl, E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? "" } : { E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? "" });
  const dbUrl = databaseUrl ?? `file:./data/e2e-${port}.db`;
  const { db } = createDb(dbUrl);
  try {
    const cookie = await signInOverHttp(app.baseUrl, "clinicien.rei@dm-sam.test", DEMO_PASSWORD);
    const cases = await makeCases(db, Math.max(...LEVELS) * 2);
    console.log(`\n${label}`);
    console.log("clients   app p50   app p95   direct p50   direct p95   ratio p50");
    let value = 1000;
    // Each client owns a case; "from" is what was saved last on it (across levels).
    const last = new Map<string, unknown>();
    for (const clients of LEVELS) {
      const appTimes = await load(clients, SAVES_PER_LEVEL, async (c) => {
        const id = cases[c]!.id;
        const to = { v: ++value, unit: "ug_l" };
        const res = await fetch(`${app.baseUrl}/api/cases/${id}/draft`, {
          method: "PATCH",
          headers: { "content-type": "application/json", origin: app.baseUrl, cookie },
          body: JSON.stringify({ baseVersion: 1, fields: { ferritin: { from: last.get(id) ?? null, to } } }),
        });
        if (!res.ok) throw new Error(`save failed: HTTP ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { conflicts: unknown[] };
        if (body.conflicts.length) throw new Error("unexpected conflict");
        last.set(id, to);
      });
      const directTimes = await load(clients, SAVES_PER_LEVEL, async (c) => minimalSave(db, cases[Math.max(...LEVELS) + c]!.id, ++value));
      const a = quantiles(appTimes);
      const d = quantiles(directTimes);
      console.log(`${String(clients).padStart(7)}${a.p50.toFixed(1).padStart(10)}${a.p95.toFixed(1).padStart(10)}${d.p50.toFixed(1).padStart(13)}${d.p95.toFixed(1).padStart(13)}${(a.p50 / d.p50).toFixed(1).padStart(12)}×`);
    }
  } finally {
    await db.$disconnect();
    app.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Draft saves: ${SAVES_PER_LEVEL} per level (ms), ${THINK_MS ? `each client pausing ~${THINK_MS} ms between saves` : "back-to-back"}. Machine: ${(await import("node:os")).cpus().length} CPU, Node ${process.version}.`);
  await run("SQLite (file)", undefined, 3350);
  const pg = process.env.BENCH_DATABASE_URL_PG;
  if (pg) {
    const scratch = await createScratchDatabase("postgresql", { prefix: "ecrf_bench", serverUrl: pg, serverVariable: "BENCH_DATABASE_URL_PG" });
    try {
      await run("PostgreSQL 15 (local)", scratch.url, 3351);
    } finally {
      await scratch.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
