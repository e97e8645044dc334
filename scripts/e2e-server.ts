// Starts the app for the browser tests: a production build, then one `next start`
// per port of E2E_PORTS (else the single E2E_PORT), each on its own fresh SQLite
// database with the demo data — the Playwright workers never share a database
// (playwright.config.ts, docs/testing.md). Prints "e2e servers ready" once every
// server answers.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";

const ports = (process.env.E2E_PORTS ?? process.env.E2E_PORT ?? "3100").split(",").map((p) => p.trim());
// Benchmarks may point the app at another database (a fresh PostgreSQL one, say): one server then.
const sharedUrl = process.env.E2E_DATABASE_URL;
if (sharedUrl && ports.length > 1) throw new Error("E2E_DATABASE_URL takes a single E2E_PORT");
const SQLITE_FILES = ["", "-wal", "-shm", "-journal"];

function envFor(port: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: sharedUrl ?? `file:./data/e2e-${port}.db`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
    // The audit trail's key and checkpoint file (ADR 0009): production (next start) refuses to run without them.
    // One checkpoint file per server: each database has its own trail.
    AUDIT_HMAC_KEYS: process.env.AUDIT_HMAC_KEYS ?? "e2e:e2e-only-audit-key-not-for-production-0123456789",
    AUDIT_CHECKPOINT_FILE: `data/e2e-${port}.checkpoints`,
    // Second factors (ADR 0012): the key sealing TOTP secrets; passkeys are tried on http://localhost (WebAuthn
    // refuses an IP address as relying party); single sign-on against the provider e2e/oidc.spec.ts starts
    // on the server's port + 88 (one per server, like everything else here).
    MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? "ZTJlLW9ubHktbWZhLWtleS1ub3QtZm9yLXByb2R1Y3Q=",
    WEBAUTHN_ORIGIN: `http://localhost:${port}`,
    OIDC_ISSUER: `http://127.0.0.1:${Number(port) + 88}`,
    OIDC_CLIENT_ID: "dm-sam-e2e",
    OIDC_CLIENT_SECRET: "e2e-only-oidc-client-secret-0123456789",
    OIDC_NAME: "CHU Test",
    // No SMTP in the journeys: mail is delivered as files here, the recipients' mailboxes (e2e/support.ts mailLinkTo).
    MAIL_DROP_DIR: `data/mail-e2e-${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

const run = (args: string[], env: NodeJS.ProcessEnv) =>
  execFileSync("npm", ["run", "--silent", ...args], { stdio: "inherit", env });
const removeDatabase = (file: string) => {
  for (const suffix of SQLITE_FILES) rmSync(`${file}${suffix}`, { force: true });
};

mkdirSync("data", { recursive: true });
for (const port of ports) {
  rmSync(`data/mail-e2e-${port}`, { recursive: true, force: true });
  // A fresh database starts a fresh trail: the checkpoints of the previous run would name events it no longer has.
  rmSync(`data/e2e-${port}.checkpoints`, { force: true });
}
if (sharedUrl) {
  run(["db:migrate"], envFor(ports[0]!));
  run(["db:seed"], envFor(ports[0]!));
} else {
  // Migrations and demo data once, into a template copied for each server (the seed writes no audit event,
  // so the copies need no checkpoint): cheaper than seeding each.
  const template = `data/e2e-template-${ports[0]}.db`;
  removeDatabase(template);
  const templateEnv = { ...envFor(ports[0]!), DATABASE_URL: `file:./${template}` };
  run(["db:migrate"], templateEnv);
  run(["db:seed"], templateEnv);
  for (const port of ports) {
    removeDatabase(`data/e2e-${port}.db`);
    for (const suffix of SQLITE_FILES)
      if (existsSync(`${template}${suffix}`)) copyFileSync(`${template}${suffix}`, `data/e2e-${port}.db${suffix}`);
  }
  removeDatabase(template);
}
if (process.env.E2E_SKIP_BUILD !== "1") run(["build"], { ...envFor(ports[0]!), NODE_ENV: "production" });

const servers: ChildProcess[] = ports.map((port) => {
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: { ...envFor(port), NODE_ENV: "production" },
  });
  // One server down is every journey of its worker failing: stop them all, Playwright reports it.
  server.on("exit", (code) => {
    for (const other of servers) if (other !== server) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });
  return server;
});
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    for (const server of servers) server.kill(signal);
  });

async function answers(port: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(5_000) })).ok;
  } catch {
    return false;
  }
}
// Playwright waits for this line (playwright.config.ts webServer.wait).
const waiting = new Set(ports);
while (waiting.size > 0) {
  for (const port of [...waiting]) if (await answers(port)) waiting.delete(port);
  if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 250));
}
console.log(`e2e servers ready on ports ${ports.join(", ")}`);
