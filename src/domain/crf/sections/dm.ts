// §2 Dermatomyositis: history, phenotype, muscle work-up, antibodies, cancer.
// Computed values (age_at_dm_diag, bsa_m2, EULAR/ACR 2017) are derived
// elsewhere; dm_treatments_before_sam is added with the controlled drug list.
// Cross-field date rules (§8: birth_date < dm_onset_date ≤ dm_diag_date…) are
// enforced by the validation layer, not here.
import { l, opt } from "../labels";
import type {
  ChoiceField,
  DatePrecision,
  FieldDef,
  Localised,
  OptionDef,
  SectionDef,
  UnitDef,
  YesNoField,
} from "../types";
import { dmTreatmentsBeforeSam } from "./treatment";

/** Canonical unit (factor 1). */
export const unit = (id: string, fr: string, en: string = fr): UnitDef => ({ id, label: l(fr, en), factor: 1 });
/** The same unit as an alternative of a field, with that field's conversion (canonical = entered × factor). */
export const alt = (u: UnitDef, factor: number): UnitDef => ({ ...u, factor });

/** Retrospective records often know only the month or the year. */
export const ANY_PRECISION: readonly DatePrecision[] = ["day", "month", "year"];

type Extra<F> = Partial<Omit<F, "id" | "type" | "label">>;

/** Generic in the id so that FieldId (definition.ts) keeps every field id as a literal. */
export const yesNo = <const I extends string>(
  id: I,
  fr: string,
  en: string,
  extra: Extra<YesNoField> = {},
): YesNoField & { readonly id: I } => ({
  id,
  type: "yesno",
  label: l(fr, en),
  ...extra,
});

export const OTHER: OptionDef = opt("other", "Autre (préciser)", "Other (specify)");

const units = {
  kg: unit("kg", "kg"),
  cm: unit("cm", "cm"),
  iu_l: unit("iu_l", "UI/L", "IU/L"),
} as const;

const shownIfYes = (field: string) => ({ field, equals: "yes" }) as const;

const diagnosis = [
  {
    id: "dm_onset_date",
    type: "date",
    label: l("Date des premiers symptômes de DM", "Date of first DM symptom"),
    help: l(
      "Premier signe cutané ou musculaire attribuable à la DM ; jour, mois ou année selon le dossier.",
      "First skin or muscle sign attributable to the DM; day, month or year as known from the records.",
    ),
    group: l("Diagnostic", "Diagnosis"),
    precisions: ANY_PRECISION,
  },
  {
    id: "dm_diag_date",
    type: "date",
    label: l("Date du diagnostic de DM", "Date of DM diagnosis"),
    help: l("Postérieure ou égale à la date des premiers symptômes.", "On or after the date of first symptom."),
    precisions: ANY_PRECISION,
  },
  {
    id: "dm_subtype",
    type: "choice",
    label: l("Forme de DM", "DM subtype"),
    options: [
      opt("classic", "Classique", "Classic"),
      opt("amyopathic", "Amyopathique (CADM)", "Amyopathic (CADM)"),
      opt("hypomyopathic", "Hypomyopathique", "Hypomyopathic"),
      opt("juvenile", "Juvénile", "Juvenile"),
      opt("overlap", "Syndrome de chevauchement", "Overlap"),
      opt("cancer_associated", "Associée à un cancer (paranéoplasique)", "Cancer-associated (paraneoplastic)"),
    ],
  },
  {
    id: "weight_kg",
    type: "number",
    label: l("Poids au diagnostic de SAM", "Weight at MAS diagnosis"),
    help: l("Sert à vérifier les doses en mg/kg.", "Used to check doses in mg/kg."),
    unit: units.kg,
    hard: { min: 1, max: 350 },
    soft: { min: 30, max: 200 },
  },
  {
    id: "height_cm",
    type: "number",
    label: l("Taille", "Height"),
    help: l("Sert à calculer la surface corporelle (doses en mg/m²).", "Used for body surface area (doses in mg/m²)."),
    unit: units.cm,
    hard: { min: 40, max: 250 },
    soft: { min: 130, max: 210 },
  },
] as const satisfies readonly FieldDef[];

const skin = [
  yesNo("heliotrope_rash", "Érythème héliotrope (lilacé des paupières)", "Heliotrope rash", {
    group: l("Peau", "Skin"),
  }),
  yesNo("gottron_papules", "Papules de Gottron", "Gottron's papules", {
    help: l(
      "Papules érythémato-violacées en regard des articulations des doigts (MCP, IPP).",
      "Erythematous to violaceous papules over the finger joints (MCP, PIP).",
    ),
  }),
  yesNo("gottron_sign", "Signe de Gottron", "Gottron's sign", {
    help: l(
      "Macules (non papuleuses) érythémato-violacées en regard des articulations : doigts, coudes, genoux.",
      "Erythematous to violaceous macules (not papules) over extensor joints: fingers, elbows, knees.",
    ),
  }),
  yesNo("v_sign_shawl_sign", "Érythème en châle / signe du V", "Shawl sign / V-sign"),
  yesNo("periungual_erythema", "Érythème péri-unguéal (signe de la manucure)", "Periungual erythema"),
  yesNo("mechanics_hands", "Mains de mécanicien", "Mechanic's hands"),
  yesNo("skin_ulceration", "Ulcérations cutanées", "Skin ulceration"),
  yesNo("skin_necrosis", "Nécrose cutanée", "Skin necrosis"),
  yesNo("calcinosis", "Calcinose", "Calcinosis"),
  yesNo("panniculitis", "Panniculite", "Panniculitis"),
  yesNo("alopecia", "Alopécie", "Alopecia"),
  yesNo("pruritus", "Prurit", "Pruritus"),
  yesNo("photosensitivity", "Photosensibilité", "Photosensitivity"),
] as const satisfies readonly FieldDef[];

const muscle = [
  yesNo("proximal_weakness_upper", "Déficit moteur proximal des membres supérieurs", "Proximal upper-limb weakness", {
    group: l("Atteinte musculaire", "Muscle"),
    help: l(
      "Déficit objectif, symétrique, habituellement progressif.",
      "Objective, symmetric, usually progressive weakness.",
    ),
  }),
  yesNo("proximal_weakness_lower", "Déficit moteur proximal des membres inférieurs", "Proximal lower-limb weakness", {
    help: l(
      "Déficit objectif, symétrique, habituellement progressif.",
      "Objective, symmetric, usually progressive weakness.",
    ),
  }),
  yesNo(
    "neck_flexor_weaker_than_extensor",
    "Fléchisseurs du cou plus faibles que les extenseurs",
    "Neck flexors weaker than neck extensors",
  ),
  yesNo(
    "legs_proximal_weaker_than_distal",
    "Membres inférieurs : déficit proximal plus marqué que distal",
    "Legs: proximal muscles weaker than distal muscles",
  ),
  yesNo("myalgia", "Myalgies", "Myalgia"),
  yesNo("dysphagia", "Dysphagie ou trouble de la motilité œsophagienne", "Dysphagia or oesophageal dysmotility"),
  {
    id: "mmt8",
    type: "number",
    label: l("Testing musculaire manuel (MMT8)", "Manual muscle testing (MMT8)"),
    help: l(
      "Score sur 80 : 8 groupes musculaires cotés de 0 à 10.",
      "Score out of 80: 8 muscle groups each rated 0 to 10.",
    ),
    integer: true,
    hard: { min: 0, max: 80 },
  },
  {
    id: "ck_max",
    type: "number",
    label: l("CK (CPK) maximales", "Maximal CK"),
    help: l("Valeur la plus élevée connue au cours de la DM.", "Highest value known during the course of the DM."),
    unit: units.iu_l,
    hard: { min: 0, max: 500000 },
    soft: { min: 10, max: 100000 },
  },
  {
    id: "aldolase",
    type: "number",
    label: l("Aldolase", "Aldolase"),
    help: l("Valeur maximale ; « NF » si non dosée.", 'Highest value; "ND" if not measured.'),
    unit: units.iu_l,
    hard: { min: 0, max: 1000 },
  },
  yesNo(
    "muscle_enzymes_elevated",
    "Enzymes musculaires élevées (CK, LDH, ASAT ou ALAT)",
    "Elevated muscle enzymes (CK, LDH, AST or ALT)",
    {
      help: l(
        "Au moins une valeur au-dessus de la limite supérieure de la normale (critère EULAR/ACR 2017).",
        "At least one value above the upper limit of normal (EULAR/ACR 2017 item).",
      ),
    },
  ),
  yesNo("emg_myogenic", "EMG : tracé myogène", "Myogenic EMG"),
  yesNo("mri_myositis", "IRM musculaire : œdème / inflammation", "Muscle MRI: oedema / inflammation"),
] as const satisfies readonly FieldDef[];

const biopsyFinding = <const I extends string>(id: I, fr: string, en: string, help?: Localised) =>
  yesNo(id, fr, en, { showIf: shownIfYes("biopsy_done"), ...(help ? { help } : {}) });

const biopsy = [
  yesNo("biopsy_done", "Biopsie musculaire réalisée", "Muscle biopsy performed", {
    group: l("Biopsie musculaire", "Muscle biopsy"),
  }),
  biopsyFinding(
    "biopsy_endomysial_infiltrate",
    "Infiltrat endomysial de cellules mononucléées",
    "Endomysial infiltrate of mononuclear cells",
    l("Entourant les fibres musculaires sans les envahir.", "Surrounding, but not invading, myofibres."),
  ),
  biopsyFinding(
    "biopsy_perimysial_perivascular_infiltrate",
    "Infiltrat périmysial et/ou périvasculaire",
    "Perimysial and/or perivascular infiltrate",
  ),
  biopsyFinding("biopsy_perifascicular_atrophy", "Atrophie périfasciculaire", "Perifascicular atrophy"),
  biopsyFinding("biopsy_rimmed_vacuoles", "Vacuoles bordées", "Rimmed vacuoles"),
  biopsyFinding(
    "biopsy_mxa_expression",
    "Expression de MxA",
    "MxA expression",
    l(
      "Immunomarquage MxA des fibres musculaires (signature interféron de type I).",
      "MxA immunostaining of myofibres (type I interferon signature).",
    ),
  ),
] as const satisfies readonly FieldDef[];

const extraMuscular = [
  yesNo("ild", "Pneumopathie interstitielle diffuse (PID)", "Interstitial lung disease (ILD)", {
    group: l("Atteintes extra-musculaires", "Extra-muscular involvement"),
  }),
  yesNo("ild_rapidly_progressive", "PID rapidement progressive", "Rapidly progressive ILD", {
    showIf: shownIfYes("ild"),
    help: l(
      "Aggravation clinique et radiologique en moins de 3 mois.",
      "Clinical and radiological worsening within 3 months.",
    ),
  }),
  yesNo("arthritis", "Arthrites", "Arthritis"),
  yesNo("raynaud", "Phénomène de Raynaud", "Raynaud's phenomenon"),
  yesNo(
    "cardiac_involvement",
    "Atteinte cardiaque (myocardite, troubles de conduction…)",
    "Cardiac involvement (myocarditis, conduction disorders…)",
  ),
  yesNo("fever_at_dm_onset", "Fièvre au début de la DM", "Fever at DM onset"),
] as const satisfies readonly FieldDef[];

export const ANTIBODY_RESULT: readonly OptionDef[] = [
  opt("positive", "Positif", "Positive"),
  opt("negative", "Négatif", "Negative"),
  opt("not_tested", "Non testé", "Not tested"),
];

const antibody = <const I extends string>(
  id: I,
  name: string,
  extra: Extra<ChoiceField> = {},
): ChoiceField & { readonly id: I } => ({
  id,
  type: "choice",
  label: l(`Anticorps ${name}`, `${name} antibody`),
  options: ANTIBODY_RESULT,
  ...extra,
});

const antibodies = [
  antibody("anti_mda5", "anti-MDA5", {
    group: l("Anticorps", "Antibodies"),
    help: l(
      "Résultat le plus informatif (immunodot ou immunoprécipitation).",
      "Most informative result (line blot or immunoprecipitation).",
    ),
  }),
  antibody("anti_tif1g", "anti-TIF1γ"),
  antibody("anti_nxp2", "anti-NXP2"),
  antibody("anti_mi2", "anti-Mi-2"),
  antibody("anti_sae", "anti-SAE"),
  antibody("anti_jo1", "anti-Jo-1"),
  antibody("anti_pl7", "anti-PL-7"),
  antibody("anti_pl12", "anti-PL-12"),
  antibody("anti_ej", "anti-EJ"),
  antibody("anti_oj", "anti-OJ"),
  antibody("anti_srp", "anti-SRP"),
  antibody("anti_hmgcr", "anti-HMGCR"),
  antibody("anti_ro52", "anti-Ro52"),
  antibody("anti_pm_scl", "anti-PM-Scl"),
  antibody("anti_ku", "anti-Ku"),
  {
    id: "ana",
    type: "choice",
    label: l("Anticorps antinucléaires (AAN)", "Antinuclear antibodies (ANA)"),
    help: l(
      "Positif à partir de 1/80 en immunofluorescence indirecte.",
      "Positive from 1/80 on indirect immunofluorescence.",
    ),
    options: ANTIBODY_RESULT,
  },
  {
    id: "ana_titre",
    type: "choice",
    label: l("Titre des AAN", "ANA titre"),
    showIf: { field: "ana", equals: "positive" },
    options: ["80", "160", "320", "640", "1280", "2560"].map((t) => opt(`1_${t}`, `1/${t}`, `1/${t}`)),
  },
] as const satisfies readonly FieldDef[];

const cancer = [
  yesNo("cancer", "Cancer associé", "Associated cancer", {
    group: l("Cancer", "Cancer"),
    help: l(
      "Tout cancer connu ; le délai avec le diagnostic de DM est calculé (fenêtre paranéoplasique ± 3 ans).",
      "Any known cancer; the delay to DM diagnosis is computed (paraneoplastic window ± 3 years).",
    ),
  }),
  {
    id: "cancer_type",
    type: "choice",
    label: l("Type de cancer", "Cancer type"),
    showIf: shownIfYes("cancer"),
    options: [
      opt("breast", "Sein", "Breast"),
      opt("ovary", "Ovaire", "Ovary"),
      opt("lung", "Poumon", "Lung"),
      opt("colorectal", "Côlon / rectum", "Colorectal"),
      opt("stomach", "Estomac", "Stomach"),
      opt("pancreas", "Pancréas", "Pancreas"),
      opt("nasopharynx", "Nasopharynx (cavum)", "Nasopharynx"),
      opt("prostate", "Prostate", "Prostate"),
      opt("lymphoma", "Lymphome", "Lymphoma"),
      OTHER,
    ],
  },
  {
    id: "cancer_type_other",
    type: "text",
    label: l("Type de cancer : préciser", "Cancer type: specify"),
    maxLength: 200,
    // If the type is not known the parent field takes NK; "other" always has a name.
    missingCodes: false,
    showIf: { field: "cancer_type", equals: "other" },
  },
  {
    id: "cancer_date",
    type: "date",
    label: l("Date du diagnostic du cancer", "Date of cancer diagnosis"),
    showIf: shownIfYes("cancer"),
    precisions: ANY_PRECISION,
  },
] as const satisfies readonly FieldDef[];

export const dm = {
  id: "dm",
  label: l("Dermatomyosite", "Dermatomyositis"),
  items: [
    ...diagnosis,
    ...skin,
    ...muscle,
    ...biopsy,
    ...extraMuscular,
    ...antibodies,
    ...cancer,
    dmTreatmentsBeforeSam,
  ],
} as const satisfies SectionDef;
