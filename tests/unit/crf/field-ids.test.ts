// FieldId, BlockId and BlockFieldId (definition.ts) are derived from the sections, written `as const`. These
// tests fail when the derivation widens to `string` (a helper losing the literal id) or drifts from the
// definition the app runs on. The lists below are checked both ways by the compiler (`satisfies` refuses a
// missing and an unknown key): adding a field to the spec means adding it here too.
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BLOCKS,
  blockId,
  fieldId,
  TOP_LEVEL_FIELDS,
  type BlockFieldId,
  type BlockId,
  type FieldId,
} from "@/domain/crf/definition";

const FIELD_IDS = {
  aldolase: true,
  alopecia: true,
  alt: true,
  ana: true,
  ana_titre: true,
  anti_ej: true,
  anti_hmgcr: true,
  anti_jo1: true,
  anti_ku: true,
  anti_mda5: true,
  anti_mi2: true,
  anti_nxp2: true,
  anti_oj: true,
  anti_pl12: true,
  anti_pl7: true,
  anti_pm_scl: true,
  anti_ro52: true,
  anti_sae: true,
  anti_srp: true,
  anti_tif1g: true,
  arthritis: true,
  ast: true,
  bilirubin: true,
  biopsy_done: true,
  biopsy_endomysial_infiltrate: true,
  biopsy_mxa_expression: true,
  biopsy_perifascicular_atrophy: true,
  biopsy_perimysial_perivascular_infiltrate: true,
  biopsy_rimmed_vacuoles: true,
  calcinosis: true,
  cancer: true,
  cancer_date: true,
  cancer_type: true,
  cancer_type_other: true,
  cardiac_involvement: true,
  ck_at_sam: true,
  ck_max: true,
  comments: true,
  creatinine: true,
  crp: true,
  d_dimers: true,
  death: true,
  death_cause: true,
  death_cause_other: true,
  death_date: true,
  department: true,
  department_other: true,
  dm_activity_at_sam: true,
  dm_diag_date: true,
  dm_onset_date: true,
  dm_status_last: true,
  dm_subtype: true,
  dysphagia: true,
  elig_dm: true,
  elig_france: true,
  elig_sam: true,
  emg_myogenic: true,
  ferritin: true,
  fever_at_dm_onset: true,
  fibrinogen: true,
  filled_by: true,
  gottron_papules: true,
  gottron_sign: true,
  haemoglobin: true,
  haemophagocytosis: true,
  haemophagocytosis_site: true,
  haemorrhage: true,
  height_cm: true,
  heliotrope_rash: true,
  hepatomegaly: true,
  icu_admission: true,
  icu_stay_days: true,
  ild: true,
  ild_rapidly_progressive: true,
  known_immunosuppression: true,
  last_followup_date: true,
  ldh: true,
  legs_proximal_weaker_than_distal: true,
  leukocytes: true,
  lymphadenopathy: true,
  lymphocytes: true,
  mechanical_ventilation: true,
  mechanics_hands: true,
  mmt8: true,
  mri_myositis: true,
  multi_organ_failure: true,
  muscle_enzymes_elevated: true,
  myalgia: true,
  neck_flexor_weaker_than_extensor: true,
  neurological_signs: true,
  neutrophils: true,
  nk_activity_low: true,
  panniculitis: true,
  periungual_erythema: true,
  photosensitivity: true,
  platelets: true,
  proximal_weakness_lower: true,
  proximal_weakness_upper: true,
  pruritus: true,
  raynaud: true,
  renal_replacement: true,
  sam_date: true,
  sam_resolution: true,
  sam_resolution_date: true,
  scd25: true,
  sex: true,
  skin_necrosis: true,
  skin_ulceration: true,
  sodium: true,
  splenomegaly: true,
  temp_max: true,
  trigger_cancer: true,
  trigger_dm_flare: true,
  trigger_drug: true,
  trigger_infection: true,
  trigger_unknown: true,
  triglycerides: true,
  v_sign_shawl_sign: true,
  vasopressors: true,
  weight_kg: true,
} as const satisfies Record<FieldId, true>;

const BLOCK_FIELD_IDS = {
  dm_treatments_before_sam: ["drug", "drug_other", "start_date", "ongoing_at_sam"],
  infections: ["infection_type", "infection_agent", "infection_agent_other", "infection_method"],
  treatment_lines: [
    "drug",
    "drug_other",
    "line",
    "start_date",
    "ongoing",
    "end_date",
    "dose_value",
    "dose_unit",
    "frequency",
    "route",
    "n_doses",
    "response_d7_14",
    "adverse_event",
    "stop_reason",
  ],
  sam_relapses: ["relapse_date", "relapse_trigger", "relapse_treatment"],
} as const satisfies { [B in BlockId]: readonly BlockFieldId<B>[] };

/** Each block's list names every one of its fields (the mapped type above only checks each name is one). */
type Covers<B extends BlockId> = BlockFieldId<B> extends (typeof BLOCK_FIELD_IDS)[B][number] ? true : false;
const covers: { [B in BlockId]: Covers<B> } = {
  dm_treatments_before_sam: true,
  infections: true,
  treatment_lines: true,
  sam_relapses: true,
};

describe("the definition's ids as types", () => {
  it("are literal unions, not string", () => {
    expectTypeOf<string>().not.toExtend<FieldId>();
    expectTypeOf<string>().not.toExtend<BlockId>();
    expectTypeOf<string>().not.toExtend<BlockFieldId>();
    expectTypeOf<"weight_kg">().toExtend<FieldId>();
    expectTypeOf<"treatment_lines">().not.toExtend<FieldId>();
    expectTypeOf<"dose_value">().toExtend<BlockFieldId<"treatment_lines">>();
    expectTypeOf<"dose_value">().not.toExtend<BlockFieldId<"infections">>();
    expectTypeOf<"dose_value">().not.toExtend<FieldId>();
  });

  it("refuse a mistyped id at compile time", () => {
    // @ts-expect-error: no such field
    expect(fieldId("weigth_kg")).toBe("weigth_kg");
    // @ts-expect-error: a block is not a top-level field
    expect(fieldId("treatment_lines")).toBe("treatment_lines");
    // @ts-expect-error: no such block
    expect(blockId("treatment_line")).toBe("treatment_line");
    expect(fieldId("weight_kg")).toBe("weight_kg");
  });

  it("FieldId covers exactly the definition's top-level fields", () => {
    expect(Object.keys(FIELD_IDS).sort()).toEqual(TOP_LEVEL_FIELDS.map((f) => f.id).sort());
  });

  it("BlockId and BlockFieldId cover exactly the definition's blocks and their fields", () => {
    expect(Object.values(covers).every(Boolean)).toBe(true);
    expect(Object.keys(BLOCK_FIELD_IDS).sort()).toEqual(BLOCKS.map((b) => b.id).sort());
    for (const b of BLOCKS)
      expect([...BLOCK_FIELD_IDS[b.id as BlockId]].sort(), b.id).toEqual(b.fields.map((f) => f.id).sort());
  });
});
