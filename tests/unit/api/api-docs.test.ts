// docs/api.md shows the example scripts that the browser journey runs (e2e/token-api.spec.ts): the
// documentation's code is the tested code, character for character.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "@/domain/api/openapi";
import { API_SCOPES } from "@/domain/api/policy";

const ROOT = join(import.meta.dirname, "../../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

describe("docs/api.md", () => {
  const doc = read("docs/api.md");

  it("holds the tested example scripts verbatim", () => {
    expect(doc).toContain(`\`\`\`python\n${read("docs/api-examples/cases.py")}\`\`\``);
    expect(doc).toContain(`\`\`\`r\n${read("docs/api-examples/cases.R")}\`\`\``);
  });

  it("names every scope and every endpoint", () => {
    for (const scope of API_SCOPES) expect(doc).toContain(`\`${scope}\``);
    for (const path of API_PATHS) expect(doc).toContain(path);
  });
});
