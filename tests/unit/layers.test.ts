// The domain reads no environment: configuration enters through the server layer, as parameters. The other
// layer rules are import rules, checked by dependency-cruiser (.dependency-cruiser.cjs, npm run depcruise);
// this one is about a global, which an import graph cannot see (ADR 0017).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const DOMAIN = join(ROOT, "src/domain");

/** `process.env`, `process["env"]`, `const { env } = process`, `globalThis.process`: any use of the process. */
const PROCESS_USE = /\bprocess\s*(\.|\?\.|\[)|=\s*process\b|globalThis\s*\.\s*process\b/;

/** Prose may say "the process." at the end of a sentence; only code counts. */
const isComment = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(d.name) ? [path] : [];
  });
}

describe("src/domain reads no environment", () => {
  it("recognises the ways code reaches the process", () => {
    for (const s of [
      "process.env.X",
      'process["env"]',
      "process?.env",
      "const { env } = process;",
      "globalThis.process.env",
    ]) {
      expect(PROCESS_USE.test(s), s).toBe(true);
    }
    for (const s of ["processRow(x)", "// the review process", "inProcess.env"])
      expect(PROCESS_USE.test(s), s).toBe(false);
  });

  it("no domain module uses process (pass configuration in as a parameter from src/server)", () => {
    const offenders = sourceFiles(DOMAIN)
      .filter((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .some((line) => !isComment(line) && PROCESS_USE.test(line)),
      )
      .map((file) => relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
