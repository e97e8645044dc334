// Clinical findings (yes/no fields of the CRF) and how reports write them,
// FR and EN, as folded-text patterns. A mention gives "yes", a negated one
// "no"; hypothetical, family and literature mentions give nothing.
// One pattern may set several fields (HSMG: liver and spleen).
import type { FieldId } from "@/domain/crf/definition";

export interface FindingDef {
  readonly fields: readonly FieldId[];
  readonly patterns: readonly string[];
  /** The value a mention gives (default "yes"): « examen neurologique normal » gives "no". */
  readonly value?: "no";
  /** The pattern carries its own negation ("aucun déclencheur"): a negation trigger does not turn it into "no". */
  readonly selfNegating?: boolean;
}

export const FINDINGS: readonly FindingDef[] = [
  {
    fields: ["heliotrope_rash"],
    patterns: [
      "heliotrope",
      "erytheme (?:lilace|violace) des paupieres",
      "erytheme (?:lilace |violace )?des paupieres(?: lilace| violace)?",
      "paupieres (?:lilacees|violacees)",
      "erytheme lilace",
      "lilac(?:eous)? (?:rash|erythema)",
    ],
  },
  {
    fields: ["gottron_papules"],
    patterns: [
      "papules? de gottron",
      "gottron'?s? papules?",
      // A terse note's bare « Gottron + » is the papules (the sign, « signe de Gottron », is longer and wins).
      "gottron",
      "papules? erythemato-violacees? (?:en regard )?des (?:articulations|mcp|ipp)",
    ],
  },
  { fields: ["gottron_sign"], patterns: ["signe de gottron", "gottron'?s? signs?", "erytheme de gottron"] },
  {
    fields: ["v_sign_shawl_sign"],
    patterns: [
      "erytheme en chale",
      "signe du chale",
      "signe du v",
      "decollete",
      "shawl sign",
      "v-sign",
      "v sign",
      "erytheme en v",
      "v-neck (?:rash|erythema)",
      "rash (?:on|over) the v of the neck",
    ],
  },
  {
    fields: ["periungual_erythema"],
    patterns: [
      "erytheme peri-?ungueal",
      "signe de la manucure",
      "periungual (?:erythema|telangiectasias?)",
      "capillaroscopie (?:anormale|pathologique)",
      "manucure",
    ],
  },
  {
    fields: ["mechanics_hands"],
    patterns: ["mains de mecanicien", "mechanic'?s'? hands?", "hyperkeratose fissuraire des doigts"],
  },
  {
    fields: ["skin_ulceration"],
    patterns: [
      "ulcerations? cutanees?",
      "ulceres? cutanes?",
      "skin ulcers?",
      "skin ulcerations?",
      "cutaneous ulcers?",
      "ulcerations? digitales?",
      "ulcerations? (?:pulpaires?|des pulpes|des doigts|palmaires?)",
      "digital (?:ulcers?|ulcerations?)",
      "fingertip ulcers?",
    ],
  },
  {
    fields: ["skin_necrosis"],
    patterns: [
      "necrose cutanee",
      "necroses cutanees",
      "skin necrosis",
      "cutaneous necrosis",
      "necrose digitale",
      "lesions? (?:cutanees? )?necrotiques?",
      "necrotic skin lesions?",
      "skin lesions? with necrosis",
    ],
  },
  { fields: ["calcinosis"], patterns: ["calcinoses?", "calcifications? sous-cutanees?", "calcinosis"] },
  { fields: ["panniculitis"], patterns: ["panniculites?", "panniculitis"] },
  { fields: ["alopecia"], patterns: ["alopecie", "alopecia"] },
  { fields: ["pruritus"], patterns: ["prurit", "pruritus", "prurigineu(?:x|se)", "itch(?:ing|y)", "pruritic"] },
  {
    fields: ["photosensitivity"],
    patterns: ["photosensibilite", "photosensitivity", "photosensible", "photodistributed"],
  },
  {
    fields: ["proximal_weakness_upper", "proximal_weakness_lower"],
    patterns: [
      "deficit (?:moteur |musculaire )?prox(?:imal)?\\.? (?:des|aux) (?:4|quatre) (?:membres|mb)",
      "deficit (?:moteur |musculaire )?proximal et symetrique",
      "deficit (?:moteur |musculaire )?des (?:deux )?ceintures",
      "deficit (?:moteur |musculaire )?proximal",
      "faiblesse musculaire proximale",
      "proximal (?:muscle |muscular )?weakness",
      "weakness of (?:the )?(?:shoulder and hip|proximal)",
      "syndrome myogene proximal",
      "testing (?:musculaire )?deficitaire (?:aux|des) ceintures",
      "faiblesse musculaire",
      "muscle weakness",
      "muscular weakness",
      "deficit musculaire",
      "deficit moteur",
      "(?:faiblesse|deficit)(?: musculaire| moteur)? (?:des|aux) (?:deux )?ceintures",
    ],
  },
  {
    fields: ["proximal_weakness_upper"],
    patterns: [
      "deficit (?:moteur |musculaire )?(?:proximal )?des membres superieurs",
      "ceinture scapulaire",
      "proximal (?:upper[- ]limb|arm) weakness",
      "deltoides? deficitaires?",
    ],
  },
  {
    fields: ["proximal_weakness_lower"],
    patterns: [
      "deficit (?:moteur |musculaire )?(?:proximal )?des membres inferieurs",
      "ceinture pelvienne",
      "proximal (?:lower[- ]limb|leg) weakness",
      "psoas deficitaires?",
      "weakness of (?:the |both )?thighs",
      "thigh weakness",
      "difficultes? a (?:se relever|monter les escaliers)",
    ],
  },
  {
    fields: ["neck_flexor_weaker_than_extensor"],
    patterns: ["flechisseurs du cou", "neck flexors? weak", "neck flexion weakness", "neck flexor weakness"],
  },
  { fields: ["myalgia"], patterns: ["myalgies?", "myalgias?", "douleurs musculaires", "muscle pain"] },
  {
    fields: ["dysphagia"],
    patterns: [
      "dysphagie",
      "dysphagia",
      "troubles? de (?:la )?deglutition",
      "fausses routes",
      "swallowing difficult(?:y|ies)",
      "trouble(?:s)? de la motricite oesophagienne",
    ],
  },
  {
    fields: ["emg_myogenic"],
    patterns: [
      "emg (?::)?\\s?(?:montrant un |retrouvant un |avec un )?(?:trace|syndrome) myogene",
      "trace myogene",
      "syndrome myogene (?:a|sur) l'emg",
      "myopathic (?:emg|pattern)",
      "emg (?:showed|revealed) (?:a )?myopathic",
      "emg (?:was|is|:)? ?myopathic",
      "emg (?:myogene|:\\s?myogene)",
    ],
  },
  {
    fields: ["mri_myositis"],
    patterns: [
      "irm (?:musculaire|des cuisses)[^.;]{0,40}(?:oedeme|hypersign|inflammation|myosite)",
      "hypersign(?:al|aux)(?:s)? (?:musculaires?|t2|stir)",
      "oedeme musculaire",
      "muscle (?:mri|oedema|edema)[^.;]{0,30}(?:oedema|edema|inflammation|myositis)",
      "mri (?:showed|revealed|showing) (?:muscle )?(?:oedema|edema)",
    ],
  },
  {
    fields: ["biopsy_done"],
    patterns: ["biopsie musculaire", "muscle biopsy", "biopsie (?:du|de) (?:deltoide|quadriceps)"],
  },
  { fields: ["biopsy_perifascicular_atrophy"], patterns: ["atrophie perifasciculaire", "perifascicular atrophy"] },
  { fields: ["biopsy_endomysial_infiltrate"], patterns: ["infiltrat endomysial", "endomysial infiltrat(?:e|ion)"] },
  {
    fields: ["biopsy_perimysial_perivascular_infiltrate"],
    patterns: [
      "infiltrat (?:inflammatoire )?perimysial",
      "infiltrat (?:inflammatoire )?perivasculaire",
      "perimysial (?:and/or )?(?:perivascular )?infiltrat(?:e|ion)",
      "perivascular infiltrat(?:e|ion)",
    ],
  },
  { fields: ["biopsy_rimmed_vacuoles"], patterns: ["vacuoles bordees", "rimmed vacuoles"] },
  {
    fields: ["biopsy_mxa_expression"],
    patterns: ["(?:expression|surexpression|marquage) (?:de )?(?:la )?mxa", "mxa (?:expression|positive|staining)"],
  },
  {
    fields: ["ild"],
    patterns: [
      "pneumopathie interstitielle(?: diffuse)?",
      "pid",
      "interstitial lung disease",
      "ild",
      "fibrose pulmonaire",
      "pins",
      "nsip",
      "pneumopathie interstitielle non specifique",
      "pneumopathie infiltrante diffuse",
      "atteinte interstitielle",
    ],
  },
  {
    fields: ["ild_rapidly_progressive"],
    patterns: [
      "(?:pid|pneumopathie interstitielle(?: diffuse)?) rapidement progressive",
      "rapidly progressive (?:ild|interstitial lung disease)",
      "rp-?ild",
    ],
  },
  { fields: ["arthritis"], patterns: ["arthrites?", "arthritis", "synovites?", "synovitis", "polyarthrite"] },
  { fields: ["raynaud"], patterns: ["raynaud"] },
  {
    fields: ["cardiac_involvement"],
    patterns: [
      "myocardite",
      "myocarditis",
      "atteinte cardiaque",
      "cardiac involvement",
      "troubles? de (?:la )?conduction",
      "bloc auriculo-ventriculaire",
      "pericardite",
      "pericarditis",
    ],
  },
  {
    fields: ["hepatomegaly", "splenomegaly"],
    patterns: ["hepato-?splenomegalie", "hsmg", "hsm", "hepatosplenomegaly", "hepato-splenomegaly"],
  },
  { fields: ["hepatomegaly", "splenomegaly"], patterns: ["organomegal(?:y|ie)", "organomegalies"] },
  // « syndrome tumoral » (haematology): liver, spleen and lymph nodes together — in practice written negated.
  { fields: ["hepatomegaly", "splenomegaly", "lymphadenopathy"], patterns: ["syndrome tumoral"] },
  {
    fields: ["hepatomegaly"],
    // « HMG » is the liver in a terse note; « anti-HMG-CoA réductase » is an antibody.
    patterns: ["hepatomegalie", "hepatomegaly", "foie augmente de volume", "enlarged liver", "hmg(?!-?coa)"],
  },
  {
    fields: ["splenomegaly"],
    patterns: [
      "splenomegalie",
      "splenomegaly",
      "smg",
      "rate augmentee de volume",
      "rate palpable",
      "enlarged spleen",
      "rate (?:mesuree? )?a \\d+ ?cm",
    ],
  },
  {
    fields: ["lymphadenopathy"],
    patterns: [
      "adenopathies?",
      "lymphadenopath(?:y|ies)",
      "polyadenopathies?",
      "adp",
      "lymph nodes? enlargement",
      "enlarged lymph nodes?",
      "ganglions? (?:palpables?|augmentes?)",
    ],
  },
  {
    fields: ["neurological_signs"],
    patterns: [
      "confusion",
      "confuse",
      "convulsions?",
      "crises? (?:convulsives?|comitiales?|d'epilepsie)",
      "seizures?",
      "troubles? de (?:la )?conscience",
      "troubles? de (?:la )?vigilance",
      "coma",
      "encephalopathie",
      "encephalopathy",
      "obnubilation",
      "signes? neurologiques?",
      "signes? neuro",
      "neurological signs?",
      "deficit focal",
      "focal (?:neurological )?deficits?",
      "neurological deficits?",
      "focal neurology",
      "altered mental status",
    ],
  },
  {
    fields: ["haemorrhage"],
    patterns: [
      "hemorragies?",
      "hemorragiques?",
      "haemorrhages?",
      "hemorrhages?",
      "saignements?",
      "bleeding",
      "hematemese",
      "melena",
      "hematome",
    ],
  },
  {
    fields: ["multi_organ_failure"],
    patterns: [
      "defaillance multi-?viscerale",
      "defaillances? multiviscerales?",
      "multi-?organ (?:failure|dysfunction)",
      "mods",
      "mof",
      "syndrome de defaillance multiviscerale",
    ],
  },
  {
    fields: ["icu_admission"],
    patterns: [
      "reanimation",
      "soins intensifs",
      "intensive care",
      "icu",
      "usi",
      "unite de soins intensifs",
      "transferee? en rea",
      "rea medicale",
      "rea",
      "usc",
      "soins continus",
    ],
  },
  {
    fields: ["mechanical_ventilation"],
    patterns: [
      "ventilation mecanique",
      "ventilation invasive",
      "intubee?",
      "intubation",
      "intubated",
      "mechanical(?:ly)? ventilat(?:ion|ed)",
      "invasive ventilation",
      "ventilee?",
      // ICU shorthand: « IOT/VM », « VM : oui ».
      "iot",
      "vmi?",
    ],
  },
  {
    fields: ["vasopressors"],
    patterns: [
      "noradrenaline",
      "norepinephrine",
      "amines vasopressives",
      "amines",
      "vasopresseurs?",
      "vasopressors?",
      "catecholamines",
      "adrenaline",
      "epinephrine",
      "dobutamine",
    ],
  },
  {
    fields: ["renal_replacement"],
    patterns: [
      "epuration extra-?renale",
      "eer",
      "hemodialyse",
      "dialyse",
      "hemodiafiltration",
      "cvvh(?:df)?",
      "renal replacement therapy",
      "haemodialysis",
      "hemodialysis",
      "dialysis",
      "rrt",
    ],
  },
  {
    fields: ["trigger_dm_flare"],
    patterns: [
      "poussee (?:evolutive )?(?:de (?:la |sa )?|d')(?:dm|dermatomyosite)",
      "(?:dm|dermatomyositis) flare",
      "flare of (?:the |her |his )?(?:dm|dermatomyositis)",
    ],
  },
  {
    fields: ["trigger_unknown"],
    patterns: [
      "aucun (?:facteur )?declenchant",
      "aucun declencheur",
      "sans (?:facteur )?declenchant (?:identifie|retrouve)",
      "no (?:identified |obvious )?trigger",
      "no triggering factor",
      "pas de (?:facteur )?declenchant",
      "(?:sans|aucun|pas de) (?:facteur )?(?:declenchant|declencheur)(?! (?:infectieux|viral|medicamenteux|tumoral|neoplasique|bacterien))(?: (?:identifie|retrouve|evident|mis en evidence))?",
      "no (?:trigger|precipitating factor|cause) (?:was )?(?:identified|found)",
    ],
    selfNegating: true,
  },
  {
    fields: ["trigger_infection"],
    patterns: [
      "infection (?:documentee|identifiee|retrouvee|evolutive)",
      "(?:facteur|declencheur) infectieux",
      "infectious (?:trigger|cause)",
      "documented infection",
      "(?<=(?:no|without|sans|pas d'|absence d'|aucune) (?:evidence of |signe d'|argument pour une )?)infection",
    ],
  },
  {
    fields: ["trigger_drug"],
    patterns: ["(?:sam|mas) (?:d'origine )?medicamenteu(?:x|se)", "drug-induced (?:mas|hlh)", "origine medicamenteuse"],
  },
  {
    fields: ["known_immunosuppression"],
    patterns: [
      "sous corticotherapie",
      "sous corticoides",
      "sous immunosuppresseurs?",
      "on (?:long-term )?(?:steroids|corticosteroids|glucocorticoids|immunosuppressants?|immunosuppressive (?:therapy|treatment))",
      "immunodepression",
      "immunodeprimee?",
      "immunocompromised",
      "immunosuppressed",
      "infection (?:par le|a) vih",
    ],
  },
  // Normal examinations: each says the finding is absent.
  {
    fields: ["neurological_signs"],
    patterns: [
      "examen neurologique (?:est )?normal",
      "neurological examination (?:was )?normal",
      "normal neurological examination",
      "pas de signe de localisation",
    ],
    value: "no",
  },
  {
    fields: ["proximal_weakness_upper", "proximal_weakness_lower"],
    patterns: [
      "force musculaire (?:est |etait )?(?:conservee|normale|preservee)",
      "testing musculaire (?:est |etait )?normal",
      "muscle strength (?:was |is )?(?:normal|preserved)",
      "normal muscle strength",
    ],
    value: "no",
    selfNegating: true,
  },
  {
    fields: ["cardiac_involvement"],
    patterns: [
      "(?:ett|echocardiographie|echographie cardiaque) (?:est |etait )?normale",
      "normal echocardiogra(?:m|phy)",
    ],
    value: "no",
    selfNegating: true,
  },
  {
    fields: ["fever_at_dm_onset"],
    patterns: ["fievre (?:au|des le) (?:debut|diagnostic) de (?:la )?(?:dm|dermatomyosite)", "fever at (?:dm )?onset"],
  },
];
