// A realistic, complete DM + MAS case (MAS revealing the DM), used by the
// record-check, completeness and computed-values tests. Values are canonical
// (as stored), with two laboratory values entered in an alternative unit.
import type { CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { answers, row } from "./helpers";

export const BIRTH = "1970-05-20";

const no = "no";
const negative = "negative";

export const CASE_FIELDS: Record<string, FieldAnswer | string | number | readonly string[]> = {
  // §1
  department: "internal_medicine",
  sex: "F",
  filled_by: "clinician",
  elig_dm: "yes",
  elig_sam: "yes",
  sam_date: "2015-04-01",
  elig_france: "yes",
  // §2
  dm_onset_date: "2015-01-10",
  dm_diag_date: "2015-04-15",
  dm_subtype: "classic",
  weight_kg: 70,
  height_cm: 175,
  heliotrope_rash: "yes",
  gottron_papules: "yes",
  gottron_sign: no,
  v_sign_shawl_sign: "yes",
  periungual_erythema: "yes",
  mechanics_hands: no,
  skin_ulceration: no,
  skin_necrosis: no,
  calcinosis: no,
  panniculitis: no,
  alopecia: no,
  pruritus: "yes",
  photosensitivity: no,
  proximal_weakness_upper: "yes",
  proximal_weakness_lower: "yes",
  neck_flexor_weaker_than_extensor: no,
  legs_proximal_weaker_than_distal: no,
  myalgia: "yes",
  dysphagia: no,
  mmt8: 62,
  ck_max: 8500,
  aldolase: { code: "ND" },
  muscle_enzymes_elevated: "yes",
  emg_myogenic: "yes",
  mri_myositis: "yes",
  biopsy_done: no,
  ild: "yes",
  ild_rapidly_progressive: no,
  arthritis: no,
  raynaud: no,
  cardiac_involvement: no,
  fever_at_dm_onset: "yes",
  anti_mda5: "positive",
  anti_tif1g: negative,
  anti_nxp2: negative,
  anti_mi2: negative,
  anti_sae: negative,
  anti_jo1: negative,
  anti_pl7: negative,
  anti_pl12: negative,
  anti_ej: negative,
  anti_oj: negative,
  anti_srp: negative,
  anti_hmgcr: negative,
  anti_ro52: "positive",
  anti_pm_scl: negative,
  anti_ku: negative,
  ana: "positive",
  ana_titre: "1_320",
  cancer: no,
  // §3
  dm_activity_at_sam: "inaugural",
  known_immunosuppression: no,
  trigger_dm_flare: no,
  trigger_infection: "yes",
  trigger_cancer: no,
  trigger_drug: no,
  trigger_unknown: no,
  temp_max: 39.6,
  hepatomegaly: "yes",
  splenomegaly: "yes",
  lymphadenopathy: "yes",
  neurological_signs: no,
  haemorrhage: no,
  icu_admission: "yes",
  multi_organ_failure: no,
  haemoglobin: { v: 8.5, unit: "g_l", entered: 85 },
  leukocytes: 2.1,
  neutrophils: 0.8,
  lymphocytes: 0.4,
  platelets: { v: 45, unit: "per_mm3", entered: 45000 },
  ferritin: 12000,
  triglycerides: 3.2,
  fibrinogen: 1.2,
  ast: 150,
  alt: 90,
  ldh: 1200,
  ck_at_sam: 3000,
  crp: 80,
  bilirubin: 20,
  sodium: 132,
  creatinine: 70,
  d_dimers: { code: "ND" },
  scd25: { code: "ND" },
  nk_activity_low: "not_tested",
  haemophagocytosis: "yes",
  haemophagocytosis_site: ["bone_marrow"],
  // §4
  vasopressors: no,
  mechanical_ventilation: no,
  renal_replacement: no,
  // §6
  sam_resolution: "yes",
  sam_resolution_date: "2015-05-10",
  icu_stay_days: 6,
  dm_status_last: "remission",
  last_followup_date: "2019-03-12",
  death: no,
};

export const CASE_BLOCKS = {
  infections: [row("inf1", { infection_type: "viral", infection_agent: "ebv", infection_method: ["pcr", "serology"] })],
  treatment_lines: [
    row("tl1", {
      drug: "methylprednisolone_iv",
      line: "1",
      start_date: "2015-04-02",
      ongoing: no,
      end_date: "2015-04-04",
      dose_value: 500,
      dose_unit: "mg_day",
      frequency: "daily",
      route: "iv",
      n_doses: 3,
      response_d7_14: "partial",
      stop_reason: "completed",
    }),
    row("tl2", {
      drug: "anakinra",
      line: "2",
      start_date: "2015-04-05",
      ongoing: no,
      end_date: "2015-05-20",
      dose_value: 200,
      dose_unit: "mg_day",
      frequency: "daily",
      route: "sc",
      response_d7_14: "complete",
      stop_reason: "completed",
    }),
  ],
  dm_treatments_before_sam: [],
  sam_relapses: [],
};

export function realisticCase(
  overrides: Record<string, FieldAnswer | string | number | readonly string[] | undefined> = {},
  blocks: Partial<CaseAnswers["blocks"]> = {},
): CaseAnswers {
  const fields = { ...CASE_FIELDS };
  for (const [id, a] of Object.entries(overrides)) {
    if (a === undefined) delete fields[id];
    else fields[id] = a;
  }
  return answers(fields, { ...CASE_BLOCKS, ...(blocks as CaseAnswers["blocks"]) });
}
