// Antibodies, cancers and infectious agents: names as reports write them
// (folded text), mapped to the CRF's field ids and option codes.
import type { FieldId } from "@/domain/crf/definition";

export const ANTIBODIES: readonly { readonly field: FieldId; readonly names: readonly string[] }[] = [
  {
    field: "anti_mda5",
    names: ["mda-?5(?=\\s?(?:\\+|\\(\\+\\)|positi))", "anti[- ]?mda-?5", "anti[- ]?cadm-?140", "anti[- ]?ifih1"],
  },
  {
    field: "anti_tif1g",
    names: ["anti[- ]?tif-?1[- ]?(?:γ|gamma|g)?", "anti[- ]?tif1-?(?:γ|gamma|g)", "anti[- ]?p155(?:/140)?"],
  },
  { field: "anti_nxp2", names: ["anti[- ]?nxp-?2", "anti[- ]?mj"] },
  { field: "anti_mi2", names: ["anti[- ]?mi-?2(?: ?(?:α|β|alpha|beta))?"] },
  { field: "anti_sae", names: ["anti[- ]?sae(?:-?1)?"] },
  { field: "anti_jo1", names: ["anti[- ]?jo-?1"] },
  { field: "anti_pl7", names: ["anti[- ]?pl-?7"] },
  { field: "anti_pl12", names: ["anti[- ]?pl-?12"] },
  { field: "anti_ej", names: ["anti[- ]?ej"] },
  { field: "anti_oj", names: ["anti[- ]?oj"] },
  { field: "anti_srp", names: ["anti[- ]?srp"] },
  { field: "anti_hmgcr", names: ["anti[- ]?hmgcr", "anti[- ]?hmg-?coa"] },
  {
    field: "anti_ro52",
    names: ["anti[- ]?ro-?52", "anti[- ]?trim21", "anti[- ]?ssa ?52", "anti[- ]?ssa/ro52", "ro-?52"],
  },
  { field: "anti_pm_scl", names: ["anti[- ]?pm-?scl(?:-?75|-?100)?"] },
  { field: "anti_ku", names: ["anti[- ]?ku"] },
  {
    field: "ana",
    names: [
      "anticorps anti-?nucleaires",
      "anticorps antinucleaires",
      "ac anti-?nucleaires",
      "aan",
      "ana",
      "antinuclear antibod(?:y|ies)",
      "facteurs? antinucleaires?",
      "fan",
    ],
  },
];

export const POSITIVE = [
  "positifs?",
  "positives?",
  "positive",
  "positivite",
  "present(?:s|e|es)?",
  "retrouvee?s?",
  "detected",
  "pos",
  "\\+",
  "fortement positifs?",
  "faiblement positifs?",
  "a titre eleve",
  "high titre",
  "presence d(?:e|')",
  "mise en evidence d(?:e|')",
  "associee?s?",
];
export const NEGATIVE = [
  "negatifs?",
  "negatives?",
  "negative",
  "absents?",
  "absentes?",
  "non retrouvee?s?",
  "not detected",
  "neg",
  "-",
  "absence d(?:e|')",
  "pas d(?:e|')",
  "sans",
  "no",
];
export const NOT_TESTED = [
  "non (?:testee?s?|faite?s?|realisee?s?|recherchee?s?|dosee?s?)",
  "not (?:tested|done|performed)",
  "non disponibles?",
];

/** A cancer work-up: "normal" or "negative" then means no cancer; without a result it says nothing. */
export const CANCER_WORKUP =
  /(?:bilan (?:neoplasique|de neoplasie|carcinologique|oncologique|d'extension)|(?:recherche|depistage) (?:de|d'une?) (?:neoplasie|cancer)|cancer screening|malignancy (?:screening|work-?up)|screening for (?:cancer|malignancy))/;
export const WORKUP_NEGATIVE =
  /(?:normale?s?|negati(?:f|ve|fs|ves)|sans anomalie|unremarkable|no evidence|n'a pas retrouve|was normal)/;

export const CANCER_WORDS = [
  "cancer",
  "cancers",
  "carcinome",
  "carcinoma",
  "adenocarcinome",
  "adenocarcinoma",
  "neoplasie",
  "neo",
  "neoplasia",
  "neoplasm",
  "tumeur maligne",
  "malignancy",
  "malignant",
  "lymphome",
  "lymphoma",
  "hemopathie maligne",
  "melanome",
  "melanoma",
  "sarcome",
  "seminome",
  "leucemie",
  "myelome",
  "neoplasique",
  "tumor",
  "tumour",
  "k du sein",
  "k sein",
];

export const CANCER_TYPES: readonly { readonly code: string; readonly names: readonly string[] }[] = [
  { code: "breast", names: ["sein", "mammaire", "breast", "canalaire", "lobulaire"] },
  { code: "ovary", names: ["ovaire", "ovarien(?:ne)?", "ovarian", "ovary"] },
  {
    code: "lung",
    names: ["poumon", "pulmonaire", "bronchique", "bronchopulmonaire", "lung", "pulmonary", "bronchial"],
  },
  {
    code: "colorectal",
    names: ["colon", "colique", "rectum", "rectal", "colorectal", "sigmoide", "colon(?:ic)?", "caecum"],
  },
  { code: "stomach", names: ["estomac", "gastrique", "stomach", "gastric"] },
  { code: "pancreas", names: ["pancreas", "pancreatique", "pancreatic"] },
  {
    code: "nasopharynx",
    names: [
      "nasopharynx",
      "nasopharynge",
      "cavum",
      "nasopharyngeal",
      "undifferentiated carcinoma of nasopharyngeal type",
      "ucnt",
    ],
  },
  { code: "prostate", names: ["prostate", "prostatique", "prostatic"] },
  { code: "lymphoma", names: ["lymphome", "lymphoma", "hodgkin", "lnh"] },
];

export const AGENTS: readonly { readonly code: string; readonly type: string; readonly names: readonly string[] }[] = [
  { code: "ebv", type: "viral", names: ["ebv", "epstein-?barr", "epstein barr"] },
  { code: "cmv", type: "viral", names: ["cmv", "cytomegalovirus"] },
  { code: "hhv6", type: "viral", names: ["hhv-?6", "herpesvirus (?:humain )?6"] },
  { code: "hsv", type: "viral", names: ["hsv(?:-?[12])?", "herpes simplex"] },
  { code: "vzv", type: "viral", names: ["vzv", "varicelle", "zona", "varicella", "zoster"] },
  { code: "parvovirus_b19", type: "viral", names: ["parvovirus(?: b19)?", "pvb19"] },
  { code: "sars_cov_2", type: "viral", names: ["sars-?cov-?2", "covid(?:-?19)?"] },
  { code: "influenza", type: "viral", names: ["grippe", "influenza", "grippal"] },
  { code: "hiv", type: "viral", names: ["vih", "hiv"] },
  { code: "leishmania", type: "parasitic", names: ["leishmani(?:a|ose|asis)"] },
  {
    code: "tuberculosis",
    type: "bacterial",
    names: ["tuberculose", "tuberculosis", "mycobacterium tuberculosis", "bk"],
  },
];

/** Other agents: proposed as "other" with the type, the name as written goes to infection_agent_other. */
export const OTHER_AGENTS: readonly { readonly type: string; readonly names: readonly string[] }[] = [
  {
    type: "bacterial",
    names: [
      "staphylocoques?(?: dore)?",
      "staphylococcus aureus",
      "streptocoques?",
      "e\\.? ?coli",
      "escherichia coli",
      "klebsiella(?: pneumoniae)?",
      "pseudomonas(?: aeruginosa)?",
      "pneumocoque",
      "listeria",
      "salmonella",
      "legionella",
    ],
  },
  {
    type: "fungal",
    names: [
      "aspergill(?:ose|us|osis)",
      "candid(?:a|emie|ose|osis)",
      "pneumocyst(?:ose|is)",
      "mucormycose",
      "cryptocoque",
    ],
  },
  { type: "parasitic", names: ["toxoplasm(?:ose|osis|a)", "paludisme", "malaria", "plasmodium"] },
];
