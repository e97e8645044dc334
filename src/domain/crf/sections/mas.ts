// §3 The MAS episode (SAM): context, triggers, clinical signs and the worst
// laboratory values within ± 7 days of diagnosis. sam_date itself is in
// identification; delays and scores (HScore, HLH-2004, 2016 criteria) are
// computed elsewhere from these fields.
import { l, opt, YES_NO } from "../labels";
import type { FieldDef, Localised, NumberField, SectionDef, BlockDef } from "../types";
import { alt, OTHER, unit, yesNo } from "./dm";

const units = {
  celsius: unit("celsius", "°C"),
  g_dl: unit("g_dl", "g/dL"),
  g_l: unit("g_l", "g/L"),
  mmol_l: unit("mmol_l", "mmol/L"),
  per_mm3: unit("per_mm3", "/mm³"),
  g_per_l: unit("g_per_l", "G/L (10⁹/L)"),
  mg_dl: unit("mg_dl", "mg/dL"),
  umol_l: unit("umol_l", "µmol/L"),
  iu_l: unit("iu_l", "UI/L", "IU/L"),
  ug_l: unit("ug_l", "µg/L"),
  // µg/L = ng/mL: the same number, whichever the laboratory prints (ferritin).
  ng_ml: unit("ng_ml", "ng/mL"),
  mg_l: unit("mg_l", "mg/L"),
  u_ml: unit("u_ml", "U/mL"),
  ug_l_feu: unit("ug_l_feu", "µg/L FEU"),
} as const;

type NumberProps = Omit<NumberField, "id" | "type" | "label">;
const num = <const I extends string>(
  id: I,
  fr: string,
  en: string,
  props: NumberProps,
): NumberField & { readonly id: I } => ({
  id,
  type: "number",
  label: l(fr, en),
  ...props,
});

const LOWEST = l(
  "Valeur la plus basse à ± 7 jours du diagnostic de SAM.",
  "Lowest value within ± 7 days of MAS diagnosis.",
);
const HIGHEST = l(
  "Valeur la plus élevée à ± 7 jours du diagnostic de SAM.",
  "Highest value within ± 7 days of MAS diagnosis.",
);
const WORST = l("Pire valeur à ± 7 jours du diagnostic de SAM.", "Worst value within ± 7 days of MAS diagnosis.");
const NOT_OFTEN_DONE = (what: Localised): Localised =>
  l(`${what.fr} « NF » si non réalisé.`, `${what.en} "ND" if not done.`);

const context = [
  {
    id: "dm_activity_at_sam",
    type: "choice",
    label: l("Activité de la DM au début du SAM", "DM activity at MAS onset"),
    group: l("Contexte", "Context"),
    help: l(
      "Poussée : réactivation d'une DM auparavant contrôlée. Inaugurale : le SAM révèle la DM.",
      "Flare: reactivation of a previously controlled DM. Inaugural: the MAS reveals the DM.",
    ),
    options: [
      opt("inaugural", "Inaugurale (SAM révélant la DM)", "Inaugural (MAS revealing the DM)"),
      opt("active", "DM active", "Active DM"),
      opt("flare", "Poussée", "Flare"),
      opt("remission", "Rémission", "Remission"),
    ],
  },
  yesNo("known_immunosuppression", "Immunodépression sous-jacente connue", "Known underlying immunosuppression", {
    help: l(
      "Infection par le VIH ou traitement immunosuppresseur au long cours (corticoïdes, immunosuppresseurs) — item du HScore.",
      "HIV infection or long-term immunosuppressive therapy (glucocorticoids, immunosuppressants) — HScore item.",
    ),
  }),
] as const satisfies readonly FieldDef[];

const infections = {
  type: "block",
  id: "infections",
  label: l("Infections documentées", "Documented infections"),
  rowLabel: l("Infection", "Infection"),
  help: l("Une ligne par infection documentée.", "One row per documented infection."),
  showIf: { field: "trigger_infection", equals: "yes" },
  maxRows: 10,
  fields: [
    {
      id: "infection_type",
      type: "choice",
      label: l("Type d'infection", "Type of infection"),
      options: [
        opt("viral", "Virale", "Viral"),
        opt("bacterial", "Bactérienne", "Bacterial"),
        opt("fungal", "Fongique", "Fungal"),
        opt("parasitic", "Parasitaire", "Parasitic"),
      ],
    },
    {
      id: "infection_agent",
      type: "choice",
      label: l("Agent infectieux", "Infectious agent"),
      options: [
        opt("ebv", "EBV", "EBV"),
        opt("cmv", "CMV", "CMV"),
        opt("hhv6", "HHV-6", "HHV-6"),
        opt("hsv", "HSV", "HSV"),
        opt("vzv", "VZV", "VZV"),
        opt("parvovirus_b19", "Parvovirus B19", "Parvovirus B19"),
        opt("sars_cov_2", "SARS-CoV-2", "SARS-CoV-2"),
        opt("influenza", "Grippe (influenza)", "Influenza"),
        opt("hiv", "VIH", "HIV"),
        opt("leishmania", "Leishmaniose", "Leishmania"),
        opt("tuberculosis", "Tuberculose", "Tuberculosis"),
        OTHER,
      ],
    },
    {
      id: "infection_agent_other",
      type: "text",
      label: l("Agent infectieux : préciser", "Infectious agent: specify"),
      maxLength: 200,
      // An unknown agent is NK on infection_agent; "other" always has a name.
      missingCodes: false,
      showIf: { field: "infection_agent", equals: "other" },
    },
    {
      // Several methods often document the same infection (PCR and serology).
      id: "infection_method",
      type: "multi",
      label: l("Méthode diagnostique", "Diagnostic method"),
      help: l("Plusieurs réponses possibles.", "Several answers possible."),
      options: [
        opt("pcr", "PCR", "PCR"),
        opt("serology", "Sérologie", "Serology"),
        opt("culture", "Culture", "Culture"),
      ],
    },
  ],
} as const satisfies BlockDef;

const triggers = [
  yesNo("trigger_dm_flare", "Poussée de DM", "DM flare", {
    group: l("Déclencheurs", "Triggers"),
    help: l("Plusieurs déclencheurs peuvent être associés.", "Several triggers may coexist."),
  }),
  yesNo("trigger_infection", "Infection", "Infection"),
  infections,
  yesNo("trigger_cancer", "Cancer", "Cancer"),
  yesNo("trigger_drug", "Médicament", "Drug", {
    help: l("Cause médicamenteuse suspectée.", "Suspected drug-induced MAS."),
  }),
  yesNo("trigger_unknown", "Aucun déclencheur identifié", "No trigger identified"),
] as const satisfies readonly (FieldDef | BlockDef)[];

const clinical = [
  num("temp_max", "Température maximale", "Maximal temperature", {
    group: l("Clinique", "Clinical"),
    help: HIGHEST,
    unit: units.celsius,
    hard: { min: 30, max: 45 },
    soft: { min: 35, max: 42 },
  }),
  yesNo("hepatomegaly", "Hépatomégalie", "Hepatomegaly", {
    help: l("Clinique ou en imagerie.", "On examination or imaging."),
  }),
  yesNo("splenomegaly", "Splénomégalie", "Splenomegaly", {
    help: l("Clinique ou en imagerie.", "On examination or imaging."),
  }),
  yesNo("lymphadenopathy", "Adénopathies", "Lymphadenopathy"),
  yesNo("neurological_signs", "Signes neurologiques", "Neurological signs", {
    help: l(
      "Confusion, troubles de la conscience, convulsions, signes de localisation.",
      "Confusion, impaired consciousness, seizures, focal signs.",
    ),
  }),
  yesNo("haemorrhage", "Hémorragie", "Haemorrhage"),
  yesNo("icu_admission", "Admission en réanimation", "ICU admission"),
  yesNo("multi_organ_failure", "Défaillance multiviscérale", "Multi-organ failure"),
] as const satisfies readonly FieldDef[];

const haematology = [
  num("haemoglobin", "Hémoglobine", "Haemoglobin", {
    group: l(
      "Biologie (pire valeur à ± 7 jours du diagnostic)",
      "Laboratory (worst value within ± 7 days of diagnosis)",
    ),
    help: LOWEST,
    unit: units.g_dl,
    altUnits: [alt(units.g_l, 0.1), alt(units.mmol_l, 1.611)],
    hard: { min: 1, max: 25 },
    soft: { min: 4, max: 20 },
  }),
  num("leukocytes", "Leucocytes", "Leukocytes", {
    help: LOWEST,
    unit: units.g_per_l,
    altUnits: [alt(units.per_mm3, 0.001)],
    hard: { min: 0, max: 500 },
    soft: { min: 0.1, max: 100 },
  }),
  num("neutrophils", "Polynucléaires neutrophiles", "Neutrophils", {
    help: LOWEST,
    unit: units.g_per_l,
    hard: { min: 0, max: 300 },
    soft: { min: 0, max: 50 },
  }),
  num("lymphocytes", "Lymphocytes", "Lymphocytes", {
    help: LOWEST,
    unit: units.g_per_l,
    hard: { min: 0, max: 300 },
    soft: { min: 0, max: 50 },
  }),
  num("platelets", "Plaquettes", "Platelets", {
    help: LOWEST,
    unit: units.g_per_l,
    altUnits: [alt(units.per_mm3, 0.001)],
    hard: { min: 0, max: 3000 },
    soft: { min: 1, max: 1000 },
  }),
] as const satisfies readonly FieldDef[];

const chemistry = [
  num("ferritin", "Ferritine (pic)", "Ferritin (peak)", {
    help: HIGHEST,
    unit: units.ug_l,
    altUnits: [alt(units.ng_ml, 1)],
    hard: { min: 0, max: 500000 },
    soft: { min: 5, max: 150000 },
  }),
  num("triglycerides", "Triglycérides (à jeun)", "Triglycerides (fasting)", {
    help: HIGHEST,
    unit: units.mmol_l,
    altUnits: [alt(units.g_l, 1.129), alt(units.mg_dl, 0.01129)],
    hard: { min: 0, max: 100 },
    soft: { min: 0.2, max: 20 },
  }),
  num("fibrinogen", "Fibrinogène (valeur la plus basse)", "Fibrinogen (lowest value)", {
    help: LOWEST,
    unit: units.g_l,
    altUnits: [alt(units.mg_dl, 0.01)],
    hard: { min: 0, max: 20 },
    soft: { min: 0.2, max: 10 },
  }),
  num("ast", "ASAT (SGOT)", "AST (SGOT)", {
    help: HIGHEST,
    unit: units.iu_l,
    hard: { min: 0, max: 50000 },
    soft: { min: 5, max: 5000 },
  }),
  num("alt", "ALAT (SGPT)", "ALT (SGPT)", {
    help: HIGHEST,
    unit: units.iu_l,
    hard: { min: 0, max: 50000 },
    soft: { min: 5, max: 5000 },
  }),
  num("ldh", "LDH", "LDH", {
    help: HIGHEST,
    unit: units.iu_l,
    hard: { min: 0, max: 50000 },
    soft: { min: 50, max: 10000 },
  }),
  num("ck_at_sam", "CK (CPK) au diagnostic de SAM", "CK at MAS diagnosis", {
    help: HIGHEST,
    unit: units.iu_l,
    hard: { min: 0, max: 500000 },
  }),
  num("crp", "CRP", "CRP", {
    help: HIGHEST,
    unit: units.mg_l,
    hard: { min: 0, max: 1000 },
    soft: { min: 0, max: 500 },
  }),
  num("bilirubin", "Bilirubine totale", "Total bilirubin", {
    help: HIGHEST,
    unit: units.umol_l,
    altUnits: [alt(units.mg_dl, 17.1)],
    hard: { min: 0, max: 1000 },
  }),
  num("sodium", "Natrémie", "Sodium", {
    help: WORST,
    unit: units.mmol_l,
    hard: { min: 90, max: 200 },
    soft: { min: 115, max: 160 },
  }),
  num("creatinine", "Créatininémie", "Creatinine", {
    help: HIGHEST,
    unit: units.umol_l,
    altUnits: [alt(units.mg_dl, 88.4)],
    hard: { min: 5, max: 3000 },
  }),
  num("d_dimers", "D-dimères", "D-dimers", {
    help: NOT_OFTEN_DONE(HIGHEST),
    unit: units.ug_l_feu,
    hard: { min: 0, max: 100000 },
  }),
  num("scd25", "CD25 soluble (récepteur soluble de l'IL-2)", "Soluble CD25 (sIL-2R)", {
    help: NOT_OFTEN_DONE(HIGHEST),
    unit: units.u_ml,
    hard: { min: 0, max: 100000 },
  }),
] as const satisfies readonly FieldDef[];

const haemophagocytosis = [
  {
    id: "nk_activity_low",
    type: "choice",
    label: l("Activité NK basse ou absente", "Low or absent NK-cell activity"),
    options: [...YES_NO, opt("not_tested", "Non testée", "Not tested")],
  },
  {
    id: "haemophagocytosis",
    type: "choice",
    label: l("Hémophagocytose", "Haemophagocytosis found"),
    help: l(
      "Sur myélogramme, biopsie ostéomédullaire, ganglionnaire, splénique ou hépatique.",
      "On bone-marrow aspirate or biopsy, lymph-node, spleen or liver biopsy.",
    ),
    options: [...YES_NO, opt("not_searched", "Non recherchée", "Not searched")],
  },
  {
    id: "haemophagocytosis_site",
    type: "multi",
    label: l("Site(s) de l'hémophagocytose", "Site(s) of haemophagocytosis"),
    help: l("Plusieurs réponses possibles.", "Several answers possible."),
    showIf: { field: "haemophagocytosis", equals: "yes" },
    options: [
      opt("bone_marrow", "Moelle osseuse (myélogramme, BOM)", "Bone marrow (aspirate, trephine biopsy)"),
      opt("spleen", "Rate", "Spleen"),
      opt("lymph_node", "Ganglion", "Lymph node"),
      opt("liver", "Foie", "Liver"),
      opt("other", "Autre", "Other"),
    ],
  },
] as const satisfies readonly FieldDef[];

export const mas = {
  id: "mas",
  label: l("Épisode de SAM", "MAS episode"),
  items: [...context, ...triggers, ...clinical, ...haematology, ...chemistry, ...haemophagocytosis],
} as const satisfies SectionDef;
