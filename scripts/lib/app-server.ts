// The production app for benchmarks: scripts/e2e-server.ts on a database of
// the benchmark's choosing (a scratch one: migrations and demo accounts
// applied by e2e-server), `next start` on the given port. The production
// build is made once per process, in BENCH_DIST_DIR (default .next-bench, so
// that it never replaces a build someone else is using); BENCH_SKIP_BUILD=1
// reuses the one there (npm run bench builds once for every benchmark).
import { spawn, type ChildProcess } from "node:child_process";
import { findDescendant } from "./process-memory";

export interface RunningApp {
  readonly baseUrl: string;
  /** The Next.js server process (for its memory). */
  readonly serverPid: number;
  stop(): Promise<void>;
}

export const DIST_DIR = process.env.BENCH_DIST_DIR?.trim() || ".next-bench";

// One audit key for the app and this process (ADR 0009): events the benchmarks write directly and their
// verifyAuditTrail() then use the key the app signs with (e2e-server.ts takes AUDIT_HMAC_KEYS when set).
process.env.AUDIT_HMAC_KEYS ||= "bench:bench-only-audit-key-not-for-production-0123456789";
let built = process.env.BENCH_SKIP_BUILD === "1";

export interface StartOptions {
  /** The database the app uses (e2e-server applies migrations and the demo accounts). */
  readonly databaseUrl: string;
  readonly env?: Readonly<Record<string, string>>;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

export async function startApp(port: number, options: StartOptions): Promise<RunningApp> {
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/e2e-server.ts"], {
    env: {
      ...process.env,
      ...options.env,
      E2E_PORT: String(port),
      E2E_DATABASE_URL: options.databaseUrl,
      E2E_SKIP_BUILD: built ? "1" : "",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const done = exited(child);
  let failed: number | null | undefined;
  void done.then((code) => (failed = code));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timeout = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 10_000);
      await done;
      clearTimeout(timeout);
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  // A build takes minutes on a small machine.
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (failed !== undefined) throw new Error(`the app did not start (scripts/e2e-server.ts exited with ${failed})`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer on ${baseUrl} within 10 minutes`);
    }
    try {
      const res = await fetch(`${baseUrl}/login`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  built = true;
  const serverPid = child.pid ? findDescendant(child.pid, "next-server") : undefined;
  if (!serverPid) {
    await stop();
    throw new Error("the Next.js server process (next-server) was not found below scripts/e2e-server.ts");
  }
  return { baseUrl, serverPid, stop };
}
