// The repository stands alone: its README and docs never send a reader to a folder outside it (the study's
// shared folder in particular). docs/study.md describes the study instead.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const OUTSIDE = /\.\.\/shared\b|(^|[\s`(])\.\.\/\.\.\//;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return markdownFiles(path);
    return d.name.endsWith(".md") ? [path] : [];
  });
}

describe("README and docs stand alone", () => {
  it("recognises a link out of the repository", () => {
    expect(OUTSIDE.test("see `../shared/study/crf-spec.md`")).toBe(true);
    expect(OUTSIDE.test("see (../../notes.md)")).toBe(true);
    expect(OUTSIDE.test("see `docs/study.md` and ../decisions/0001-record-decisions.md")).toBe(false);
  });

  it("no README, CONTRIBUTING or docs/ page points outside the repository", () => {
    const files = [join(ROOT, "README.md"), join(ROOT, "CONTRIBUTING.md"), ...markdownFiles(join(ROOT, "docs"))];
    const offenders = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (OUTSIDE.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it("describes the study and carries a licence", () => {
    const study = readFileSync(join(ROOT, "docs/study.md"), "utf8");
    for (const fact of ["2010-01-01", "2020-10-01", "six months", "three months", "initials"])
      expect(study).toContain(fact);
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toContain("EUROPEAN UNION PUBLIC LICENCE v. 1.2");
  });
});
