// npm run bench — every benchmark, one after the other, on one production
// build (made by the first benchmark that starts the app, reused by the
// others: BENCH_SKIP_BUILD). Each prints its Markdown; the whole report is
// also written to reports/bench.md. A benchmark that fails or misses its goal
// does not stop the others; the exit code is 1 if any did.
// Environment: BENCH_DATABASE_URL_PG (PostgreSQL runs), BENCH_SCALE=small
// (a quick check), CHROMIUM_PATH, BENCH_PORT; see docs/performance.md.
import { spawn } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIST_DIR } from "../lib/app-server";

const BENCHMARKS = ["validation", "page-weight", "save-latency", "dashboard", "exports"] as const;

function run(name: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", `scripts/bench/${name}.ts`], { env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<void> {
  const results: { name: string; code: number }[] = [];
  const report: string[] = [];
  const started = Date.now();
  // Built during this run (even by a benchmark that then failed or missed its goal).
  const builtNow = () => {
    try {
      return statSync(join(DIST_DIR, "BUILD_ID")).mtimeMs >= started;
    } catch {
      return false;
    }
  };
  let built = process.env.BENCH_SKIP_BUILD === "1";
  for (const name of BENCHMARKS) {
    console.log(`\n<!-- npm run bench: ${name} -->\n`);
    const { code, output } = await run(name, { ...process.env, ...(built ? { BENCH_SKIP_BUILD: "1" } : {}) });
    built ||= builtNow();
    results.push({ name, code });
    report.push(output);
  }
  mkdirSync("reports", { recursive: true });
  writeFileSync("reports/bench.md", `${report.join("\n\n")}\n`);
  console.log("\n## Summary\n");
  for (const r of results)
    console.log(`- ${r.name}: ${r.code === 0 ? "done" : `exit ${r.code} (failed or missed its goal, see above)`}`);
  console.log("\nReport written to reports/bench.md.");
  if (results.some((r) => r.code !== 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
