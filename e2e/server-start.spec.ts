// A production server with a missing or malformed setting refuses to start, naming the variable and the
// rule (docs/security.md, docs/deployment.md): `next start` on the journeys' build, with one setting
// taken away or spoiled at a time, must exit 1 with "Refusing to start: …" and never answer a request.
// The start-up checks run from src/instrumentation.ts in the Node.js runtime only (src/server/startup-checks.ts).
import { spawn } from "node:child_process";
import { expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 70;

/** The settings the journeys' servers run with (scripts/e2e-server.ts): a server that would start. */
const COMPLETE: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  DATABASE_URL: `file:./data/e2e-${process.env.E2E_PORT ?? 3100}.db`,
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  AUDIT_HMAC_KEYS: "e2e:e2e-only-audit-key-not-for-production-0123456789",
  AUDIT_CHECKPOINT_FILE: `data/e2e-start-${PORT}.checkpoints`,
  MFA_ENCRYPTION_KEY: "ZTJlLW9ubHktbWZhLWtleS1ub3QtZm9yLXByb2R1Y3Q=",
  NEXT_TELEMETRY_DISABLED: "1",
};

async function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; answered: boolean }> {
  const { PATH, HOME, NEXT_DIST_DIR } = process.env;
  // Nothing may answer on the port before: a server left from an earlier run would pass for this one.
  expect(await answers(), `port ${PORT} already in use`).toBe(false);
  // Its own process group, stopped as a whole: `next start` runs the server in a child process.
  const server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      env: { PATH, HOME, ...(NEXT_DIST_DIR ? { NEXT_DIST_DIR } : {}), ...env },
      detached: true,
    },
  );
  let output = "";
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
  let answered = false;
  // Asks while it runs: a server that refuses must never have answered.
  const deadline = Date.now() + 45_000;
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  while (code === undefined && Date.now() < deadline) {
    if (await answers()) {
      answered = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (code === undefined) process.kill(-server.pid!, "SIGTERM");
  const exitCode = await exited;
  await expect.poll(answers, { message: "the server stopped" }).toBe(false);
  // The end of what it printed is enough to say why (a failing run may print whole bundles).
  return { code: exitCode, output: output.slice(-3000), answered };
}

async function answers(): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${PORT}/login`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

const without = (name: string): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(COMPLETE).filter(([k]) => k !== name)) as NodeJS.ProcessEnv;

for (const [what, env, named] of [
  ["no session secret", without("NEXTAUTH_SECRET"), /NEXTAUTH_SECRET/],
  ["no audit key", without("AUDIT_HMAC_KEYS"), /AUDIT_HMAC_KEYS/],
  ["a public URL that is no URL", { ...COMPLETE, NEXTAUTH_URL: "hopital-reims" }, /NEXTAUTH_URL/],
  ["the Host header trusted", { ...COMPLETE, AUTH_TRUST_HOST: "true" }, /AUTH_TRUST_HOST/],
] as const) {
  test(`a production server with ${what} refuses to start and names the setting`, async () => {
    test.setTimeout(60_000);
    const { code, output, answered } = await start(env);
    expect(answered, output).toBe(false);
    expect(code, output).toBe(1);
    expect(output).toMatch(/Refusing to start: /);
    expect(output).toMatch(named);
  });
}

test("with every setting, the same server starts and answers (the refusals above are not a broken build)", async () => {
  test.setTimeout(60_000);
  const { code, answered, output } = await start(COMPLETE);
  expect(answered, output).toBe(true);
  expect(code === 0 || code === null || code === 143, output).toBe(true);
});
