// Starts the app for the browser tests: a fresh SQLite database with the demo
// data, a production build, `next start` on E2E_PORT.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3100";
// Benchmarks may point the app at another database (a fresh PostgreSQL one, say).
const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:./data/e2e-${port}.db`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
  // The audit trail's key and checkpoint file (ADR 0009): production (next start) refuses to run without them.
  AUDIT_HMAC_KEYS: process.env.AUDIT_HMAC_KEYS ?? "e2e:e2e-only-audit-key-not-for-production-0123456789",
  AUDIT_CHECKPOINT_FILE: process.env.AUDIT_CHECKPOINT_FILE ?? `data/e2e-${port}.checkpoints`,
  // Second factors (ADR 0012): the key sealing TOTP secrets; passkeys are tried on http://localhost (WebAuthn
  // refuses an IP address as relying party); single sign-on against the provider e2e/oidc.spec.ts starts.
  MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? "ZTJlLW9ubHktbWZhLWtleS1ub3QtZm9yLXByb2R1Y3Q=",
  WEBAUTHN_ORIGIN: `http://localhost:${port}`,
  OIDC_ISSUER: `http://127.0.0.1:${Number(port) + 88}`,
  OIDC_CLIENT_ID: "dm-sam-e2e",
  OIDC_CLIENT_SECRET: "e2e-only-oidc-client-secret-0123456789",
  OIDC_NAME: "CHU Test",
  // No SMTP in the journeys: mail is delivered as files here, the recipients' mailboxes (e2e/support.ts mailLinkTo).
  MAIL_DROP_DIR: process.env.MAIL_DROP_DIR ?? `data/mail-e2e-${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};

rmSync(`data/mail-e2e-${port}`, { recursive: true, force: true });
if (!process.env.E2E_DATABASE_URL)
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`data/e2e-${port}.db${suffix}`, { force: true });
// A fresh database starts a fresh trail: the checkpoints of the previous run would name events it no longer has.
if (!process.env.AUDIT_CHECKPOINT_FILE) rmSync(`data/e2e-${port}.checkpoints`, { force: true });
const run = (args: string[], extra: Record<string, string> = {}) =>
  execFileSync("npm", ["run", "--silent", ...args], { stdio: "inherit", env: { ...env, ...extra } });
run(["db:migrate"]);
run(["db:seed"]);
if (process.env.E2E_SKIP_BUILD !== "1") run(["build"], { NODE_ENV: "production" });

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
