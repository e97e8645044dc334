// Every browser journey takes `test` from e2e/fixtures.ts, whose automatic fixture fails the
// test on any uncaught page error or console error: no journey can pass while the page crashes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(process.cwd(), "e2e");
const specs = readdirSync(dir).filter((f) => f.endsWith(".spec.ts"));

describe("browser journeys see page errors", () => {
  it("finds the journeys", () => expect(specs.length).toBeGreaterThan(10));
  for (const spec of specs) {
    it(`${spec} takes test from ./fixtures`, () => {
      const text = readFileSync(join(dir, spec), "utf8");
      expect(text).toMatch(/import \{[^}]*\btest\b[^}]*\} from "\.\/fixtures"/);
      expect(text).not.toMatch(/import \{[^}]*\btest\b[^}]*\} from "@playwright\/test"/);
    });
  }
  it("the fixture fails on page errors and console errors, automatically", () => {
    const fixture = readFileSync(join(dir, "fixtures.ts"), "utf8");
    expect(fixture).toContain('on("pageerror"');
    expect(fixture).toContain('message.type() !== "error"');
    expect(fixture).toContain("auto: true");
  });
});
