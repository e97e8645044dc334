import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EMPTY_ANSWERS } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import {
  DICTIONARY_COLUMNS,
  KEY_FIELDS,
  KEY_SECTION,
  csvField,
  dictionaryCsv,
  dictionaryRows,
  drugRows,
  renderCondition,
  toCsv,
} from "@/domain/crf/data-dictionary";
import { dictionaryMarkdown } from "@/domain/crf/data-dictionary-markdown";
import { CRF } from "@/domain/crf/definition";
import { isBlock, type FieldDef } from "@/domain/crf/types";
import { DRUGS } from "@/domain/doses";

const doc = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), "utf8");

/** RFC 4180: comma-separated, fields optionally quoted, quotes doubled inside quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i += 1;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      throw new Error(`bare line break at ${i}: records end with CRLF`);
    } else {
      field += ch;
      i += 1;
    }
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Every field of the definition as its dictionary id, with its definition. */
const DEFINED: readonly { id: string; field: FieldDef }[] = CRF.sections.flatMap((s) =>
  s.items.flatMap((item) =>
    isBlock(item) ? item.fields.map((f) => ({ id: `${item.id}.${f.id}`, field: f })) : [{ id: item.id, field: item }],
  ),
);

const csv = parseCsv(dictionaryCsv());
const header = csv[0]!;
const records = csv
  .slice(1)
  .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])) as Record<string, string>);
const byId = (id: string): Record<string, string> => {
  const r = records.find((x) => x.field_id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe("committed data dictionary", () => {
  it("docs/data-dictionary.md is what the code generates", () => {
    expect(doc("data-dictionary.md"), "docs/data-dictionary.md is out of date: run npm run docs:dictionary").toBe(
      dictionaryMarkdown(),
    );
  });

  it("docs/data-dictionary.csv is what the code generates", () => {
    expect(doc("data-dictionary.csv"), "docs/data-dictionary.csv is out of date: run npm run docs:dictionary").toBe(
      dictionaryCsv(),
    );
  });
});

describe("data dictionary CSV", () => {
  it("has the header row and the same number of columns on every row", () => {
    expect(header).toEqual([...DICTIONARY_COLUMNS]);
    for (const r of csv) expect(r).toHaveLength(DICTIONARY_COLUMNS.length);
  });

  it("uses CRLF line ends only and no byte-order mark", () => {
    const text = dictionaryCsv();
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("lists the pseudonymised key, every top-level and block field exactly once, then the computed values", () => {
    const ids = records.map((r) => r.field_id);
    expect(ids.slice(0, 3)).toEqual(["initials", "birth_date", "centre_code"]);
    for (const { id } of DEFINED)
      expect(
        ids.filter((x) => x === id),
        id,
      ).toHaveLength(1);
    for (const c of CRF.computed)
      expect(
        ids.filter((x) => x === c.id),
        c.id,
      ).toHaveLength(1);
    expect(ids).toHaveLength(KEY_FIELDS.length + DEFINED.length + CRF.computed.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents the pseudonymised key in its own section, as pseudonym-key.ts checks it", () => {
    const key = records.filter((r) => r.section === KEY_SECTION);
    expect(key.map((r) => r.field_id)).toEqual(["initials", "birth_date", "centre_code"]);
    expect(byId("initials")).toMatchObject({
      type: "text",
      max_length: "2",
      required: "yes",
      missing_codes: "",
      label_en: "Initials (first letter of surname + first letter of first name)",
    });
    expect(byId("birth_date")).toMatchObject({ type: "date", precisions: "day", required: "yes", missing_codes: "" });
    expect(byId("birth_date").help_en).toContain("1900-01-01");
    expect(byId("centre_code")).toMatchObject({ type: "text", max_length: "3" });
    for (const r of key) {
      expect(r.help_fr, r.field_id).not.toBe("");
      expect(r.help_en, r.field_id).not.toBe("");
    }
  });

  it("documents every value the record computes and stores (ranges aside)", () => {
    const stored = Object.keys(computeResults(EMPTY_ANSWERS, "1970-01-01")).filter((k) => !k.endsWith("_range"));
    expect(CRF.computed.map((c) => c.id).sort()).toEqual(stored.sort());
    for (const id of [
      "delay_cancer_to_dm_diag_days",
      "paraneoplastic_window",
      "followup_days",
      "age_at_dm_onset",
      "juvenile_dm",
      "age_at_sam",
    ]) {
      expect(byId(id).type, id).toBe("computed");
    }
    expect(byId("delay_cancer_to_dm_diag_days")).toMatchObject({ section: "dm", unit: "days" });
    expect(byId("paraneoplastic_window").help_en).toContain("3 × 365.25 days");
    expect(byId("eular_acr_2017").help_en).toContain("probable ≥ 5.5");
  });

  it("gives the help in French and in English", () => {
    for (const r of records) {
      expect(r.help_fr === "", `${r.field_id}: help in one language only`).toBe(r.help_en === "");
    }
    expect(byId("sam_date").help_en).toBe(
      "Between 2010-01-01 and 2020-10-01 (protocol). Full date: delays depend on it.",
    );
    expect(byId("treatment_lines.dose_value").help_en).toContain("Dose in the unit chosen");
    expect(byId("treatment_lines.dose_unit")).toMatchObject({
      required: "yes, unless treatment_lines.dose_value is NK or ND",
      help_en: "Optional when the dose is NK or ND.",
    });
    expect(byId("ferritin").accepted_units).toBe("ng/mL ×1");
  });

  it("parses back to the rows, accented labels intact", () => {
    expect(records).toEqual(dictionaryRows().map((r) => ({ ...r })));
    for (const { id, field } of DEFINED) {
      expect(byId(id).label_fr).toBe(field.label.fr);
      expect(byId(id).label_en).toBe(field.label.en);
    }
    expect(byId("heliotrope_rash").label_fr).toBe("Érythème héliotrope (lilacé des paupières)");
    expect(byId("treatment_lines.drug").options).toContain("etoposide=Étoposide (VP-16)");
  });

  it("spot checks", () => {
    const ferritin = byId("ferritin");
    expect(ferritin.hard_max).toBe("500000");
    expect(ferritin.hard_min).toBe("0");
    expect(ferritin.unit).toBe("µg/L");
    expect(byId("triglycerides").accepted_units).toBe("g/L ×1.129; mg/dL ×0.01129");
    expect(byId("triglycerides").accepted_units).toContain("mg/dL");
    expect(byId("sam_date").precisions).toBe("day");
    expect(byId("sam_date").missing_codes).toBe("");
    expect(byId("dm_onset_date").precisions).toBe("day, month, year");
    expect(byId("cancer_type").condition).toBe("cancer = yes");
    expect(byId("infections.infection_agent_other")).toMatchObject({
      section: "mas",
      block: "infections",
      condition: "all(trigger_infection = yes, infections.infection_agent = other)",
    });
    expect(byId("heliotrope_rash")).toMatchObject({
      type: "yesno",
      options: "yes=Oui | no=Non",
      required: "yes",
      missing_codes: "NK, ND",
    });
    expect(byId("comments")).toMatchObject({ max_length: "2000", required: "no", missing_codes: "" });
    expect(byId("treatment_lines.dose_value").type).toBe("dose");
    expect(byId("bsa_m2")).toMatchObject({ type: "computed", unit: "m²", section: "dm" });
  });
});

describe("data dictionary helpers", () => {
  it("quotes only what needs quoting, doubling quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "ND"')).toBe('"say ""ND"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    const tricky = [
      ['é, "x"', "line\r\nbreak", ""],
      ["µg/L", "1/(1+exp(5,33))", "«ND»"],
    ];
    expect(parseCsv(toCsv(tricky))).toEqual(tricky);
  });

  it("renders conditions readably", () => {
    expect(renderCondition({ field: "cancer", equals: "yes" })).toBe("cancer = yes");
    expect(
      renderCondition({
        all: [
          { field: "a", equals: "x" },
          { field: "b", in: ["y", "z"] },
        ],
      }),
    ).toBe("all(a = x, b in [y, z])");
    expect(renderCondition({ any: [{ field: "m", includes: "k" }] })).toBe("any(m includes k)");
    expect(renderCondition(undefined)).toBe("");
  });

  it("documents every drug, the computed values and the notice in the Markdown", () => {
    const md = dictionaryMarkdown();
    expect(md).toContain("do not edit");
    expect(md).toContain("npm run docs:dictionary");
    expect(drugRows().map((d) => d.id)).toEqual(DRUGS.map((d) => d.id));
    for (const d of DRUGS) expect(md).toContain(`| \`${d.id}\` | ${d.labels.fr} | ${d.labels.en} |`);
    for (const c of CRF.computed) expect(md).toContain(`\`${c.id}\``);
    for (const { id } of DEFINED) expect(md).toContain(`| \`${id}\` |`);
    for (const f of KEY_FIELDS) expect(md).toContain(`| \`${f.id}\` |`);
    expect(md).toContain("## Pseudonymised key (`key`)");
    expect(md).toContain("| Help (FR) | Help (EN) |");
    expect(md).toContain("Optional when the dose is NK or ND.");
    const rituximab = drugRows().find((d) => d.id === "rituximab");
    expect(rituximab?.usual).toBe("≤ 375 mg/m²/dose or 1000 mg/dose");
  });

  it("is deterministic", () => {
    expect(dictionaryMarkdown()).toBe(dictionaryMarkdown());
    expect(dictionaryCsv()).toBe(dictionaryCsv());
  });
});
