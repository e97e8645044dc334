// Laboratory analytes: how reports and lab software name them (FR, EN,
// abbreviations), and how they write units. Names are folded-text patterns.
// `unit` maps a written unit to the field's unit id in the CRF definition
// (src/domain/crf/sections/mas.ts, dm.ts), whose factor does the conversion.
import type { FieldId } from "@/domain/crf/definition";

export type Worst = "min" | "max" | "sodium";

export interface LabDef {
  readonly field: FieldId;
  readonly names: readonly string[];
  readonly worst: Worst;
  /** Only inside the MAS window (± 7 days) — false for ck_max (whole course of the DM). */
  readonly masWindow: boolean;
  /** Value without a unit: which unit id it most likely is, by magnitude (first match wins). */
  readonly bareUnit?: readonly { readonly above: number; readonly unit: string }[];
}

export const LABS: readonly LabDef[] = [
  {
    field: "haemoglobin",
    worst: "min",
    masWindow: true,
    names: ["hemoglobine", "hemoglobin", "haemoglobin", "hgb", "hb", "anemie", "anemia", "anaemia"],
    bareUnit: [{ above: 30, unit: "g_l" }],
  },
  {
    field: "leukocytes",
    worst: "min",
    masWindow: true,
    names: [
      "leucocytes",
      "leukocytes",
      "leucocytose",
      "globules blancs",
      "white (?:blood )?cells?(?: count)?",
      "wbc",
      "gb",
      "leucopenie",
      "leukopenia",
      "leucopenia",
    ],
    bareUnit: [{ above: 500, unit: "per_mm3" }],
  },
  {
    field: "neutrophils",
    worst: "min",
    masWindow: true,
    names: [
      "polynucleaires neutrophiles",
      "neutrophiles",
      "neutrophils",
      "neutrophil count",
      "pnn",
      "anc",
      "pn neutrophiles",
      "neutro",
      "polynucleaires neutro",
      "polys? neutro(?:philes)?",
      "neutropenie",
      "neutropenia",
    ],
    bareUnit: [{ above: 300, unit: "per_mm3" }],
  },
  {
    field: "lymphocytes",
    worst: "min",
    masWindow: true,
    names: ["lymphocytes", "lymphocyte count", "lympho", "lymphopenie", "lymphopenia"],
    bareUnit: [{ above: 300, unit: "per_mm3" }],
  },
  {
    field: "platelets",
    worst: "min",
    masWindow: true,
    names: [
      "plaquettes",
      "platelets?",
      "platelet count",
      "thrombocytes",
      "plq",
      "plt",
      "pq",
      "plaq",
      "thrombopenie",
      "thrombocytopenie",
      "thrombocytopenia",
    ],
    bareUnit: [{ above: 3000, unit: "per_mm3" }],
  },
  {
    field: "ferritin",
    worst: "max",
    masWindow: true,
    names: [
      "ferritinemie",
      "ferritine",
      "ferritin",
      "ferritin level",
      "hyperferritinemie",
      "hyperferritinaemia",
      "hyperferritinemia",
    ],
  },
  {
    field: "triglycerides",
    worst: "max",
    masWindow: true,
    names: [
      "triglycerides",
      "triglyceridemie",
      "triglycerides? \\(a jeun\\)",
      "tg",
      // Informal English notes: "trigs 3.9 mmol/l".
      "trigs?",
      "hypertriglyceridemie",
      "hypertriglyceridemia",
      "hypertriglyceridaemia",
    ],
    bareUnit: [{ above: 100, unit: "mg_dl" }],
  },
  {
    field: "fibrinogen",
    worst: "min",
    masWindow: true,
    names: [
      "fibrinogene",
      "fibrinogen",
      "fibrinogenemie",
      "fg",
      "fibri",
      "fibrino",
      "fib",
      "hypofibrinogenemie",
      "hypofibrinogenemia",
      "hypofibrinogenaemia",
    ],
    bareUnit: [{ above: 20, unit: "mg_dl" }],
  },
  { field: "ast", worst: "max", masWindow: true, names: ["asat", "ast", "sgot", "tgo", "aspartate aminotransferase"] },
  { field: "alt", worst: "max", masWindow: true, names: ["alat", "alt", "sgpt", "tgp", "alanine aminotransferase"] },
  { field: "ldh", worst: "max", masWindow: true, names: ["ldh", "lactate deshydrogenase", "lactate dehydrogenase"] },
  {
    field: "ck_at_sam",
    worst: "max",
    masWindow: true,
    names: ["cpk(?!-?mb)", "ck(?!-?mb)", "creatine kinase", "creatine phosphokinase", "creatinine kinase"],
  },
  {
    field: "ck_max",
    worst: "max",
    masWindow: false,
    names: ["cpk(?!-?mb)", "ck(?!-?mb)", "creatine kinase", "creatine phosphokinase"],
  },
  {
    field: "crp",
    worst: "max",
    masWindow: true,
    names: ["crp", "proteine c reactive", "c-reactive protein", "c reactive protein"],
  },
  {
    field: "bilirubin",
    worst: "max",
    masWindow: true,
    names: [
      "bilirubine totale",
      "bilirubine",
      "total bilirubin",
      "bilirubin",
      "bili t",
      "bilit",
      "bili",
      "hyperbilirubinemie",
      "ictere",
    ],
  },
  {
    field: "sodium",
    worst: "sodium",
    masWindow: true,
    names: ["natremie", "sodium", "na\\+?", "serum sodium", "hyponatremie", "hyponatremia", "hyponatraemia"],
  },
  {
    field: "creatinine",
    worst: "max",
    masWindow: true,
    names: ["creatininemie", "creatinine", "creat"],
    bareUnit: [{ above: 30, unit: "umol_l" }],
  },
  {
    field: "d_dimers",
    worst: "max",
    masWindow: true,
    names: ["d-dimeres", "d-dimers", "d-dimer", "d dimeres", "ddimeres", "dimeres"],
  },
  {
    field: "scd25",
    worst: "max",
    masWindow: true,
    names: [
      "scd25",
      "cd25 soluble",
      "soluble cd25",
      "sil-2r",
      "sil2r",
      "recepteur soluble de l'il-2",
      "soluble il-2 receptor",
    ],
  },
  { field: "aldolase", worst: "max", masWindow: false, names: ["aldolase", "aldolasemie"] },
  {
    field: "temp_max",
    worst: "max",
    masWindow: true,
    names: ["temperature", "temps?", "fievre", "fever", "febrile", "t°", "hyperthermie", "pyrexia"],
  },
];

/** Written units (folded) → unit ids of the CRF's number fields. Longest first when compiled. */
export const UNIT_WORDS: readonly { readonly re: string; readonly unit: string }[] = [
  { re: "g/dl", unit: "g_dl" },
  { re: "g/100 ?ml", unit: "g_dl" },
  { re: "mmol/l", unit: "mmol_l" },
  { re: "µmol/l|umol/l|micromol/l", unit: "umol_l" },
  { re: "mg/dl", unit: "mg_dl" },
  { re: "mg/l", unit: "mg_l" },
  { re: "g/l|gr/l", unit: "g_l" },
  { re: "giga/l|x ?10\\^?9 ?/l|x ?10e9 ?/l|x ?109/l|10\\^9/l|10\\^?9/l|10⁹/l|x10⁹/l|x ?10\\*9/l", unit: "g_per_l" },
  { re: "/mm3|/mm³|/µl|/ul|/mcl|/microl|par mm3|elements/mm3|cells/µl|cells/mm3", unit: "per_mm3" },
  { re: "µg/l|ug/l|mcg/l|microg/l", unit: "ug_l" },
  { re: "ng/ml", unit: "ng_ml" },
  { re: "ui/l|u/l|iu/l|ui/litre", unit: "iu_l" },
  { re: "u/ml|ui/ml|iu/ml", unit: "u_ml" },
  { re: "µg/l feu|ng/ml feu|µg feu/l", unit: "ug_l_feu" },
  { re: "µg/ml(?: feu)?|ug/ml(?: feu)?", unit: "ug_ml" },
  { re: "°c|° c|degres|degc|c°", unit: "celsius" },
];

/** Units a field does not offer but that convert exactly into its canonical unit (cells per mm³ → G/L, mg/L FEU → µg/L FEU). */
export const EXTRA_CONVERSIONS: readonly { readonly from: string; readonly to: string; readonly factor: number }[] = [
  { from: "per_mm3", to: "g_per_l", factor: 0.001 },
  { from: "mg_l", to: "ug_l_feu", factor: 1000 },
  { from: "ug_ml", to: "ug_l_feu", factor: 1000 },
  { from: "mg_l", to: "ug_l", factor: 1000 },
];
