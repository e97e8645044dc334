// .env.example documents every environment variable the code reads: a
// hospital's IT team configures the app from that file alone.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_SCHEMA } from "@/server/env";

const ROOT = join(import.meta.dirname, "../..");
/** Set by Node tooling and CI systems for everyone; documenting them would say nothing. */
const ALLOWED_UNDOCUMENTED = new Set(["NODE_ENV", "CI"]);
const SOURCE_DIRS = ["src", "scripts", "e2e", "tests/support"];
const ROOT_FILES = ["next.config.ts", "playwright.config.ts", "vitest.config.ts"];
const SKIP_DIRS = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return SKIP_DIRS.has(d.name) || d.name.startsWith(".") ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|mjs|js)$/.test(d.name) ? [path] : [];
  });
}

const PATTERNS = [
  /process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g,
  /process\.env\[\s*["'`]([A-Za-z_][A-Za-z0-9_]*)["'`]\s*\]/g,
  // Functions that take the environment as a parameter (`env = process.env`) and read env.X / env["X"].
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[\s*["'`]([A-Z][A-Z0-9_]*)["'`]\s*\]/g,
];

/** The variable names a source text reads. */
function variablesRead(source: string): Set<string> {
  const names = new Set<string>();
  for (const pattern of PATTERNS) for (const m of source.matchAll(pattern)) names.add(m[1]!);
  return names;
}

function undocumented(read: Map<string, string[]>, example: string): string[] {
  return [...read.entries()]
    .filter(
      ([name]) =>
        !ALLOWED_UNDOCUMENTED.has(name) && !new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`, "m").test(example),
    )
    .map(([name, files]) => `${name} (read in ${files.join(", ")})`)
    .sort();
}

describe(".env.example", () => {
  it("mentions every environment variable read in src/, scripts/, e2e/, tests/support/ and the root configs", () => {
    const files = [
      ...SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))),
      ...ROOT_FILES.map((f) => join(ROOT, f)).filter(existsSync),
    ];
    const read = new Map<string, string[]>();
    for (const file of files) {
      for (const name of variablesRead(readFileSync(file, "utf8")))
        read.set(name, [...(read.get(name) ?? []), relative(ROOT, file)]);
    }
    // The server reads its variables through one schema (src/server/env.ts): each key is a variable read.
    for (const name of Object.keys(ENV_SCHEMA.shape))
      read.set(name, [...(read.get(name) ?? []), "src/server/env.ts (ENV_SCHEMA)"]);
    // The scan finds what it must (a broken pattern would make this test pass on nothing).
    for (const known of ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXT_DIST_DIR", "E2E_PORT", "SMTP_URL", "AUTH_TRUST_HOST"])
      expect([...read.keys()]).toContain(known);
    expect(undocumented(read, readFileSync(join(ROOT, ".env.example"), "utf8"))).toEqual([]);
  });

  it("the scan reads every way the code names a variable, and a missing one is reported", () => {
    const source =
      "const a = process.env.ALPHA; const b = process.env[\"BETA\"]; const c = env.GAMMA; const d = env['DELTA']; const e = process.env.NODE_ENV; const f = someEnv.lower;";
    expect([...variablesRead(source)].sort()).toEqual(["ALPHA", "BETA", "DELTA", "GAMMA", "NODE_ENV"]);
    const read = new Map([...variablesRead(source)].map((n) => [n, ["x.ts"]]));
    expect(undocumented(read, "# ALPHA: documented\nBETA=1\n# GAMMA_EXTRA is another one\n")).toEqual([
      "DELTA (read in x.ts)",
      "GAMMA (read in x.ts)",
    ]);
  });
});
