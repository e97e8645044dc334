// Answer paths ("field", "block.row", "block.row.field") are read by src/domain/crf/field-path.ts only
// (issue #12): fifteen hand-written `split(".")` each had their own idea of a malformed path. This test
// fails when a split on "." reappears in src outside the files listed here, each with why it is no answer path.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");

const ALLOWED: Record<string, string> = {
  "src/domain/crf/field-path.ts": "the one parser of answer paths",
  "src/server/auth/totp-crypto.ts": "a sealed secret: version.key.payload",
  "src/components/crf/field-control.tsx": "a react-hook-form error tree, walked by the form's own field names",
};

/** `.split(".")`, `.split('.')`, `.split(`.`)`, `.split(/\./)`, with any spacing. */
const SPLIT_ON_DOT = /\.split\(\s*(["'`])\.\1\s*\)|\.split\(\s*\/\\\.\/\s*\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(d.name) ? [path] : [];
  });
}

describe("answer paths are parsed in field-path.ts only", () => {
  it("recognises the ways to split on a dot", () => {
    for (const s of ['p.split(".")', "p.split('.')", "p.split(`.`)", "p.split(/\\./)", 'p.split( "." )'])
      expect(SPLIT_ON_DOT.test(s), s).toBe(true);
    for (const s of ['p.split(",")', 'p.split("..")', "p.split(/\\s+/)", "parseAnswerPath(p)"])
      expect(SPLIT_ON_DOT.test(s), s).toBe(false);
  });

  it("no other module splits on a dot (use parseAnswerPath, fieldIdOf, rootOf, rowPathOf)", () => {
    const offenders = sourceFiles(join(ROOT, "src"))
      .map((file) => relative(ROOT, file))
      .filter((file) => !(file in ALLOWED))
      .filter((file) => SPLIT_ON_DOT.test(readFileSync(join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("every allowed file still exists and still needs its exception", () => {
    for (const file of Object.keys(ALLOWED))
      expect(SPLIT_ON_DOT.test(readFileSync(join(ROOT, file), "utf8")), file).toBe(true);
  });
});
