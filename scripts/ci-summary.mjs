// Prints one closing line for CI from the vitest and Playwright JSON reports:
// "tests: N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
if (existsSync("reports/unit-results.json")) {
  const r = JSON.parse(readFileSync("reports/unit-results.json", "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (existsSync("reports/e2e-results.json")) {
  const r = JSON.parse(readFileSync("reports/e2e-results.json", "utf8"));
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
