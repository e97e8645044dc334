// Scores the pre-fill extractor against a corpus of documents with expected
// values (tests/corpus/prefill/NN-name.txt + NN-name.expected.json): precision,
// recall, per field family, each miss and wrong value, and safety violations
// (a known drug the document does not give; a "yes" for a negated, family or
// literature finding). Used by `npm run narrative:eval` and the vitest goal test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CRF, fieldById } from "@/domain/crf/definition";
import { extract } from "@/domain/prefill/extract";
import { toCliJson } from "@/domain/prefill/output";

type V = unknown;
export interface Expected {
  readonly fields: Record<string, V>;
  readonly blocks?: Record<string, Record<string, V>[]>;
  /** Traps: fields that must never be "yes", drug codes that must never be proposed. */
  readonly safety?: { readonly not_yes?: string[]; readonly not_drugs?: string[] };
}

export type Family = "labs" | "dates" | "clinical signs" | "antibodies" | "drugs" | "outcome" | "other";
export interface Issue {
  doc: string;
  key: string;
  kind: "miss" | "wrong" | "extra";
  expected?: V;
  got?: V;
}
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
export interface Report {
  overall: Tally;
  families: Record<Family, Tally>;
  issues: Issue[];
  violations: string[];
  docs: number;
  maxMs: number;
}

const OUTCOME_IDS = new Set(CRF.sections.find((s) => s.id === "outcome")?.items.map((i) => i.id) ?? []);

export function familyOf(key: string): Family {
  if (key.startsWith("treatment_lines") || key.startsWith("dm_treatments_before_sam")) return "drugs";
  if (key.startsWith("infections")) return "other";
  if (/^anti_|^ana(_titre)?$/.test(key)) return "antibodies";
  const f = fieldById(key);
  if (f?.type === "date") return "dates";
  if (OUTCOME_IDS.has(key)) return "outcome";
  if (f?.type === "number" && key !== "weight_kg" && key !== "height_cm" && key !== "mmt8") return "labs";
  if (f?.type === "yesno" || key === "haemophagocytosis" || key === "haemophagocytosis_site") return "clinical signs";
  return "other";
}

export function same(a: V, b: V): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= Math.max(0.011, Math.abs(b) * 0.01);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x) => b.some((y) => same(x, y)));
  if (typeof a === "string" && typeof b === "string") return a.trim().toLowerCase() === b.trim().toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

const rowKey = (block: string, r: Record<string, V>) =>
  block === "infections"
    ? `${r.infection_agent}:${String(r.infection_agent_other ?? "").toLowerCase()}`
    : `${r.drug}:${String(r.drug_other ?? "").toLowerCase()}`;

export function evaluate(dir: string): Report {
  const families = Object.fromEntries(
    (["labs", "dates", "clinical signs", "antibodies", "drugs", "outcome", "other"] as Family[]).map((f) => [
      f,
      { tp: 0, fp: 0, fn: 0 },
    ]),
  ) as Record<Family, Tally>;
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const issues: Issue[] = [];
  const violations: string[] = [];
  let maxMs = 0;
  const count = (key: string, what: keyof Tally) => {
    overall[what]++;
    families[familyOf(key)][what]++;
  };
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  extract("Warm-up: the regular expressions are compiled on first use. Hb 8 g/dL."); // timing below is per document, warm
  for (const file of docs) {
    const doc = file.replace(/\.txt$/, "");
    const text = readFileSync(join(dir, file), "utf8");
    const exp = JSON.parse(readFileSync(join(dir, `${doc}.expected.json`), "utf8")) as Expected;
    const t0 = performance.now();
    const got = toCliJson(extract(text));
    maxMs = Math.max(maxMs, performance.now() - t0);
    const compare = (key: string, e: V, g: V) => {
      if (e === undefined && g === undefined) return;
      if (g === undefined) {
        count(key, "fn");
        issues.push({ doc, key, kind: "miss", expected: e });
      } else if (e === undefined) {
        count(key, "fp");
        issues.push({ doc, key, kind: "extra", got: g });
      } else if (same(g, e)) count(key, "tp");
      else {
        count(key, "fp");
        count(key, "fn");
        issues.push({ doc, key, kind: "wrong", expected: e, got: g });
      }
    };
    const ids = new Set([...Object.keys(exp.fields), ...Object.keys(got.fields)]);
    for (const id of ids) compare(id, exp.fields[id], got.fields[id]?.value);
    const blockIds = new Set([...Object.keys(exp.blocks ?? {}), ...Object.keys(got.blocks)]);
    for (const b of blockIds) {
      const eRows = exp.blocks?.[b] ?? [];
      const gRows = (got.blocks[b] ?? []).map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => k !== "evidence")),
      );
      const keys = new Set([...eRows.map((r) => rowKey(b, r)), ...gRows.map((r) => rowKey(b, r))]);
      for (const k of keys) {
        const e = eRows.find((r) => rowKey(b, r) === k) ?? {};
        const g = gRows.find((r) => rowKey(b, r) === k) ?? {};
        for (const f of new Set([...Object.keys(e), ...Object.keys(g)])) compare(`${b}.${f}`, e[f], g[f]);
      }
    }
    // Safety.
    const expectedDrugs = new Set(
      Object.values(exp.blocks ?? {})
        .flat()
        .map((r) => r.drug),
    );
    for (const rows of Object.values(got.blocks)) {
      for (const r of rows) {
        const drug = r.drug as string | undefined;
        if (drug && drug !== "other" && (!expectedDrugs.has(drug) || exp.safety?.not_drugs?.includes(drug))) {
          violations.push(`${doc}: known drug "${drug}" proposed, not given by the document`);
        }
      }
    }
    for (const [id, p] of Object.entries(got.fields)) {
      if (p.value === "yes" && (exp.fields[id] === "no" || exp.safety?.not_yes?.includes(id))) {
        violations.push(`${doc}: ${id} proposed "yes" (negated, family or literature finding)`);
      }
    }
  }
  return { overall, families, issues, violations, docs: docs.length, maxMs };
}

export const precision = (t: Tally) => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
export const recall = (t: Tally) => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
