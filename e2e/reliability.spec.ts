// Crash safety of draft saves: a second production server (its own SQLite
// database) is killed with SIGKILL in the middle of a stream of saves, several
// times, and restarted. Afterwards every save is either absent or complete:
// the case's version counts the saves in the audit trail, each save's events
// are exactly one request's changes, replaying the trail gives the stored
// answers, and the hash chain verifies.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "./fixtures";
import type { APIRequestContext, APIResponse, BrowserContext } from "@playwright/test";
import { canonicalJson } from "@/domain/canonical-json";
import type { FieldAnswer } from "@/domain/crf/answers";
import { auditKeyring } from "@/server/audit-config";
import { verifyAuditTrail } from "@/server/audit-verify";
import { createDb } from "@/server/db/create-db";
import { ACCOUNTS, fillEligibility, signIn } from "./support";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// One database per e2e run, like scripts/e2e-server.ts (parallel runs use different E2E_PORTs).
const DB_FILE = `data/reliability-${process.env.E2E_PORT ?? "3100"}.db`;
const DATABASE_URL = `file:./${DB_FILE}`;
// The same secret as scripts/e2e-server.ts (test-only).
const NEXTAUTH_SECRET = "e2e-only-secret-not-for-production-0123456789";
// What a production server refuses to start without (the keyed audit chain, ADR 0009; second factors, ADR 0012).
const SERVER_KEYS = {
  AUDIT_HMAC_KEYS: "e2e:e2e-only-audit-key-not-for-production-0123456789",
  AUDIT_CHECKPOINT_FILE: `data/reliability-${process.env.E2E_PORT ?? "3100"}.checkpoints`,
  MFA_ENCRYPTION_KEY: "ZTJlLW9ubHktbWZhLWtleS1ub3QtZm9yLXByb2R1Y3Q=",
};

/** Numbers with one unit, no condition and wide limits: [unit, low, high] (inside the soft limits). */
const NUMBERS: Record<string, readonly [string, number, number]> = {
  ferritin: ["ug_l", 500, 100_000],
  crp: ["mg_l", 1, 400],
  ast: ["iu_l", 10, 4000],
  alt: ["iu_l", 10, 4000],
  ldh: ["iu_l", 100, 9000],
  ck_at_sam: ["iu_l", 10, 100_000],
};
const FIELDS_PER_SAVE = 3;

const randomInt = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

function removeDatabase(): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(resolve(ROOT, `${DB_FILE}${suffix}`), { force: true });
  rmSync(resolve(ROOT, SERVER_KEYS.AUDIT_CHECKPOINT_FILE), { force: true });
}

/** `next start` in its own process group, so that SIGKILL reaches npx, Next and its workers at once. */
class AppServer {
  private proc: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output: string[] = [];

  constructor(readonly port: number) {}

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const proc = spawn("npx", ["next", "start", "-p", String(this.port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL,
        NEXTAUTH_URL: this.baseURL,
        NEXTAUTH_SECRET,
        ...SERVER_KEYS,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
    });
    this.proc = proc;
    this.exited = new Promise((done) => proc.once("exit", () => done()));
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split("\n").filter(Boolean));
      this.output.splice(0, Math.max(0, this.output.length - 40));
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null)
        throw new Error(`next start exited:\n${this.output.join("\n")}`);
      try {
        const res = await fetch(`${this.baseURL}/login`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`next start not ready after 30 s:\n${this.output.join("\n")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL to the whole group; resolves once the port is free again. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc?.pid) return;
    try {
      process.kill(-proc.pid, "SIGKILL");
    } catch {
      // the group is already gone
    }
    await this.exited;
    this.proc = undefined;
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`${this.baseURL}/login`, { signal: AbortSignal.timeout(500) });
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

type Fields = Record<string, FieldAnswer>;
interface SaveResponse {
  version: number;
  answers: { fields: Fields; blocks: Record<string, unknown> };
  conflicts: unknown[];
}
/** One save as the user means it, sent again (same changes) when a kill cut its request off. */
interface LogicalSave {
  readonly changes: Record<string, { from: FieldAnswer | null; to: FieldAnswer }>;
  attempts: number;
  /** Date.now() when the last attempt was sent. */
  lastSentAt: number;
  /** An attempt was answered 200: the save is committed. */
  answered: boolean;
}

let server: AppServer;
let context: BrowserContext | undefined;

test.beforeAll(async () => {
  removeDatabase();
  const env = { ...process.env, DATABASE_URL, ...SERVER_KEYS };
  for (const script of ["db:migrate", "db:seed"])
    execFileSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: "pipe" });
  server = new AppServer(await freePort());
  await server.start();
});

test.afterAll(async () => {
  await context?.close().catch(() => undefined);
  await server?.kill();
  removeDatabase();
});

test("draft saves survive SIGKILL of the server: each save is absent or complete, the audit trail replays to the stored answers and verifies", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  context = await browser.newContext({ baseURL: server.baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("RK");
  await page.getByLabel("Date de naissance").fill("1968-03-14");
  await page.getByRole("button", { name: "Créer le cas" }).click();
  await expect(page.getByTestId("case-page")).toBeVisible();
  const caseId = page.url().split("/").pop()!;
  // Only our requests write from now on (the form's autosave is gone with the page).
  await page.close();

  const request: APIRequestContext = context.request;
  const url = `${server.baseURL}/api/cases/${caseId}/draft`;
  const headers = { "content-type": "application/json", origin: server.baseURL };
  const saves: LogicalSave[] = [];
  let known: { version: number; fields: Fields } = { version: 1, fields: {} };
  /** The save whose request the last kill cut off: sent again first, as the autosave would. */
  let pending: LogicalSave | undefined;
  /** Starts the round's kill timer: called at the round's first answer, once the stream flows. */
  let arm: (() => void) | undefined;

  /** Sends one attempt of a save; false when the server went away (the attempt's fate is then unknown). */
  async function send(save: LogicalSave): Promise<boolean> {
    save.attempts += 1;
    save.lastSentAt = Date.now();
    let res: APIResponse;
    try {
      res = await request.patch(url, {
        data: JSON.stringify({ baseVersion: known.version, fields: save.changes }),
        headers,
        timeout: 15_000,
      });
    } catch {
      pending = save;
      return false;
    }
    expect(res.status(), await res.text()).toBe(200);
    const body = (await res.json()) as SaveResponse;
    // A save sent again is either already there (a no-op) or applied now: never a conflict.
    expect(body.conflicts).toEqual([]);
    expect(Object.fromEntries(Object.keys(save.changes).map((id) => [id, body.answers.fields[id]]))).toEqual(
      Object.fromEntries(Object.entries(save.changes).map(([id, c]) => [id, c.to])),
    );
    save.answered = true;
    pending = undefined;
    known = { version: body.version, fields: body.answers.fields };
    arm?.();
    arm = undefined;
    return true;
  }

  function nextSave(): LogicalSave {
    const ids = Object.keys(NUMBERS)
      .sort(() => Math.random() - 0.5)
      .slice(0, FIELDS_PER_SAVE);
    const changes: LogicalSave["changes"] = {};
    for (const id of ids) {
      const [unit, low, high] = NUMBERS[id]!;
      const from = known.fields[id] ?? null;
      let v = randomInt(low, high);
      if (from?.v === v) v = v === high ? low : v + 1;
      changes[id] = { from, to: { v, unit } };
    }
    const save: LogicalSave = { changes, attempts: 0, lastSentAt: 0, answered: false };
    saves.push(save);
    return save;
  }

  /** Saves until the server goes away (or `count` new saves when given). */
  async function stream(count = Infinity): Promise<void> {
    if (pending && !(await send(pending))) return;
    for (let i = 0; i < count; i++) if (!(await send(nextSave()))) return;
  }

  const rounds = randomInt(3, 5);
  const delays: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await server.start();
    const delay = randomInt(50, 300);
    delays.push(delay);
    const killed = new Promise<void>((done) => {
      arm = () => setTimeout(() => void server.kill().then(done), delay);
    });
    await stream();
    expect(arm, "the server went away before its first answer").toBeUndefined();
    await killed;
  }
  // Recovery: the server starts on the crashed database and takes saves again.
  await server.start();
  await stream(3);
  expect(pending).toBeUndefined();
  expect(saves.every((s) => s.answered)).toBe(true);
  await server.kill();
  await context.close();
  context = undefined;

  // The server is down: read its database file directly.
  const { db } = createDb(`file:${resolve(ROOT, DB_FILE)}`);
  try {
    const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    const stored = row.answers as unknown as { fields: Fields; blocks: Record<string, unknown> };
    const events = await db.auditEvent.findMany({ where: { caseId }, orderBy: { seq: "asc" } });
    const created = events.filter((e) => e.type === "case.created");
    const changed = events.filter((e) => e.type === "case.field_changed");
    expect(created).toHaveLength(1);
    expect(changed.length).toBe(events.length - 1);

    // Every answered save is there: the last answer seen is what is stored.
    expect(row.version).toBe(known.version);
    expect(canonicalJson(stored.fields)).toBe(canonicalJson(known.fields));
    // No repeating-block rows (the conditions keep an empty list per visible block): field paths are top-level only.
    expect(Object.values(stored.blocks).flat()).toEqual([]);

    // One save = one transaction = one `at` for its events, consecutive seqs.
    const written: { at: Date; events: typeof changed }[] = [];
    for (const e of changed) {
      const last = written.at(-1);
      if (last && last.at.getTime() === e.at.getTime() && last.events.at(-1)!.seq === e.seq - 1) last.events.push(e);
      else written.push({ at: e.at, events: [e] });
    }
    expect(new Set(changed.map((e) => e.at.getTime())).size).toBe(written.length);
    expect(row.version).toBe(1 + written.length);

    // Each save was written exactly once and whole — every field, old and new value — whether
    // the attempt that wrote it was answered or cut off by a kill (and then found already
    // there when sent again): nothing half-written, nothing lost, nothing twice.
    const asChanges = (w: (typeof written)[number]) =>
      canonicalJson(
        Object.fromEntries(
          w.events.map((e) => [e.fieldPath!, { from: JSON.parse(e.oldValue!), to: JSON.parse(e.newValue!) }]),
        ),
      );
    expect(written.map(asChanges)).toEqual(saves.map((s) => canonicalJson(s.changes)));

    const cutOff = saves.filter((s) => s.attempts > 1);
    // Written before its last attempt was sent: committed by an attempt the kill cut off.
    const committedUnanswered = cutOff.filter((s) => written[saves.indexOf(s)]!.at.getTime() < s.lastSentAt).length;
    const summary =
      `${rounds} kills after ${delays.join(", ")} ms; ${saves.length} saves in ${saves.reduce((n, s) => n + s.attempts, 0)} requests; ` +
      `${cutOff.length} cut off by a kill, ${committedUnanswered} of them committed before it; version ${row.version}`;
    test.info().annotations.push({ type: "reliability", description: summary });
    console.log(summary);

    // Replaying the trail from the eligibility screen gives the stored answers.
    const eligibility = (JSON.parse(created[0]!.data!) as { eligibility: Record<string, string> }).eligibility;
    const replayed: Fields = Object.fromEntries(Object.entries(eligibility).map(([id, v]) => [id, { v }]));
    for (const e of changed) {
      const path = e.fieldPath!;
      expect(path).not.toContain(".");
      expect(canonicalJson(replayed[path] ?? null), `event #${e.seq}: old value`).toBe(
        canonicalJson(JSON.parse(e.oldValue!)),
      );
      const next = JSON.parse(e.newValue!) as FieldAnswer | null;
      if (next === null) delete replayed[path];
      else replayed[path] = next;
    }
    expect(canonicalJson(replayed)).toBe(canonicalJson(stored.fields));

    // And the whole trail (sign-ins included) verifies, head and all.
    const total = await db.auditEvent.count();
    const keyring = auditKeyring({ ...process.env, ...SERVER_KEYS });
    expect(await verifyAuditTrail(db, { batchSize: 50, keyring })).toMatchObject({
      ok: true,
      count: total,
      lastSeq: total,
    });
  } finally {
    await db.$disconnect();
  }
});
