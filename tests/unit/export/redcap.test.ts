import { describe, expect, it } from "vitest";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { isAlwaysRequired, isRequired } from "@/domain/crf/field-rules";
import type { FieldDef } from "@/domain/crf/types";
import { blockColumns, caseColumns, valueColumnName } from "@/domain/export/columns";
import {
  REDCAP_COLUMNS,
  redcapChoices,
  redcapDictionaryRows,
  redcapLogic,
  REDCAP_REPEATING_FORMS,
} from "@/domain/export/redcap";
import {
  abbreviate,
  preferredRedcapName,
  REDCAP_BLOCK_PREFIXES,
  REDCAP_FORM_MAX,
  REDCAP_NAME_MAX,
  REDCAP_RESERVED,
  redcapBlockPrefix,
  redcapNameMap,
  redcapSafe,
  redcapVariables,
} from "@/domain/export/redcap-names";
import { AGE, OPTIONS } from "./fixtures";

const col = (name: (typeof REDCAP_COLUMNS)[number]) => REDCAP_COLUMNS.indexOf(name);
const REDCAP_TYPES = new Set([
  "text",
  "notes",
  "dropdown",
  "radio",
  "checkbox",
  "yesno",
  "truefalse",
  "calc",
  "file",
  "slider",
  "descriptive",
  "sql",
]);
const VALIDATIONS = new Set(["", "date_ymd", "datetime_seconds_ymd", "integer", "number"]);

describe("REDCap data dictionary", () => {
  const rows = redcapDictionaryRows(OPTIONS);
  const variables = rows.map((r) => r[col("Variable / Field Name")]!);

  it("has REDCap's 18 standard columns and starts with the record id", () => {
    expect(REDCAP_COLUMNS).toHaveLength(18);
    expect(REDCAP_COLUMNS[0]).toBe("Variable / Field Name");
    expect(REDCAP_COLUMNS[17]).toBe("Field Annotation");
    for (const r of rows) expect(r).toHaveLength(18);
    expect(variables[0]).toBe("record_id");
  });

  it("uses valid, unique variable names and REDCap field types and validations", () => {
    expect(new Set(variables).size).toBe(variables.length);
    for (const v of variables) expect(v).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const r of rows) {
      expect(REDCAP_TYPES.has(r[col("Field Type")]!)).toBe(true);
      expect(VALIDATIONS.has(r[col("Text Validation Type OR Show Slider Number")]!)).toBe(true);
      expect(r[col("Form Name")]).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("keeps each instrument's fields together (REDCap refuses a form split in two)", () => {
    const forms = rows.map((r) => r[col("Form Name")]!);
    const seen: string[] = [];
    for (const f of forms) if (seen[seen.length - 1] !== f) seen.push(f);
    expect(new Set(seen).size).toBe(seen.length);
    for (const b of BLOCKS) expect(seen).toContain(b.id);
  });

  it("holds every field: top-level ones under the cases CSV's column names, block ones with their block's short prefix", () => {
    const names = redcapNameMap(OPTIONS);
    const valueColumns = caseColumns(OPTIONS)
      .filter((c) => c.kind === "value")
      .map((c) => c.name);
    for (const name of valueColumns) {
      const variable = names.get(`cases.${name}`)!;
      expect(variables).toContain(variable);
      // One naming scheme: the REDCap variable is the CSV column (names.ts keeps every value column ≤ 26).
      expect(variable).toBe(name);
      expect(name.length).toBeLessThanOrEqual(REDCAP_NAME_MAX);
    }
    expect(TOP_LEVEL_FIELDS.length).toBe(valueColumns.length);
    for (const b of BLOCKS) {
      for (const c of blockColumns(b.id).filter((x) => x.kind === "value")) {
        const variable = names.get(`${b.id}.${c.name}`)!;
        expect(variables, `${b.id}.${c.name}`).toContain(variable);
        expect(variable.startsWith(`${REDCAP_BLOCK_PREFIXES[b.id]}_`)).toBe(true);
        expect(rows.find((r) => r[0] === variable)![col("Form Name")]).toBe(b.id);
      }
      expect(variables).toContain(`${REDCAP_BLOCK_PREFIXES[b.id]}_row_id`);
    }
    expect(names.get("treatment_lines.drug")).toBe("tx_drug");
    expect(names.get("cases.neck_flexor_weak_vs_ext")).toBe("neck_flexor_weak_vs_ext");
    expect(variables).not.toContain("ferritin__missing");
    // The annotation names the CSV column a renamed variable comes from.
    expect(rows.find((r) => r[0] === "tx_drug")![col("Field Annotation")]).toContain("CSV: treatment_lines.drug");
    expect(rows.find((r) => r[0] === "neck_flexor_weak_vs_ext")![col("Field Annotation")]).not.toContain("CSV:");
    expect(rows.find((r) => r[0] === "ferritin_ug_l")![col("Field Annotation")]).not.toContain("CSV:");
  });

  it("describes choices, units, limits, identifiers and branching the REDCap way", () => {
    const row = (v: string) => rows.find((r) => r[0] === v)!;
    expect(row("ferritin_ug_l")[col("Field Type")]).toBe("text");
    expect(row("ferritin_ug_l")[col("Text Validation Type OR Show Slider Number")]).toBe("number");
    expect(row("ferritin_ug_l")[col("Field Note")]).toContain("µg/L");
    expect(row("mmt8")[col("Text Validation Type OR Show Slider Number")]).toBe("integer");
    expect(row("haemophago_site")[col("Field Type")]).toBe("checkbox");
    // Its missing-data code columns (___nk, ___nd, ___nap) are choices of the dictionary.
    expect(row("haemophago_site")[col("Choices, Calculations, OR Slider Labels")]).toMatch(
      / \| NK, [^|]+ \| ND, [^|]+ \| NAP, /,
    );
    // @NOMISSING only on a field that can hold no code at all: a field a condition hides may hold NAP.
    expect(row("department_other")[col("Field Annotation")]).not.toContain("@NOMISSING");
    expect(row("last_modified")[col("Field Note")]).toContain("Europe/Paris");
    expect(row("splenomegaly")[col("Choices, Calculations, OR Slider Labels")]).toBe("yes, Oui | no, Non");
    expect(row("initials")[col("Identifier?")]).toBe("y");
    expect(row("birth_date")[col("Identifier?")]).toBe("y");
    expect(row("birth_date")[col("Text Validation Type OR Show Slider Number")]).toBe("date_ymd");
    expect(row("department_other")[col("Branching Logic (Show field only if...)")]).toBe("[department] = 'other'");
    expect(row("department")[col("Field Annotation")]).toContain("@NOMISSING");
    expect(row("hscore_min")[col("Field Annotation")]).toContain("@READONLY");
    // A block's own condition applies to its fields; sibling fields are named with the block.
    expect(row("inf_infection_agent_other")[col("Branching Logic (Show field only if...)")]).toBe(
      "([trigger_infection] = 'yes' and [inf_infection_agent] = 'other')",
    );
    expect(redcapDictionaryRows(AGE).map((r) => r[0])).not.toContain("birth_date");
  });

  it("'Required Field?' follows the definition: 'y' only for a field every record needs, not for one a missing-data code makes optional", () => {
    const names = redcapNameMap(OPTIONS);
    const requiredOf = (table: string, f: FieldDef) =>
      rows.find((r) => r[0] === names.get(`${table}.${valueColumnName(f)}`))![col("Required Field?")];
    for (const f of TOP_LEVEL_FIELDS) expect(requiredOf("cases", f), f.id).toBe(isAlwaysRequired(f) ? "y" : "");
    let conditional = 0;
    for (const b of BLOCKS) {
      for (const f of b.fields) {
        expect(requiredOf(b.id, f), `${b.id}.${f.id}`).toBe(isAlwaysRequired(f) ? "y" : "");
        if (f.optionalIfCoded === undefined) continue;
        conditional++;
        // The rule as the form applies it: needed with a dose, not once the dose is NK or ND.
        const withCode = (code: "NK" | "ND" | undefined) =>
          isRequired(f, (id) => (id === f.optionalIfCoded ? (code ? { code } : { v: 250 }) : undefined));
        expect([withCode(undefined), withCode("NK"), withCode("ND")], `${b.id}.${f.id}`).toEqual([true, false, false]);
        // REDCap cannot say "unless": not required there, and the field note says when it is needed.
        expect(requiredOf(b.id, f), `${b.id}.${f.id}`).toBe("");
        expect(
          rows.find((r) => r[0] === names.get(`${b.id}.${valueColumnName(f)}`))![col("Field Note")],
          `${b.id}.${f.id}`,
        ).toContain("Facultative si la dose est « NR » ou « NF »");
      }
    }
    expect(conditional).toBeGreaterThan(0);
    expect(rows.find((r) => r[0] === "tx_dose_unit")![col("Required Field?")]).toBe("");
    expect(rows.find((r) => r[0] === "tx_dose_value")![col("Required Field?")]).toBe("y");
    expect(rows.find((r) => r[0] === "tx_n_doses")![col("Required Field?")]).toBe("");
  });

  it("translates every kind of condition", () => {
    const ref = (id: string) => id;
    const multi = (id: string) => id === "sites";
    expect(redcapLogic({ field: "a", in: ["x", "y"] }, ref, multi)).toBe("([a] = 'x' or [a] = 'y')");
    expect(redcapLogic({ field: "sites", includes: "liver" }, ref, multi)).toBe("[sites(liver)] = '1'");
    expect(
      redcapLogic(
        {
          any: [
            { field: "a", equals: "x" },
            { field: "sites", equals: "liver" },
          ],
        },
        ref,
        multi,
      ),
    ).toBe("([a] = 'x' or [sites(liver)] = '1')");
    expect(redcapChoices([{ value: "a", label: { fr: "A | B, C", en: "" } }])).toBe("a, A / B, C");
  });

  describe("REDCap's rules", () => {
    const field = (r: readonly string[], name: (typeof REDCAP_COLUMNS)[number]) => r[col(name)]!;
    const byName = new Map(rows.map((r) => [r[0]!, r]));
    const forms = [...new Set(rows.map((r) => field(r, "Form Name")))];

    it("variable names: lowercase a-z0-9_, a letter first, at most 26 characters, not reserved, no clash with <form>_complete", () => {
      for (const v of variables) {
        expect(v, v).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(v.length, v).toBeLessThanOrEqual(REDCAP_NAME_MAX);
        expect(REDCAP_RESERVED.has(v), v).toBe(false);
        expect(v.endsWith("_"), v).toBe(false);
        expect(
          forms.map((f) => `${f}_complete`),
          v,
        ).not.toContain(v);
      }
      // The age variant too.
      for (const v of redcapDictionaryRows(AGE).map((r) => r[0]!))
        expect(v.length, v).toBeLessThanOrEqual(REDCAP_NAME_MAX);
    });

    it("form names: the same alphabet, at most 50 characters; repeating forms are the blocks", () => {
      for (const f of forms) {
        expect(f).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(f.length).toBeLessThanOrEqual(REDCAP_FORM_MAX);
      }
      expect(REDCAP_REPEATING_FORMS).toEqual(BLOCKS.map((b) => b.id));
      for (const f of REDCAP_REPEATING_FORMS) expect(forms).toContain(f);
      expect(field(rows[0]!, "Form Name")).toBe("identification");
    });

    it("every row has a label; identifier and required are 'y' or empty", () => {
      for (const r of rows) {
        expect(field(r, "Field Label").trim(), r[0]).not.toBe("");
        expect(["", "y"]).toContain(field(r, "Identifier?"));
        expect(["", "y"]).toContain(field(r, "Required Field?"));
        for (const unused of [
          "Custom Alignment",
          "Question Number (surveys only)",
          "Matrix Group Name",
          "Matrix Ranking?",
        ] as const)
          expect(field(r, unused)).toBe("");
      }
    });

    it("choices: 'code, label | code, label' for radio, dropdown and checkbox only; codes unique, checkbox codes a-z0-9_", () => {
      const CHOICES = /^[A-Za-z0-9_]+, [^|]+( \| [A-Za-z0-9_]+, [^|]+)*$/;
      for (const r of rows) {
        const type = field(r, "Field Type");
        const choices = field(r, "Choices, Calculations, OR Slider Labels");
        if (["radio", "dropdown", "checkbox"].includes(type)) {
          expect(choices, r[0]).toMatch(CHOICES);
          const codes = choices.split(" | ").map((c) => c.slice(0, c.indexOf(",")));
          expect(new Set(codes).size, r[0]).toBe(codes.length);
          if (type === "checkbox") for (const c of codes) expect(c, r[0]).toMatch(/^[a-z0-9_]+$/i);
          // Codes must not collide with the project's missing-data codes, except a checkbox's own code columns.
          const own = type === "checkbox" ? ["NK", "ND", "NAP"] : [];
          for (const c of codes) if (!own.includes(c)) expect(["NK", "ND", "NAP", "NA"], r[0]).not.toContain(c);
        } else expect(choices, r[0]).toBe("");
      }
    });

    it("validation types only on text fields: dates date_ymd, date-times datetime_seconds_ymd, numbers integer or number, with numeric limits", () => {
      for (const r of rows) {
        const validation = field(r, "Text Validation Type OR Show Slider Number");
        const min = field(r, "Text Validation Min");
        const max = field(r, "Text Validation Max");
        if (validation) expect(field(r, "Field Type"), r[0]).toBe("text");
        if (min || max) expect(["integer", "number"], r[0]).toContain(validation);
        for (const limit of [min, max]) if (limit) expect(Number.isFinite(Number(limit)), r[0]).toBe(true);
        if (min && max) expect(Number(min)).toBeLessThanOrEqual(Number(max));
      }
      const validationOf = (v: string) => field(byName.get(v)!, "Text Validation Type OR Show Slider Number");
      expect(validationOf("sam_date")).toBe("date_ymd");
      expect(validationOf("last_modified")).toBe("datetime_seconds_ymd");
      expect(validationOf("ferritin_ug_l")).toBe("number");
      expect(validationOf("tx_n_doses")).toBe("integer");
      // A date that may be partial (YYYY-MM, YYYY) cannot be date_ymd: text, with a note.
      expect(validationOf("dm_onset_date")).toBe("");
      expect(field(byName.get("dm_onset_date")!, "Field Note")).toContain("AAAA-MM");
    });

    it("branching logic names existing variables (checkboxes with one of their codes) and quotes its values", () => {
      for (const r of rows) {
        const logic = field(r, "Branching Logic (Show field only if...)");
        for (const m of logic.matchAll(/\[([^\]]+)\]/g)) {
          const [, ref] = m;
          const checkbox = /^([a-z0-9_]+)\(([^)]+)\)$/.exec(ref!);
          const target = byName.get(checkbox ? checkbox[1]! : ref!);
          expect(target, `${r[0]}: ${ref}`).toBeDefined();
          if (checkbox) {
            expect(field(target!, "Field Type")).toBe("checkbox");
            expect(
              field(target!, "Choices, Calculations, OR Slider Labels")
                .split(" | ")
                .map((c) => c.split(",")[0]),
            ).toContain(checkbox[2]);
          }
        }
        expect(logic.replace(/\[[^\]]+\]/g, "").replace(/'[^']*'/g, "")).toMatch(/^[\s()=<>!and or]*$/);
      }
    });
  });
});

describe("REDCap variable names", () => {
  it("keep short names, prefix block fields, use the table of short names, then abbreviate", () => {
    expect(preferredRedcapName("ferritin_ug_l")).toBe("ferritin_ug_l");
    expect(preferredRedcapName("drug", "treatment_lines")).toBe("tx_drug");
    expect(preferredRedcapName("biopsy_perimysial_perivascular_infiltrate")).toBe(
      abbreviate("biopsy_perimysial_perivascular_infiltrate"),
    );
    expect(preferredRedcapName("infection_agent_other", "infections")).toBe("inf_infection_agent_other");
    // The longest word first, only until the name fits.
    expect(abbreviate("quadriceps_strength_measurement_left")).toBe("quad_strength_meas_left");
    expect(abbreviate("quadriceps_strength_measurement_left").length).toBeLessThanOrEqual(26);
    expect(abbreviate("abcd_efgh_ijkl_mnop_qrst_uvwx_yz12")).toBe("abcd_efgh_ijkl_mnop_qrst_u");
    expect(redcapSafe("Âge_au-SAM")).toBe("age_au_sam");
    expect(redcapSafe("1st_line")).toBe("v_1st_line");
    expect(redcapBlockPrefix("new_repeating_block")).toBe("nrb");
  });

  it("are unique over every exported column, with a numbered suffix on a clash", () => {
    const all = redcapVariables(OPTIONS).map((v) => v.name);
    expect(new Set(all).size).toBe(all.length);
    // Every non-companion column of every table has one.
    const expected =
      caseColumns(OPTIONS).filter((c) => c.kind !== "missing").length +
      BLOCKS.reduce(
        (n, b) => n + blockColumns(b.id).filter((c) => c.kind === "value" || c.name === "row_id").length,
        0,
      );
    expect(all).toHaveLength(expected);
  });
});
