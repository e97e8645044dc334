import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // Server modules import "server-only" to keep them out of client bundles;
      // outside Next.js that guard has nothing to guard.
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every migration applied once per run, into templates the integration suites copy.
    globalSetup: ["tests/support/database-templates.ts"],
    // Integration files each own their databases; running files in parallel is safe.
    pool: "forks",
    // vitest's default (CPUs − 1) is one worker on the 2-core CI machine, idle while a test waits on
    // PostgreSQL or a child process: at least two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: process.env.CI ? ["default", ["json", { outputFile: "reports/unit-results.json" }]] : ["default"],
  },
});
