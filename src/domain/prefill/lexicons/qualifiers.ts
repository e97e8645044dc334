// Qualifier triggers (NegEx / ConText tradition), FR and EN, for review by a
// clinician. Each entry is a regular-expression source matched on the folded
// text (lower case, no accents: "é" → "e", "’" → "'"). Word boundaries are
// added by the engine. Scope: a pre-trigger qualifies what follows it up to a
// terminator, a post-trigger what precedes it back to the clause start.

/** Negation placed before the finding: « pas d'hépatomégalie », "no hepatomegaly". */
export const NEGATION_PRE: readonly string[] = [
  "pas d[e']", "pas d", "absence d", "(?:n'y a |n'a |n'ont )?pas eu d[e']", "pas de recours a(?: la)?", "sans recours a(?: la)?", "pas de notion d[e']", "pas non plus d[e']", "absence d[e']", "absence totale d[e']", "sans", "ni", "aucune?",
  "ni d[e']", "ne retrouve pas", "n'a pas (?:ete )?(?:retrouve|mis en evidence|objective)e?s?", "non retrouvee?s? d[e']",
  "negatif pour", "negative pour", "elimine", "on elimine", "exclusion d[e']", "pas de signe d[e']",
  "no", "not", "without", "absence of", "negative for", "free of", "denied", "denies", "no evidence of", "no sign of",
  "did not (?:show|reveal|find|have)", "was not found", "never", "jamais", "rules? out", "ruled out", "neither", "nor",
];

/** Negation placed after the finding: « hépatomégalie : non », "hepatomegaly was absent". */
export const NEGATION_POST: readonly string[] = [
  "(?:a ete |ont ete |est |etait |was )?(?:evoquee?s?|suspectee?s?|discutee?s?|suspected|considered) (?:puis|et|mais|then|and|but) (?:ecartee?s?|eliminee?s?|infirmee?s?|ruled out|excluded)",
  "absente?s?", "non retrouvee?s?", "non objectivee?s?", "negati(?:f|ve|fs|ves)", "ecartee?s?",
  "eliminee?s?", "infirmee?s?", "n'a pas ete retrouvee?s?", "non mise?s? en evidence",
  "absent", "not found", "not seen", "was negative", "were negative", "negative", "ruled out", "excluded", "was absent", "were absent",
  "(?:was|were|is|are) not (?:present|seen|found|observed|detected|noted|palpable)", "not (?:present|palpable|observed|noted)",
  "non presente?s?", "non palpables?", "n'est pas (?:retrouvee?|palpable|presente?)", "ne sont pas (?:retrouvee?s|palpables)",
];

/** Hypothesis or uncertainty: never proposed as the patient's fact. */
export const HYPOTHESIS_PRE: readonly string[] = [
  "suspicion d[e']", "suspecte?e?", "evoque(?:e|r)?", "hypothese d[e']", "possible", "probable", "eventuel(?:le)?",
  "a rechercher", "a eliminer", "risque d[e']", "discute", "doute", "craint(?:e)? d[e']", "a la recherche d[e']",
  "recherche d[e'](?!(?:s )?(?:anticorps|anti))", "depistage d[e']", "bilan d[e'](?:extension|neoplasie)?", "screening for", "work-?up for",
  "search for", "looking for",
  "suspected", "suspicion of", "possible", "possibly", "probable", "to rule out", "r/o", "risk of", "concern for",
  "could", "might", "consider", "evaluate for", "question of",
];

export const HYPOTHESIS_POST: readonly string[] = [
  "a ete evoquee?s?", "est evoquee?s?", "evoquee?s?", "suspectee?s?", "a eliminer", "non confirmee?s?", "douteu(?:x|se)",
  "was suspected", "was considered", "suspected", "could not be excluded", "not confirmed", "(?:peu |tres )?probable",
  "improbable", "unlikely", "peu vraisemblable", "a ete discutee?", "discutee?", "non retenue?", "envisagee?", "was discussed",
  "not (?:given|started|retained)", "non administree?", "non introduite?", "screening", "work-?up", "depistage",
];

/** Someone else than the patient: family history. */
export const FAMILY: readonly string[] = [
  "mere", "pere", "frere", "soeur", "fils", "sa fille", "grand-mere", "grand-pere", "oncle", "tante", "cousine?",
  "parents?", "famille", "familia(?:l|ux|le|les)", "antecedents? familia(?:ux|l)", "dans la fratrie", "fratrie",
  "mother", "father", "brother", "sister", "daughter", "grandmother", "grandfather", "uncle", "aunt", "cousin",
  "family history", "family", "maternal", "paternal", "sibling",
];

/** Where a qualifier's scope ends. */
export const TERMINATORS: readonly string[] = [
  "mais", "cependant", "toutefois", "en revanche", "par contre", "alors que", "tandis que", "puis", "avec", "sauf",
  "hormis", "associee? a", "but", "however", "although", "whereas", "while", "except", "then", "with", "which",
  "secondaire", "secondary", "revelee?", "apparition", "developed", "developpe", "presente", "presented",
];

/** Headings that open a section about someone else or about the literature. */
export const HEADINGS: readonly { kind: "patient" | "family" | "literature"; re: string }[] = [
  { kind: "family", re: "^(?:#+ *)?(?:antecedents? familia(?:ux|l)|atcd familia(?:ux|l)|histoire familiale|family history)\\b" },
  { kind: "literature", re: "^(?:#+ *)?(?:discussion|revue de (?:la )?litterature|literature review|review of (?:the )?literature|commentaires?|references|bibliographie)\\b" },
  { kind: "patient", re: "^(?:#+ *)?(?:observation|cas clinique|case (?:report|presentation)|histoire de la maladie|antecedents? (?:personnels|medicaux)|examen clinique|biologie|evolution|conclusion|traitements?|mode de vie|motif|history of present illness|examination|laboratory|outcome|past medical history)\\b" },
];

/** General or literature statements (not this patient). */
export const GENERIC: readonly string[] = [
  "dans la litterature", "(?:sont|est|are|is) (?:plus |tres |more |very )?(?:rares?|frequente?s?|exceptionnelle?s?|common|uncommon|frequent)",
"(?:ont|a) ete (?:decrite?s?|rapportee?s?)", "sont (?:decrite?s?|rapportee?s?|classiques?|frequente?s?)",
  "est (?:classiquement|habituellement|frequemment|souvent) (?:associee?|observee?|decrite?)", "classiquement",
  "les patients", "des patients", "chez les patients", "series? de (?:cas|patients)", "selon les (?:series|etudes)",
  "les etudes", "la prevalence", "l'incidence", "en general", "in the literature", "have been (?:reported|described)",
  "has been (?:reported|described)", "are (?:reported|described|common|frequent|associated)", "is (?:commonly|frequently|often|usually|classically) (?:associated|seen|reported|described)",
  "other associated", "(?:cancers|malignancies|features|manifestations|causes|triggers) (?:include|includes)", "patients with", "studies", "series", "cohort", "prevalence", "incidence",
  "commonly", "typically", "recommandations?", "guidelines?", "et al", "reported cases",
];

/** Back to this patient. */
export const PATIENT: readonly string[] = [
  "notre patiente?", "chez notre", "la patiente", "le patient", "our patient", "this patient", "in our case", "dans notre cas",
  "the patient", "she", "he", "her", "his", "elle", "chez elle", "chez lui",
];

/** Before/old: a value or treatment that is not the MAS episode's. */
export const OLD_VALUE: readonly string[] = [
  "il y a (?:un|deux|trois|\\d+) ans?", "un an (?:avant|auparavant|plus tot)", "auparavant", "anterieure?s?", "ancienne?s?",
  "a distance", "de base", "precedemment", "en \\d{4} deja", "lors du diagnostic de (?:la )?(?:dm|dermatomyosite)",
  "au diagnostic de (?:la )?(?:dm|dermatomyosite)", "(?:a|one|two|\\d+) years? (?:earlier|before|ago|previously)",
  "previously", "baseline", "prior", "at (?:the time of )?dm diagnosis", "at diagnosis of (?:the )?dermatomyositis",
];
