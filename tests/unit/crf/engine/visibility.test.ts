import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/domain/canonical-json";
import { blockById } from "@/domain/crf/definition";
import { applyConditions, isVisible, rowLookup, topLookup } from "@/domain/crf/visibility";
import { answers, field, row } from "./helpers";

const NA = { code: "NA" };

describe("applyConditions — hidden fields cleared to NA", () => {
  it("replaces a hidden field's value by NA", () => {
    const out = applyConditions(answers({ ild: "no", ild_rapidly_progressive: "yes" }));
    expect(out.fields.ild_rapidly_progressive).toEqual(NA);
    expect(out.fields.ild).toEqual({ v: "no" });
  });

  it("replaces a hidden field's missing-data code by NA too", () => {
    const out = applyConditions(answers({ ild: "no", ild_rapidly_progressive: { code: "NK" } }));
    expect(out.fields.ild_rapidly_progressive).toEqual(NA);
  });

  it("leaves an untouched hidden field empty (no NA invented)", () => {
    const out = applyConditions(answers({ ild: "no" }));
    expect(out.fields).not.toHaveProperty("ild_rapidly_progressive");
    // Nothing answered at all: nothing invented anywhere.
    expect(applyConditions(answers({})).fields).toEqual({});
  });

  it("a field whose controlling answer is missing or coded is hidden", () => {
    expect(applyConditions(answers({ ild_rapidly_progressive: "yes" })).fields.ild_rapidly_progressive).toEqual(NA);
    expect(
      applyConditions(answers({ ild: { code: "NK" }, ild_rapidly_progressive: "yes" })).fields.ild_rapidly_progressive,
    ).toEqual(NA);
  });

  it("keeps a visible field's value, and removes NA from a field shown again", () => {
    const shown = applyConditions(answers({ ild: "yes", ild_rapidly_progressive: "no" }));
    expect(shown.fields.ild_rapidly_progressive).toEqual({ v: "no" });
    const again = applyConditions(answers({ ild: "yes", ild_rapidly_progressive: NA as { code: "NA" } }));
    expect(again.fields).not.toHaveProperty("ild_rapidly_progressive");
  });

  it("a hidden field already NA stays NA", () => {
    const out = applyConditions(answers({ ild: "no", ild_rapidly_progressive: NA as { code: "NA" } }));
    expect(out.fields.ild_rapidly_progressive).toEqual(NA);
  });

  it("multiple-choice condition: haemophagocytosis_site only when haemophagocytosis = yes", () => {
    const site = { haemophagocytosis_site: ["bone_marrow"] as readonly string[] };
    expect(applyConditions(answers({ haemophagocytosis: "yes", ...site })).fields.haemophagocytosis_site).toEqual({
      v: ["bone_marrow"],
    });
    expect(
      applyConditions(answers({ haemophagocytosis: "not_searched", ...site })).fields.haemophagocytosis_site,
    ).toEqual(NA);
  });

  it("keeps the answer object intact (unit, entered, confirmed) for visible fields", () => {
    const hb = { v: 9.2, unit: "g_l", entered: 92, confirmed: true };
    expect(applyConditions(answers({ haemoglobin: hb })).fields.haemoglobin).toEqual(hb);
  });
});

describe("applyConditions — chained conditions", () => {
  it("cancer = no hides cancer_type, which hides cancer_type_other", () => {
    const out = applyConditions(
      answers({ cancer: "no", cancer_type: "other", cancer_type_other: "thymome", cancer_date: "2016-03" }),
    );
    expect(out.fields.cancer_type).toEqual(NA);
    expect(out.fields.cancer_type_other).toEqual(NA);
    expect(out.fields.cancer_date).toEqual(NA);
  });

  it("cancer = yes with a type other than 'other' hides only the specification", () => {
    const out = applyConditions(answers({ cancer: "yes", cancer_type: "lung", cancer_type_other: "thymome" }));
    expect(out.fields.cancer_type).toEqual({ v: "lung" });
    expect(out.fields.cancer_type_other).toEqual(NA);
  });

  it("cancer = yes, type other: the whole chain stays", () => {
    const input = answers({ cancer: "yes", cancer_type: "other", cancer_type_other: "thymome" });
    expect(applyConditions(input).fields).toEqual(input.fields);
  });

  it("death = no hides date, cause and the cause's specification", () => {
    const out = applyConditions(
      answers({ death: "no", death_date: "2019-05-12", death_cause: "other", death_cause_other: "accident" }),
    );
    expect(out.fields.death_date).toEqual(NA);
    expect(out.fields.death_cause).toEqual(NA);
    expect(out.fields.death_cause_other).toEqual(NA);
  });

  it("is idempotent: applying twice changes nothing more", () => {
    const input = answers(
      {
        cancer: "no",
        cancer_type: "other",
        cancer_type_other: "x",
        death: "yes",
        death_cause: "other",
        death_cause_other: "y",
        ild: "no",
      },
      { treatment_lines: [row("r1", { drug: "ruxolitinib", drug_other: "x", ongoing: "yes", end_date: "2016-01" })] },
    );
    const once = applyConditions(input);
    expect(canonicalJson(applyConditions(once))).toBe(canonicalJson(once));
  });
});

describe("applyConditions — repeating blocks", () => {
  const infection = row("i1", { infection_type: "viral", infection_agent: "ebv", infection_method: ["pcr"] });

  it("a hidden block loses its rows", () => {
    const out = applyConditions(answers({ trigger_infection: "no" }, { infections: [infection] }));
    expect(out.blocks.infections ?? []).toEqual([]);
    const unanswered = applyConditions(answers({}, { infections: [infection] }));
    expect(unanswered.blocks.infections ?? []).toEqual([]);
  });

  it("a shown block keeps its rows and their ids", () => {
    const out = applyConditions(answers({ trigger_infection: "yes" }, { infections: [infection] }));
    expect(out.blocks.infections).toEqual([infection]);
  });

  it("row-level condition: drug = other shows drug_other, another drug hides it", () => {
    const other = row("r1", { drug: "other", drug_other: "thalidomide" });
    const known = row("r2", { drug: "ruxolitinib", drug_other: "thalidomide" });
    const out = applyConditions(answers({}, { treatment_lines: [other, known] }));
    expect(out.blocks.treatment_lines?.[0]?.values.drug_other).toEqual({ v: "thalidomide" });
    expect(out.blocks.treatment_lines?.[1]?.values.drug_other).toEqual(NA);
    expect(out.blocks.treatment_lines?.map((r) => r.id)).toEqual(["r1", "r2"]);
  });

  it("row-level condition in the DM treatments block too", () => {
    const out = applyConditions(
      answers({}, { dm_treatments_before_sam: [row("t1", { drug: "methotrexate", drug_other: "x" })] }),
    );
    expect(out.blocks.dm_treatments_before_sam?.[0]?.values.drug_other).toEqual(NA);
  });

  it("ongoing = yes hides end date and stop reason of that row only", () => {
    const ongoing = row("r1", { drug: "anakinra", ongoing: "yes", end_date: "2016-01", stop_reason: "completed" });
    const stopped = row("r2", { drug: "anakinra", ongoing: "no", end_date: "2016-01", stop_reason: "completed" });
    const out = applyConditions(answers({}, { treatment_lines: [ongoing, stopped] }));
    const [a, b] = out.blocks.treatment_lines ?? [];
    expect(a?.values.end_date).toEqual(NA);
    expect(a?.values.stop_reason).toEqual(NA);
    expect(b?.values.end_date).toEqual({ v: "2016-01" });
    expect(b?.values.stop_reason).toEqual({ v: "completed" });
  });

  it("chained inside a row: infection_agent = other → infection_agent_other", () => {
    const r = row("i1", { infection_agent: "cmv", infection_agent_other: "x" });
    const out = applyConditions(answers({ trigger_infection: "yes" }, { infections: [r] }));
    expect(out.blocks.infections?.[0]?.values.infection_agent_other).toEqual(NA);
  });

  it("a row field with no value under a hiding condition stays absent", () => {
    const out = applyConditions(answers({}, { treatment_lines: [row("r1", { drug: "anakinra" })] }));
    expect(out.blocks.treatment_lines?.[0]?.values).toEqual({ drug: { v: "anakinra" } });
  });
});

describe("isVisible / lookups", () => {
  it("top-level lookup reads the record's fields", () => {
    const a = answers({ cancer: "yes" });
    expect(isVisible(field("cancer_type"), topLookup(a))).toBe(true);
    expect(isVisible(field("cancer_type"), topLookup(answers({})))).toBe(false);
    expect(isVisible(field("sex"), topLookup(answers({})))).toBe(true);
  });

  it("row lookup reads the row first", () => {
    const block = blockById("treatment_lines");
    const drugOther = block?.fields.find((f) => f.id === "drug_other");
    if (!drugOther) throw new Error("drug_other missing");
    const r = row("r1", { drug: "other" });
    expect(isVisible(drugOther, rowLookup(answers({}), r))).toBe(true);
    expect(isVisible(drugOther, rowLookup(answers({}), row("r2", {})))).toBe(false);
  });
});
