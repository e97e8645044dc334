import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { CRF } from "@/domain/crf/definition";
import { isBlock, type FieldDef } from "@/domain/crf/types";
import { AMENDMENTS, CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import { changelogMarkdown } from "@/domain/crf/versions/changelog";
import { amendmentProblems, assertAmendments } from "@/domain/crf/versions/check";
import { migrateAnswers, migrateCase, pendingAmendments } from "@/domain/crf/versions/migrate";
import type { Amendment, AmendmentOp } from "@/domain/crf/versions/types";
import {
  AMENDED_CRF,
  FROM_VERSION,
  SAMPLE_AMENDMENT,
  SAMPLE_CHAIN,
  TO_VERSION,
} from "../../support/crf-amendment-fixture";

/** A plausible stored answer for each field type (value as the form stores it). */
function sampleAnswer(f: FieldDef): FieldAnswer {
  switch (f.type) {
    case "yesno":
      return { v: "yes" };
    case "choice":
      return { v: f.options[0]!.value };
    case "multi":
      return { v: f.options.slice(0, 2).map((o) => o.value) };
    case "number":
      return f.altUnits?.length
        ? { v: 12.5, unit: f.altUnits[0]!.id, entered: 12.5 / f.altUnits[0]!.factor }
        : { v: 12.5 };
    case "date":
      return { v: "2024-03" };
    case "text":
      return { v: "texte libre" };
    case "dose":
      return { v: 1, unit: "mg" };
  }
}

const TOP = CRF.sections.flatMap((s) => s.items.filter((i): i is FieldDef => !isBlock(i)));
const ROWS = CRF.sections.flatMap((s) => s.items.filter(isBlock).flatMap((b) => b.fields.map((f) => ({ b, f }))));

const withField = (id: string, a: FieldAnswer): CaseAnswers => ({ fields: { other: { v: "x" }, [id]: a }, blocks: {} });
const withRow = (block: string, id: string, a: FieldAnswer): CaseAnswers => ({
  fields: {},
  blocks: { [block]: [{ id: "r1", values: { [id]: a, keep: { code: "NK" } } }] },
});

/** Applying twice changes nothing more than applying once. */
function expectIdempotent(answers: CaseAnswers, ops: readonly AmendmentOp[]) {
  const once = migrateAnswers(answers, ops);
  const twice = migrateAnswers(once.answers, ops);
  expect(twice.changes).toEqual([]);
  expect(twice.answers).toEqual(once.answers);
  return once;
}

describe("answer migration operations, generated over every field of the form", () => {
  it.each(TOP.map((f) => [f.id, f] as const))("rename, remove and codes: %s", (id, f) => {
    const a = sampleAnswer(f);
    const renamed = expectIdempotent(withField(id, a), [{ op: "renameField", from: id, to: `${id}_v2` }]);
    expect(renamed.answers.fields[`${id}_v2`]).toEqual(a);
    expect(renamed.answers.fields[id]).toBeUndefined();
    expect(renamed.answers.fields.other).toEqual({ v: "x" });
    expect(renamed.changes.map((c) => [c.path, c.op])).toEqual([
      [id, "renameField"],
      [`${id}_v2`, "renameField"],
    ]);
    const removed = expectIdempotent(withField(id, a), [{ op: "removeField", field: id }]);
    expect(removed.changes).toEqual([{ path: id, before: a, after: null, op: "removeField", amendment: "" }]);
    for (const code of ["NK", "ND", "NA"] as const) {
      const coded = withField(id, { code });
      const ops: AmendmentOp[] = [
        { op: "recodeOptions", field: id, map: { [String(a.v)]: "zzz" } },
        { op: "changeUnit", field: id, from: "a", to: "b", factor: 10 },
        { op: "addField", field: id },
      ];
      expect(migrateAnswers(coded, ops).changes).toEqual([]);
    }
  });

  it.each(ROWS.map(({ b, f }) => [`${b.id}.${f.id}`, b.id, f] as const))("row field %s: every row", (_, block, f) => {
    const a = sampleAnswer(f);
    const once = expectIdempotent(withRow(block, f.id, a), [{ op: "renameField", block, from: f.id, to: "renamed" }]);
    expect(once.answers.blocks[block]?.[0]?.values).toEqual({ renamed: a, keep: { code: "NK" } });
    expect(once.changes.map((c) => c.path).sort()).toEqual([`${block}.r1.${f.id}`, `${block}.r1.renamed`].sort());
  });

  const optionFields = TOP.filter((f) => f.type === "choice" || f.type === "multi");
  it.each(optionFields.map((f) => [f.id, f] as const))("recode options: %s", (id, f) => {
    if (f.type !== "choice" && f.type !== "multi") return;
    const [first, second] = f.options.map((o) => o.value);
    const map = { [first!]: "recoded" };
    const answer: FieldAnswer = f.type === "multi" ? { v: [first!, second!] } : { v: first! };
    const once = expectIdempotent(withField(id, answer), [{ op: "recodeOptions", field: id, map }]);
    expect(once.answers.fields[id]?.v).toEqual(f.type === "multi" ? ["recoded", second] : "recoded");
    // An option not in the map is left as it was.
    if (second !== undefined) {
      const other: FieldAnswer = { v: f.type === "multi" ? [second] : second };
      expect(migrateAnswers(withField(id, other), [{ op: "recodeOptions", field: id, map }]).changes).toEqual([]);
    }
  });

  const numbers = TOP.filter((f) => f.type === "number");
  it.each(numbers.map((f) => [f.id, f] as const))("change of unit: %s keeps the value as entered", (id, f) => {
    const a = sampleAnswer(f);
    const { answers, changes } = migrateAnswers(withField(id, a), [
      { op: "changeUnit", field: id, from: "old", to: "new", factor: 0.1 },
    ]);
    expect(answers.fields[id]).toEqual({ ...a, v: 1.25 });
    expect(changes).toHaveLength(1);
  });
});

describe("split and merge", () => {
  const split: AmendmentOp = {
    op: "splitField",
    from: "bp",
    into: ["bp_sys", "bp_dia"],
    rule: { fr: "systolique/diastolique", en: "systolic/diastolic" },
    split: (a) => {
      const [s, d] = String(a.v ?? "").split("/");
      return a.code ? { bp_sys: a, bp_dia: a } : { bp_sys: { v: Number(s) }, bp_dia: { v: Number(d) } };
    },
  };
  it("splits one answer into several, once", () => {
    const once = expectIdempotent({ fields: { bp: { v: "120/80" } }, blocks: {} }, [split]);
    expect(once.answers.fields).toEqual({ bp_sys: { v: 120 }, bp_dia: { v: 80 } });
    expect(once.changes.map((c) => c.path).sort()).toEqual(["bp", "bp_dia", "bp_sys"]);
  });
  it("never overwrites a different answer already there: a conflict, nothing changed", () => {
    const before: CaseAnswers = { fields: { bp: { v: "120/80" }, bp_sys: { v: 130 } }, blocks: {} };
    const r = migrateAnswers(before, [split]);
    expect(r.answers).toEqual(before);
    expect(r.conflicts).toEqual([{ path: "bp_sys", op: "splitField", reason: "target_answered", amendment: "" }]);
  });
  const merge: AmendmentOp = {
    op: "mergeFields",
    from: ["fever_a", "fever_b"],
    into: "fever",
    rule: { fr: "oui si l’un est oui", en: "yes if either is yes" },
    merge: (v) => (v.fever_a?.v === "yes" || v.fever_b?.v === "yes" ? { v: "yes" } : (v.fever_a ?? v.fever_b)),
  };
  it("merges several answers into one, once", () => {
    const once = expectIdempotent({ fields: { fever_a: { v: "no" }, fever_b: { v: "yes" } }, blocks: {} }, [merge]);
    expect(once.answers.fields).toEqual({ fever: { v: "yes" } });
  });
  it("rename onto a different answer is a conflict", () => {
    const r = migrateAnswers({ fields: { a: { v: "1" }, b: { v: "2" } }, blocks: {} }, [
      { op: "renameField", from: "a", to: "b" },
    ]);
    expect(r.changes).toEqual([]);
    expect(r.conflicts.map((c) => c.path)).toEqual(["b"]);
  });
});

describe("the sample amendment (anti-MDA5 titre, recoded DM status)", () => {
  const answers: CaseAnswers = {
    fields: { anti_mda5: { v: "positive" }, dm_status_last: { v: "low_activity" }, death: { v: "no" } },
    blocks: {},
  };
  it("recodes exactly the recoded answer, and a second run is a no-op", () => {
    const m = migrateCase(answers, FROM_VERSION, SAMPLE_CHAIN, TO_VERSION);
    expect(m.version).toBe(TO_VERSION);
    expect(m.changes).toEqual([
      {
        path: "dm_status_last",
        before: { v: "low_activity" },
        after: { v: "minimal_activity" },
        op: "recodeOptions",
        amendment: TO_VERSION,
      },
    ]);
    expect(migrateCase(m.answers, m.version, SAMPLE_CHAIN, TO_VERSION).changes).toEqual([]);
  });
  it("is a sound chain for the amended definition, and not for the live one", () => {
    expect(amendmentProblems(AMENDED_CRF, SAMPLE_CHAIN)).toEqual([]);
    expect(amendmentProblems(CRF, SAMPLE_CHAIN).join("\n")).toMatch(/leads to 2026-12-1|unknown field anti_mda5_titre/);
  });
  it("a version outside the chain is refused, not guessed", () => {
    expect(pendingAmendments("0.9", SAMPLE_CHAIN, TO_VERSION)).toBeNull();
    expect(() => migrateCase(answers, "0.9", SAMPLE_CHAIN, TO_VERSION)).toThrow(RangeError);
    expect(pendingAmendments(TO_VERSION, SAMPLE_CHAIN, TO_VERSION)).toEqual([]);
  });
  it("renders its changelog", () => {
    const md = changelogMarkdown(AMENDED_CRF, SAMPLE_CHAIN);
    expect(md).toContain("## 2026-12-1 — 2026-12-01");
    expect(md).toContain("- Added field `anti_mda5_titre`");
    expect(md).toContain("- Recoded options of `dm_status_last`: `low_activity` → `minimal_activity`.");
    expect(md).toContain(`## ${FROM_VERSION} — initial version`);
    expect(md.indexOf("2026-12-1 —")).toBeLessThan(md.indexOf("initial version"));
  });
});

describe("the declared amendments are checked at load", () => {
  it("the live list is sound and leads to the live form", () => {
    expect(amendmentProblems(CRF, AMENDMENTS)).toEqual([]);
    expect(CURRENT_FORM_VERSION).toBe(CRF.version);
    expect(changelogMarkdown(CRF, AMENDMENTS)).toContain(`## ${CRF.version} — initial version`);
  });
  it("rows that pre-date versioning default to the chain's first version (prisma/models.prisma)", () => {
    const model = readFileSync(fileURLToPath(new URL("../../../prisma/models.prisma", import.meta.url)), "utf8");
    const defaults = [...model.matchAll(/formVersion(?:Entered|Saved)\s+String\s+@default\("([^"]+)"\)/g)];
    expect(defaults.map((m) => m[1])).toEqual(Array(2).fill(AMENDMENTS[0]?.from ?? CRF.version));
  });
  it("docs/data-dictionary-changelog.md is the one the code generates", () => {
    const committed = readFileSync(
      fileURLToPath(new URL("../../../docs/data-dictionary-changelog.md", import.meta.url)),
      "utf8",
    );
    expect(committed, "docs/data-dictionary-changelog.md is out of date: run npm run docs:dictionary").toBe(
      changelogMarkdown(CRF, AMENDMENTS),
    );
  });
  const bad = (operations: AmendmentOp[], extra: Partial<Amendment> = {}): Amendment => ({
    ...SAMPLE_AMENDMENT,
    ...extra,
    operations,
  });
  it.each<[string, Amendment, RegExp]>([
    ["an unknown field", bad([{ op: "addField", field: "anti_mda6_titre" }]), /unknown field anti_mda6_titre/],
    ["an unknown block", bad([{ op: "addField", block: "nope", field: "x" }]), /unknown block nope/],
    [
      "an unknown new option",
      bad([{ op: "recodeOptions", field: "dm_status_last", map: { low_activity: "lowish" } }]),
      /lowish is not an option/,
    ],
    [
      "a recode that a second run would apply again",
      bad([{ op: "recodeOptions", field: "dm_status_last", map: { a: "remission", remission: "active" } }]),
      /remission is both recoded and a new code/,
    ],
    [
      "a rename from a live field",
      bad([{ op: "renameField", from: "anti_mda5", to: "anti_mda5_titre" }]),
      /anti_mda5 is still a field/,
    ],
    ["a removed field still in the form", bad([{ op: "removeField", field: "death" }]), /death is still a field/],
    [
      "a unit that is not the canonical one",
      bad([{ op: "changeUnit", field: "anti_mda5_titre", from: "x", to: "g_l", factor: 2 }]),
      /canonical unit is u_ml/,
    ],
    [
      "a zero factor",
      bad([{ op: "changeUnit", field: "anti_mda5_titre", from: "x", to: "u_ml", factor: 0 }]),
      /factor 0/,
    ],
    ["a bad date", bad([], { date: "1/12/2026" }), /not YYYY-MM-DD/],
    ["a missing summary", bad([], { summary: { fr: "", en: "x" } }), /summary/],
  ])("refuses %s", (_, amendment, problem) => {
    expect(amendmentProblems(AMENDED_CRF, [amendment]).join("\n")).toMatch(problem);
    expect(() => assertAmendments(AMENDED_CRF, [amendment])).toThrow(problem);
  });
  it("refuses a broken chain", () => {
    const second: Amendment = { ...SAMPLE_AMENDMENT, from: "2026-12-9", to: "2027-01-1", operations: [] };
    expect(amendmentProblems(AMENDED_CRF, [SAMPLE_AMENDMENT, second]).join("\n")).toMatch(/does not follow 2026-12-1/);
  });
});
