// Which fields of the definition the coordinator's dashboard summarises, in
// display order, and their options read from the definition (labels too: the
// interface shows them in French or English).
import { blockById, fieldById, type BlockFieldId, type BlockId, type FieldId } from "../crf/definition";
import type { FieldDef, OptionDef } from "../crf/types";

export const ANTIBODY_FIELDS = [
  "anti_mda5",
  "anti_tif1g",
  "anti_nxp2",
  "anti_mi2",
  "anti_sae",
  "anti_jo1",
  "anti_pl7",
  "anti_pl12",
  "anti_ej",
  "anti_oj",
  "anti_srp",
  "anti_hmgcr",
  "anti_ro52",
  "anti_pm_scl",
  "anti_ku",
  "ana",
] as const satisfies readonly FieldId[];

export const DM_FEATURE_GROUPS = {
  skin: [
    "heliotrope_rash",
    "gottron_papules",
    "gottron_sign",
    "v_sign_shawl_sign",
    "periungual_erythema",
    "mechanics_hands",
    "skin_ulceration",
    "skin_necrosis",
    "calcinosis",
    "panniculitis",
    "alopecia",
    "pruritus",
    "photosensitivity",
  ],
  muscle: [
    "proximal_weakness_upper",
    "proximal_weakness_lower",
    "neck_flexor_weaker_than_extensor",
    "legs_proximal_weaker_than_distal",
    "myalgia",
    "dysphagia",
  ],
  extraMuscular: ["ild", "ild_rapidly_progressive", "arthritis", "raynaud", "cardiac_involvement", "fever_at_dm_onset"],
} as const satisfies Record<string, readonly FieldId[]>;
export type DmFeatureGroup = keyof typeof DM_FEATURE_GROUPS;
export const DM_FEATURE_GROUP_IDS = Object.keys(DM_FEATURE_GROUPS) as DmFeatureGroup[];

export const TRIGGER_FIELDS = [
  "trigger_dm_flare",
  "trigger_infection",
  "trigger_cancer",
  "trigger_drug",
  "trigger_unknown",
] as const satisfies readonly FieldId[];

export const SUPPORTIVE_CARE_FIELDS = [
  "vasopressors",
  "mechanical_ventilation",
  "renal_replacement",
] as const satisfies readonly FieldId[];

export const TREATMENT_BLOCK = "treatment_lines" satisfies BlockId;
export const RELAPSE_BLOCK = "sam_relapses" satisfies BlockId;

const YES_NO_VALUES = ["yes", "no"] as const;

function optionsOfDef(field: FieldDef | undefined): readonly OptionDef[] {
  if (!field) return [];
  if (field.type === "yesno")
    return YES_NO_VALUES.map((v) => ({
      value: v,
      label: v === "yes" ? { fr: "Oui", en: "Yes" } : { fr: "Non", en: "No" },
    }));
  if (field.type === "choice" || field.type === "multi") return field.options;
  return [];
}

/** A top-level field's options (yes/no fields: yes, no). */
export function optionsOf(fieldId: FieldId): readonly OptionDef[] {
  return optionsOfDef(fieldById(fieldId));
}

/** A repeating block's row field. */
export function rowFieldOf<B extends BlockId>(blockId: B, fieldId: BlockFieldId<B>): FieldDef | undefined {
  return blockById(blockId)?.fields.find((f) => f.id === fieldId);
}

export function rowOptionsOf<B extends BlockId>(blockId: B, fieldId: BlockFieldId<B>): readonly OptionDef[] {
  return optionsOfDef(rowFieldOf(blockId, fieldId));
}

export const values = (options: readonly OptionDef[]): string[] => options.map((o) => o.value);
