import { describe, expect, it } from "vitest";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { caseColumns } from "@/domain/export/columns";
import { REDCAP_COLUMNS, redcapChoices, redcapDictionaryRows, redcapLogic } from "@/domain/export/redcap";
import { AGE, OPTIONS } from "./fixtures";

const col = (name: (typeof REDCAP_COLUMNS)[number]) => REDCAP_COLUMNS.indexOf(name);
const REDCAP_TYPES = new Set(["text", "notes", "dropdown", "radio", "checkbox", "yesno", "truefalse", "calc", "file", "slider", "descriptive", "sql"]);
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

  it("holds every field: top-level ones under the cases CSV's column names, block ones prefixed with their block", () => {
    const valueColumns = caseColumns(OPTIONS).filter((c) => c.kind === "value").map((c) => c.name);
    for (const name of valueColumns) expect(variables).toContain(name);
    expect(TOP_LEVEL_FIELDS.length).toBe(valueColumns.length);
    for (const b of BLOCKS) for (const f of b.fields) expect(variables).toContain(`${b.id}_${f.id}`);
    expect(variables).not.toContain("ferritin__missing");
  });

  it("describes choices, units, limits, identifiers and branching the REDCap way", () => {
    const row = (v: string) => rows.find((r) => r[0] === v)!;
    expect(row("ferritin_ug_l")[col("Field Type")]).toBe("text");
    expect(row("ferritin_ug_l")[col("Text Validation Type OR Show Slider Number")]).toBe("number");
    expect(row("ferritin_ug_l")[col("Field Note")]).toContain("µg/L");
    expect(row("mmt8")[col("Text Validation Type OR Show Slider Number")]).toBe("integer");
    expect(row("haemophagocytosis_site")[col("Field Type")]).toBe("checkbox");
    expect(row("splenomegaly")[col("Choices, Calculations, OR Slider Labels")]).toBe("yes, Oui | no, Non");
    expect(row("initials")[col("Identifier?")]).toBe("y");
    expect(row("birth_date")[col("Identifier?")]).toBe("y");
    expect(row("birth_date")[col("Text Validation Type OR Show Slider Number")]).toBe("date_ymd");
    expect(row("department_other")[col("Branching Logic (Show field only if...)")]).toBe("[department] = 'other'");
    expect(row("department")[col("Field Annotation")]).toContain("@NOMISSING");
    expect(row("hscore_min")[col("Field Annotation")]).toContain("@READONLY");
    // A block's own condition applies to its fields; sibling fields are named with the block.
    expect(row("infections_infection_agent_other")[col("Branching Logic (Show field only if...)")]).toBe("([trigger_infection] = 'yes' and [infections_infection_agent] = 'other')");
    expect(redcapDictionaryRows(AGE).map((r) => r[0])).not.toContain("birth_date");
  });

  it("translates every kind of condition", () => {
    const ref = (id: string) => id;
    const multi = (id: string) => id === "sites";
    expect(redcapLogic({ field: "a", in: ["x", "y"] }, ref, multi)).toBe("([a] = 'x' or [a] = 'y')");
    expect(redcapLogic({ field: "sites", includes: "liver" }, ref, multi)).toBe("[sites(liver)] = '1'");
    expect(redcapLogic({ any: [{ field: "a", equals: "x" }, { field: "sites", equals: "liver" }] }, ref, multi)).toBe("([a] = 'x' or [sites(liver)] = '1')");
    expect(redcapChoices([{ value: "a", label: { fr: "A | B, C", en: "" } }])).toBe("a, A / B, C");
  });
});
