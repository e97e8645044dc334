import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser journeys against the production build (scripts/e2e-server.ts). Chromium comes from the
// system (Debian's package here: Playwright cannot download its own) unless CHROMIUM_PATH is unset
// and Playwright's browser is installed.
//
// Isolation (docs/testing.md, ADR 0019): every worker has its own server on its own SQLite database,
// so journeys that lock accounts, throttle sign-ins or reset second factors never meet; the dashboard
// journey, which checks exact study-wide figures, has one more server nobody else writes to.
// Ports: E2E_PORT (default 3100) + worker index, the dashboard's at E2E_PORT + 50, each server's
// OIDC test provider at its port + 88. The worker count is E2E_WORKERS (not --workers: there is
// one server per worker): 2 in CI (a browser and a server each on a 2-core machine), else 1 so
// that running one spec starts few servers (E2E_WORKERS=2 npm run test:e2e for the whole suite).
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? (process.env.CI ? 2 : 1)));
// The runner fixes the base port; its workers inherit it (their own E2E_PORT is set below).
process.env.E2E_BASE_PORT ??= process.env.E2E_PORT ?? "3100";
const BASE_PORT = Number(process.env.E2E_BASE_PORT);
const workerPorts = Array.from({ length: WORKERS }, (_, i) => BASE_PORT + i);
process.env.E2E_FRESH_PORT = String(BASE_PORT + 50);
// In a worker process (Playwright sets TEST_PARALLEL_INDEX before it loads this file, and before the
// test files): E2E_PORT names this worker's server, for the journeys that also open its database or
// mailbox (e2e/support.ts and others read it when their module loads).
if (process.env.TEST_PARALLEL_INDEX !== undefined)
  process.env.E2E_PORT = String(BASE_PORT + Number(process.env.TEST_PARALLEL_INDEX));
const url = (port: number | string) => `http://127.0.0.1:${port}`;
// The generated form test samples rounds with a seed: chosen once here, so the runner and its
// workers (which inherit the environment) list the same tests; printed by the test to replay it.
process.env.FORM_MATRIX_SEED ??= String(Math.floor(Math.random() * 1e6));
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const FRESH = /dashboard\.spec\.ts$/;
const CRASH = /reliability\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  workers: WORKERS,
  // A file's tests run in order in one worker (some build on the previous one); files are spread
  // over the workers.
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "reports/e2e-results.json" }]] : [["list"]],
  use: {
    baseURL: url(process.env.E2E_PORT ?? BASE_PORT),
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    // The dashboard journey checks exact study-wide figures: its own server, on the database as seeded.
    { name: "fresh-database", testMatch: FRESH, use: { baseURL: url(process.env.E2E_FRESH_PORT) } },
    // The crash test (SIGKILL of its own server during saves) apart: `--project=crash` runs it alone.
    { name: "crash", testMatch: CRASH },
    { name: "journeys", testIgnore: [FRESH, CRASH] },
  ],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    // Every server answers (scripts/e2e-server.ts prints it): one line to wait for rather than N URLs.
    wait: { stdout: /e2e servers ready/ },
    // A build, when not made beforehand (E2E_SKIP_BUILD=1), takes minutes on a loaded 2-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORTS: [...workerPorts, process.env.E2E_FRESH_PORT].join(",") },
  },
});
