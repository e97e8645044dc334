// npm run bench:save — draft-save latency against the production build, with
// 1, 10 and 50 concurrent clients, on SQLite and, when BENCH_DATABASE_URL_PG
// names a server, PostgreSQL (its version read from the server).
//
// Each database is a scratch one (a temporary SQLite file, a new PostgreSQL
// database), dropped at the end: the app (scripts/e2e-server.ts: migrations,
// demo accounts, `next start`) runs on it. Each client is signed in as the
// Reims clinician and saves its own case, one field changed per save
// (PATCH /api/cases/:id/draft, as the form's autosave does), in two modes:
//   - autosave pace: each client pauses 0.5–1.5 s between saves (the form
//     saves at most every 0.8 s while someone types) — what 50 people
//     entering data at once produce; the goal is judged here;
//   - back to back: every client saves again as soon as its save returns —
//     a stress test (50 requests always in flight), reported beside it.
// Beside each, the minimal direct save on
// the same database and the same concurrency — read the case, write answers
// and version, append one hash-chained audit event, in one transaction — so
// that the app's overhead reads as a ratio, at p50 and p95. Every audit event
// written (by the app and by the direct saves) is on the real chain:
// verifyAuditTrail() checks it at the end.
//
// Goal (issue #5): p95 under 100 ms at 50 clients — PASS/FAIL per database
// and mode. Saves: BENCH_SAVES_PER_CLIENT each (default 20; back to back at 1
// and 10 clients at least 200 in all); BENCH_THINK_MS changes the autosave
// pace (mean pause, default 1000). BENCH_SCALE=small: 3 per client.
import { randomBytes } from "node:crypto";
import { sealEvent } from "@/domain/audit-chain";
import { auditKeyring } from "@/server/audit-config";
import type { Provider } from "@/server/db/database-url";
import { createDb, type Db } from "@/server/db/create-db";
import { verifyAuditTrail } from "@/server/audit-verify";
import { DEMO_PASSWORD } from "../demo-data";
import { startApp } from "../lib/app-server";
import {
  atScale,
  benchProviders,
  databaseLabel,
  machineLine,
  markdownTable,
  ms,
  onScratch,
  quantile,
} from "../lib/bench-env";
import { signInOverHttp } from "../lib/http-session";

/** Mean pause between one client's saves at autosave pace (ms). */
const PACE_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const MODES = [
  { name: "autosave pace", thinkMs: PACE_MS, levels: [10, 50] },
  { name: "back to back", thinkMs: 0, levels: [1, 10, 50] },
] as const;
const LEVELS = [1, 10, 50] as const;
const GOAL_CLIENTS = 50;
const GOAL_P95_MS = 100;
const PER_CLIENT = Number(process.env.BENCH_SAVES_PER_CLIENT ?? atScale(20, 3));
const MIN_TOTAL = atScale(200, 20);
const WARM_UP = atScale(30, 5);
const PORT = Number(process.env.BENCH_PORT ?? 3390);

/** Back to back, a few clients save more so that p95 rests on enough saves; at autosave pace that would take minutes. */
const savesPerClient = (clients: number, thinkMs: number) =>
  thinkMs ? PER_CLIENT : Math.max(PER_CLIENT, Math.ceil(MIN_TOTAL / clients));

async function makeCases(db: Db, count: number): Promise<string[]> {
  const centre = await db.centre.findUniqueOrThrow({ where: { code: "REI" } });
  const user = await db.user.findUniqueOrThrow({ where: { email: "clinicien.rei@dm-sam.test" } });
  const rows = Array.from({ length: count }, (_, i) => ({
    id: `save${String(i).padStart(4, "0")}`,
    initials: "BN",
    birthDate: `19${50 + Math.floor(i / 28)}-01-${String((i % 28) + 1).padStart(2, "0")}`,
    centreId: centre.id,
    answers: {
      fields: {
        elig_dm: { v: "yes" },
        elig_sam: { v: "yes" },
        sam_date: { v: "2015-06-01" },
        elig_france: { v: "yes" },
      },
      blocks: {},
    },
    createdById: user.id,
    updatedById: user.id,
  }));
  await db.case.createMany({ data: rows });
  return rows.map((r) => r.id);
}

/** `clients` concurrent loops, each saving `perClient` times; every save's latency (ms). */
async function load(
  clients: number,
  perClient: number,
  save: (client: number) => Promise<void>,
  thinkMs = 0,
): Promise<number[]> {
  const times: number[] = [];
  const pause = () => new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      // Clients at autosave pace start spread over one pause, as people would.
      if (thinkMs) await pause();
      for (let n = 0; n < perClient; n++) {
        const t0 = performance.now();
        await save(c);
        times.push(performance.now() - t0);
        if (thinkMs) await pause();
      }
    }),
  );
  return times;
}

/** The app's audit key (app-server.ts shares AUDIT_HMAC_KEYS with the app it starts). */
const KEYRING = auditKeyring();

/** The least a save must do: read, write answers and version, one chained audit event — one transaction. */
async function minimalSave(db: Db, caseId: string, value: number, authorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.case.findUniqueOrThrow({ where: { id: caseId } });
    const answers = row.answers as { fields: Record<string, unknown>; blocks: unknown };
    const next = { ...answers, fields: { ...answers.fields, ferritin: { v: value, unit: "ug_l" } } };
    await tx.case.update({ where: { id: caseId }, data: { answers: next as object, version: row.version + 1 } });
    // The head first: its row lock orders concurrent writers, as in appendAudit.
    const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 1 } } });
    const at = new Date();
    const content = {
      seq: head.seq,
      at: at.toISOString(),
      type: "case.field_changed",
      actorId: authorId,
      actorRole: "CLINICIAN",
      centre: "REI",
      caseId,
      fieldPath: "ferritin",
      oldValue: null,
      newValue: JSON.stringify({ v: value, unit: "ug_l" }),
      reason: null,
      data: null,
    };
    // Keyed as appendAudit does (ADR 0009): HMAC with salted commitments, the same key as the app's.
    const sealed = sealEvent(KEYRING, head.lastHash, content, () => randomBytes(16).toString("hex"));
    await tx.auditEvent.create({ data: { ...content, at, prevHash: head.lastHash, ...sealed } });
    await tx.auditHead.update({ where: { id: 1 }, data: { lastHash: sealed.hash } });
  });
}

interface Row {
  database: string;
  mode: string;
  clients: number;
  saves: number;
  app: { p50: number; p95: number };
  direct: { p50: number; p95: number };
}

async function runOn(provider: Provider, url: string, port: number): Promise<{ rows: Row[]; audit: string }> {
  const label = await databaseLabel(provider, url);
  const app = await startApp(port, { databaseUrl: url });
  const { db } = createDb(url);
  try {
    const cookie = await signInOverHttp(app.baseUrl, "clinicien.rei@dm-sam.test", DEMO_PASSWORD);
    const author = await db.user.findUniqueOrThrow({ where: { email: "clinicien.rei@dm-sam.test" } });
    const max = Math.max(...LEVELS);
    const cases = await makeCases(db, 2 * max);
    let value = 1000;
    // "from" is what was saved last on each case (a save never conflicts).
    const last = new Map<string, unknown>();
    const appSave = async (caseId: string) => {
      const to = { v: ++value, unit: "ug_l" };
      const res = await fetch(`${app.baseUrl}/api/cases/${caseId}/draft`, {
        method: "PATCH",
        headers: { "content-type": "application/json", origin: app.baseUrl, cookie },
        body: JSON.stringify({ baseVersion: 1, fields: { ferritin: { from: last.get(caseId) ?? null, to } } }),
      });
      if (!res.ok) throw new Error(`save failed: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { conflicts: unknown[] };
      if (body.conflicts.length) throw new Error("unexpected conflict");
      last.set(caseId, to);
    };
    // Warm-up (JIT, connection pools), not counted.
    await load(1, WARM_UP, () => appSave(cases[0]!));
    await load(1, WARM_UP, () => minimalSave(db, cases[max]!, ++value, author.id));
    const rows: Row[] = [];
    for (const mode of MODES) {
      for (const clients of mode.levels) {
        const perClient = savesPerClient(clients, mode.thinkMs);
        const appTimes = await load(clients, perClient, (c) => appSave(cases[c]!), mode.thinkMs);
        const directTimes = await load(
          clients,
          perClient,
          (c) => minimalSave(db, cases[max + c]!, ++value, author.id),
          mode.thinkMs,
        );
        const q = (t: number[]) => ({ p50: quantile(t, 0.5), p95: quantile(t, 0.95) });
        rows.push({
          database: label,
          mode: mode.name,
          clients,
          saves: appTimes.length,
          app: q(appTimes),
          direct: q(directTimes),
        });
        console.error(
          `  ${label}, ${mode.name}, ${clients} client(s): app p50 ${ms(q(appTimes).p50)} ms, p95 ${ms(q(appTimes).p95)} ms; direct p50 ${ms(q(directTimes).p50)} ms`,
        );
      }
    }
    const check = await verifyAuditTrail(db);
    const audit = check.ok
      ? `${label}: audit chain verified (${check.count} events).`
      : `${label}: AUDIT CHAIN BROKEN at seq ${check.brokenAt.seq} (${check.why}).`;
    if (!check.ok) process.exitCode = 1;
    return { rows, audit };
  } finally {
    await db.$disconnect();
    await app.stop();
  }
}

async function main(): Promise<void> {
  console.log(`# Draft-save latency\n\n${machineLine()}\n`);
  console.log(
    `Production build, one scratch database each. Autosave pace: each client pauses ${PACE_MS / 2}–${(PACE_MS * 3) / 2} ms between saves, ${PER_CLIENT} saves each; back to back: no pause, ${PER_CLIENT} per client and at least ${MIN_TOTAL} per level. Times in ms; ratio = app / direct.\n`,
  );
  const rows: Row[] = [];
  const audits: string[] = [];
  let port = PORT;
  for (const provider of benchProviders()) {
    const r = await onScratch(provider, "bench_save", (url) => runOn(provider, url, port++));
    rows.push(...r.rows);
    audits.push(r.audit);
  }
  const verdicts: string[] = [];
  const table = rows.map((r) => {
    const judged = r.clients === GOAL_CLIENTS;
    const pass = r.app.p95 < GOAL_P95_MS;
    if (judged) {
      const goal = r.mode === MODES[0].name;
      verdicts.push(
        `${r.database}, ${r.mode}${goal ? " (the goal)" : " (stress, for information)"}: ${pass ? "PASS" : "FAIL"} — p95 ${ms(r.app.p95)} ms at ${GOAL_CLIENTS} clients (goal < ${GOAL_P95_MS} ms).`,
      );
      if (goal && !pass) process.exitCode = 1;
    }
    return [
      r.database,
      r.mode,
      r.clients,
      r.saves,
      ms(r.app.p50),
      ms(r.app.p95),
      ms(r.direct.p50),
      ms(r.direct.p95),
      `${(r.app.p50 / r.direct.p50).toFixed(1)}×`,
      `${(r.app.p95 / r.direct.p95).toFixed(1)}×`,
      judged ? (pass ? "**PASS**" : "**FAIL**") : "",
    ];
  });
  console.log(
    markdownTable(
      [
        "database",
        "mode",
        "clients",
        "saves",
        "app p50",
        "app p95",
        "direct p50",
        "direct p95",
        "ratio p50",
        "ratio p95",
        `p95 < ${GOAL_P95_MS} ms at ${GOAL_CLIENTS}`,
      ],
      table,
      ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r", "l"],
    ),
  );
  console.log(`\n${[...verdicts, ...audits].join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
