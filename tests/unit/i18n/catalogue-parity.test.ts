// Every message catalogue exists in French and English with the same keys, no
// empty text and the same ICU placeholders: a key missing in one language
// shows its raw name, a missing placeholder drops a value from the sentence.
// The pairs are discovered (every features/<name>.fr.json, every
// src/domain/**/*.messages.ts export with fr and en), so a new catalogue is
// checked without editing this test.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const MESSAGES = join(ROOT, "src/i18n/messages");
const FEATURES = join(MESSAGES, "features");
const DOMAIN = join(ROOT, "src/domain");

type Leaves = Map<string, unknown>;

function leaves(value: unknown, prefix = "", out: Leaves = new Map()): Leaves {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
  return out;
}

/** The argument names a message uses, with their kind ("x", "x:plural", "x:select", "x:date"…), nested ones included. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) found.add(el.value);
      else if (el.type === TYPE.number) found.add(`${el.value}:number`);
      else if (el.type === TYPE.date) found.add(`${el.value}:date`);
      else if (el.type === TYPE.time) found.add(`${el.value}:time`);
      else if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`${el.value}:${el.type === TYPE.plural ? "plural" : "select"}`);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...found].sort();
}

function compare(fr: unknown, en: unknown): string[] {
  const problems: string[] = [];
  const f = leaves(fr);
  const e = leaves(en);
  for (const key of f.keys()) if (!e.has(key)) problems.push(`${key}: missing in English`);
  for (const key of e.keys()) if (!f.has(key)) problems.push(`${key}: missing in French`);
  for (const [locale, map] of [
    ["fr", f],
    ["en", e],
  ] as const) {
    for (const [key, value] of map) {
      if (typeof value !== "string") problems.push(`${key} (${locale}): not a string`);
      else if (value.trim() === "") problems.push(`${key} (${locale}): empty`);
    }
  }
  for (const [key, frValue] of f) {
    const enValue = e.get(key);
    if (typeof frValue !== "string" || typeof enValue !== "string") continue;
    let frArgs: string[], enArgs: string[];
    try {
      frArgs = placeholders(frValue);
      enArgs = placeholders(enValue);
    } catch (error) {
      problems.push(`${key}: not valid ICU (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    if (frArgs.join() !== enArgs.join())
      problems.push(`${key}: placeholders differ — fr {${frArgs.join(", ")}} / en {${enArgs.join(", ")}}`);
  }
  return problems;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

function jsonPairs(): { name: string; fr: string; en: string }[] {
  const pairs: { name: string; fr: string; en: string }[] = [];
  const files = readdirSync(FEATURES).filter((f) => f.endsWith(".json"));
  const names = new Set(files.map((f) => f.replace(/\.(fr|en)\.json$/, "")));
  for (const name of [...names].sort())
    pairs.push({
      name: `features/${name}.{fr,en}.json`,
      fr: join(FEATURES, `${name}.fr.json`),
      en: join(FEATURES, `${name}.en.json`),
    });
  return pairs;
}

function domainMessageFiles(dir = DOMAIN): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return domainMessageFiles(path);
    return d.name.endsWith(".messages.ts") ? [path] : [];
  });
}

describe("message catalogues: French and English agree", () => {
  it("every features/*.fr.json has its .en.json and the other way round", () => {
    const files = readdirSync(FEATURES).filter((f) => f.endsWith(".json"));
    for (const file of files) {
      expect(file, "catalogue files are named <feature>.fr.json / <feature>.en.json").toMatch(
        /^[a-z0-9-]+\.(fr|en)\.json$/,
      );
      const other = file.endsWith(".fr.json")
        ? file.replace(/\.fr\.json$/, ".en.json")
        : file.replace(/\.en\.json$/, ".fr.json");
      expect(files, `${file} has no ${other}`).toContain(other);
    }
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it("one scheme: no catalogue outside features/, one namespace per pair, every interface pair served", () => {
    expect(readdirSync(MESSAGES).filter((f) => f.endsWith(".json"))).toEqual([]);
    const served = readFileSync(join(ROOT, "src/i18n/feature-messages.ts"), "utf8");
    for (const file of readdirSync(FEATURES).filter((f) => f.endsWith(".json"))) {
      const name = file.replace(/\.(fr|en)\.json$/, "");
      const namespaces = Object.keys(readJson(join(FEATURES, file)) as object);
      const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(namespaces, `${file} holds exactly its namespace "${camel}"`).toEqual([camel]);
      // Mail texts are read by the server's mail modules, not by the interface.
      if (name === "mail" || name === "notify-mail") continue;
      expect(served, `${file} is not listed in src/i18n/feature-messages.ts`).toContain(`./messages/features/${file}"`);
    }
  });

  for (const pair of jsonPairs()) {
    it(`${pair.name}: same keys, no empty text, same placeholders`, () => {
      expect(compare(readJson(pair.fr), readJson(pair.en))).toEqual([]);
    });
  }

  it("the domain's *.messages.ts (FR/EN maps next to the rules): same keys, no empty text, same placeholders", async () => {
    const files = domainMessageFiles();
    expect(files.length).toBeGreaterThan(0);
    let maps = 0;
    const problems: string[] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (value === null || typeof value !== "object" || !("fr" in value) || !("en" in value)) continue;
        maps++;
        const { fr, en } = value as { fr: unknown; en: unknown };
        for (const p of compare(fr, en)) problems.push(`${relative(ROOT, file)} ${name}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(maps).toBeGreaterThanOrEqual(files.length);
  });

  it("the checker itself catches a missing key, an empty text and a renamed placeholder", () => {
    expect(compare({ a: { b: "Bonjour {name}", c: "x" } }, { a: { b: "Hello {nom}", d: "" } })).toEqual([
      "a.c: missing in English",
      "a.d: missing in French",
      "a.d (en): empty",
      "a.b: placeholders differ — fr {name} / en {nom}",
    ]);
    expect(compare({ n: "{count, plural, one {# cas} other {# cas}}" }, { n: "{count} cases" })).toEqual([
      "n: placeholders differ — fr {count:plural} / en {count}",
    ]);
    expect(
      compare(
        { g: "{grace, select, yes {délai jusqu’au {end}} other {}}" },
        { g: "{grace, select, yes {until} other {}}" },
      ),
    ).toHaveLength(1);
  });
});
