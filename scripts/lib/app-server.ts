// Starts the production app (scripts/e2e-server.ts: fresh SQLite database with
// demo data, build unless E2E_SKIP_BUILD=1) and waits until it answers.
import { spawn, type ChildProcess } from "node:child_process";

export interface RunningApp {
  baseUrl: string;
  stop(): void;
}

export async function startApp(port: number, env: Record<string, string> = {}): Promise<RunningApp> {
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/e2e-server.ts"], {
    env: { ...process.env, ...env, E2E_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/login`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    baseUrl,
    stop: () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    },
  };
}
