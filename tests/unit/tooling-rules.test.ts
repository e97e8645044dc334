// The checks of `npm run check` must be able to fail: each rule of .dependency-cruiser.cjs and the React hooks
// rules of biome.jsonc are run on a small scratch project that breaks them (ADR 0017). A config edit that
// silently disables a rule (as excluding node_modules once did for "domain-no-framework") fails here.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "node_modules/.bin");
let dir = "";

const FILES: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { jsx: "react-jsx", baseUrl: ".", paths: { "@/*": ["./src/*"] } },
  }),
  "src/domain/pure.ts": "export const pure = 1;\n",
  "src/domain/framework.ts": 'import { useState } from "react";\nexport const f = useState;\n',
  "src/domain/outer.ts": 'import { db } from "@/server/db/db.server";\nexport const o = db;\n',
  "src/domain/cycle-a.ts": 'import { b } from "./cycle-b";\nexport const a = () => b;\n',
  "src/domain/cycle-b.ts": 'import { a } from "./cycle-a";\nexport const b = () => a;\n',
  "src/server/db/db.server.ts": "export const db = () => 1;\n",
  "src/server/relative.ts": 'import { pure } from "../domain/pure";\nexport const r = pure;\n',
  "src/server/aliased.ts": 'import { pure } from "@/domain/pure";\nexport const al = pure;\n',
  "src/app/route-actions.ts": "export const act = () => 1;\n",
  "src/components/uses-route.tsx": 'import { act } from "@/app/route-actions";\nexport const u = act;\n',
  "src/components/uses-db.tsx": 'import { db } from "@/server/db/db.server";\nexport const d = db;\n',
  "src/i18n/messages.ts": 'import { pure } from "@/domain/pure";\nexport const m = pure;\n',
  "src/i18n/uses-server.ts": 'import { db } from "@/server/db/db.server";\nexport const s = db;\n',
  "src/i18n/request.ts": 'import { db } from "@/server/db/db.server";\nexport const req = db;\n',
  "src/app/uses-test.ts": 'import { t } from "../../tests/helper";\nexport const ut = t;\n',
  "tests/helper.ts": "export const t = 1;\n",
  // A stand-in for the framework: the rule is about the import, not about React's code.
  "node_modules/react/package.json": JSON.stringify({ name: "react", version: "0.0.0", main: "index.js" }),
  "node_modules/react/index.js": "exports.useState = () => [];\n",
  "src/components/stale-effect.tsx": [
    'import { useEffect, useState } from "react";',
    "export function Stale({ id }: { id: string }) {",
    "  const [v, setV] = useState(id);",
    "  useEffect(() => {",
    "    setV(id);",
    "  }, []);",
    "  if (v === '') return null;",
    "  const [w] = useState(0);",
    "  return <p>{v}{w}</p>;",
    "}",
  ].join("\n"),
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "layer-rules-"));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a tool in the scratch project; returns its output whatever the exit code. */
function run(bin: string, args: string[]): string {
  try {
    return execFileSync(join(BIN, bin), args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
}

describe("the layer rules fire", () => {
  it("dependency-cruiser reports each broken rule, and nothing for the allowed imports", () => {
    const out = run("depcruise", ["--config", join(ROOT, ".dependency-cruiser.cjs"), "--output-type", "json", "src"]);
    const violations = (
      JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string }[] } }
    ).summary.violations
      .map((v) => `${v.rule.name} ${v.from}`)
      .sort();
    expect(violations).toEqual(
      [
        "app-not-tests-or-scripts src/app/uses-test.ts",
        "components-not-db src/components/uses-db.tsx",
        "components-not-routes src/components/uses-route.tsx",
        "domain-no-framework src/domain/framework.ts",
        "domain-no-outer-layer src/domain/outer.ts",
        "i18n-not-server src/i18n/uses-server.ts",
        // A cycle is reported once, from its first module.
        "no-circular src/domain/cycle-a.ts",
        "no-relative-across-folders src/server/relative.ts",
      ].sort(),
    );
  }, 60_000);

  it("Biome reports a hook's missing dependency and a hook called conditionally", () => {
    const out = run("biome", ["lint", "--config-path", join(ROOT, "biome.jsonc"), "src/components/stale-effect.tsx"]);
    expect(out).toContain("lint/correctness/useExhaustiveDependencies");
    expect(out).toContain("lint/correctness/useHookAtTopLevel");
  }, 60_000);
});
