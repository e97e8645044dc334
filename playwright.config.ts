import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser journeys against the production build on a throw-away SQLite
// database (scripts/e2e-server.ts). Chromium comes from the system (Debian's
// package here: Playwright cannot download its own) unless CHROMIUM_PATH is unset
// and Playwright's browser is installed.
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The generated form test samples rounds with a seed: chosen once here, so the runner and its
// workers (which inherit the environment) list the same tests; printed by the test to replay it.
process.env.FORM_MATRIX_SEED ??= String(Math.floor(Math.random() * 1e6));
const baseURL = `http://127.0.0.1:${PORT}`;
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  // The journeys share one database and some change accounts (lockout): run them in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "reports/e2e-results.json" }]] : [["list"]],
  use: {
    baseURL,
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
  // The dashboard journey checks exact study-wide figures: it runs first, on the fresh database,
  // before the other journeys add their cases.
  projects: [
    { name: "fresh-database", testMatch: /dashboard\.spec\.ts$/ },
    { name: "journeys", testIgnore: /dashboard\.spec\.ts$/, dependencies: ["fresh-database"] },
  ],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `${baseURL}/login`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
