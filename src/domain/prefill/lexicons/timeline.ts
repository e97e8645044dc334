// Anchors for dated events and outcome wording (folded-text patterns).
import type { FieldId } from "@/domain/crf/definition";

export const DATE_ANCHORS = {
  sam_date: [
    "syndrome d'activation macrophagique",
    "activation macrophagique",
    "sam",
    "mas",
    "macrophage activation syndrome",
    "lymphohistiocytose hemophagocytaire",
    "syndrome hemophagocytaire",
    "hlh",
    "hemophagocytic lymphohistiocytosis",
  ],
  dm_onset_date: [
    "premiers? (?:signes?|symptomes?|manifestations?)",
    "debut des (?:symptomes|signes|troubles)",
    "debut (?:des )?sympto(?:mes?)?",
    "debut de la symptomatologie",
    "first (?:symptoms?|signs?|manifestations?)",
    "symptoms? (?:began|started)",
    // "rash started around Nov 2018".
    "(?:rash|weakness|skin (?:signs|lesions)|myalgias?) (?:first )?(?:started|appeared)",
    "onset of (?:symptoms|weakness|rash|the disease)",
    "symptom onset",
    "disease onset",
    "onset of",
    "apparition (?:progressive )?d(?:'un|'une|es|e)",
    "a debute",
    "began",
    "debut (?:de la|des)",
    "premiere poussee",
    "presente depuis",
    "(?:souffre|se plaint) depuis",
    "evoluant depuis",
    "(?:has|had) (?:had|noticed|developed) (?:a |an )?(?:rash|weakness|symptoms?|erythema|muscle|skin|myalgia)[a-z ]{0,30} since",
  ],
  dm_diag_date: [
    "diagnostic de (?:la )?(?:dm|dermatomyosite)",
    "(?:dm|dermatomyosite) (?:a ete )?(?:diagnostiquee|retenue|posee|confirmee)",
    "diagnosed with (?:[a-z0-9-]+ ){0,3}(?:dm|jdm|dermatomyositis)",
    "(?:dm|dermatomyositis) (?:was )?(?:diagnosed|confirmed)",
    "diagnosis of (?:dm|dermatomyositis)",
    "suivie? pour une (?:dm|dermatomyosite) (?:depuis|diagnostiquee)",
    "dermatomyosite (?:connue|suivie) depuis",
    "known (?:dm|dermatomyositis) since",
    "(?:dm|dermatomyositis) since",
    "dm depuis",
    // « Dermatomyosite anti-MDA5, …, diagnostic posé le 2/11/2018 » — no MAS named in between.
    "(?:dm|dermatomyosite)(?:(?!sam|activation|syndrome)[^.;]){0,120}? diagnostic (?:pose|retenu|confirme)",
    "(?:dm|dermatomyosite|dermatomyositis)(?: [a-z0-9γ'-]+){0,3} \\(?(?:revelee?|apparue|declaree?|survenue|diagnostiquee?|diagnosed)",
    "(?:dm|dermatomyosite)[^.;]{0,50}? (?:connue |evoluant |suivie )?depuis",
    "(?:dm|dermatomyosite)[^.;]{0,40}?[ (](?:dg|dgc|diag|dx)",
    "(?:dm|dermatomyosite|dermatomyositis) \\((?:diagnostic|diagnosed|dg|diag)",
    "suivie? (?:depuis|since)(?=[^.;]{0,40}(?:dm|dermatomyosite|dermatomyositis))",
    // French participles agree with « la dermatomyosite » (feminine), not with « le SAM »: a longer reach is safe.
    "(?:dm|dermatomyosite)[^.;]{0,70}? (?:revelee|apparue|declaree|survenue|diagnostiquee)",
  ],
  death_date: ["decedee?", "deces", "died", "death", "passed away", "mort", "exitus", "expired", "deceased"],
  last_followup_date: [
    "dernieres nouvelles",
    "dernier(?:e)? (?:consultation|suivi|contact|visite)",
    "last (?:follow-?up|seen|visit|contact|news)",
    "revue? en consult(?:ation)?",
    "clinic review",
    "seen (?:again )?in clinic",
    "(?:re)?vois en consultation",
    "vue? en consult(?:ation)?",
    "consultation (?:du|de ce jour)",
    "seen (?:today|on)",
    "reviewed in clinic",
    "revue? le",
    "vue? le",
    "as of",
    "doing well",
    "(?:saw|see|seen|reviewed)(?: [a-z]+){0,3} in (?:clinic|consultation|the clinic)",
    "ce jour",
    "last fu",
    "consultation de suivi du",
    "dernier suivi",
    "derniere visite",
    "at last follow-?up",
    "au dernier suivi",
  ],
  sam_resolution_date: [
    "resolution du (?:sam|syndrome d'activation macrophagique)",
    "(?:sam|mas) (?:resolu|resolved|en remission|gueri)",
    "remission (?:complete )?du sam",
    "guerison du (?:sam|syndrome d'activation macrophagique)",
    "resolution of (?:the )?(?:mas|macrophage activation syndrome)",
    "(?:mas|sam) (?:had )?resolved",
    "(?:sam|mas)(?![a-z])[^.;]{0,200}?(?:resolu(?:e|tion)?|resolved)",
  ],
} satisfies Partial<Record<FieldId, readonly string[]>>;

export const DIAG_WORDS =
  /(?:diagnosti|diagnosed|(?<![a-z])dx(?![a-z])|(?<![a-z])dg(?![a-z])|retenu|pose|confirme|confirmed|defini|criteres|hscore|complique|complicated|revele|presente un|developpe|developed|survenue|episode|admis|admitted|hospitalis)/;
export const RELAPSE_WORDS = /(?:rechute|relapse|recidive|recurrence|second episode|deuxieme episode)/;
/** A sentence about the MAS ending: its date is not the diagnosis. */
export const RESOLUTION_WORDS = /(?:resolu|resolved|resolution|remission|guerison|normalisation)/;

export const DEATH_CAUSES: readonly [string, RegExp][] = [
  [
    "infection",
    /(?:choc septique|sepsis|septic|infecti|pneumonie|pneumonia|aspergillose|aspergillosis|candidemie|bacteriemie)/,
  ],
  [
    "dm",
    /(?:pid|pneumopathie interstitielle|interstitial lung|ild|insuffisance respiratoire|respiratory failure|detresse respiratoire|myosite|dermatomyosite)/,
  ],
  ["cancer", /(?:cancer|progression tumorale|tumou?r progression|neoplasi|metasta)/],
  ["treatment_toxicity", /(?:toxicite|toxicity|iatrogen|aplasie (?:post-?chimio|induite)|drug-induced)/],
  [
    "sam",
    /(?:sam|mas|hlh|syndrome d'activation macrophagique|macrophage activation|defaillance multiviscerale|multi-?organ failure|(?<![a-z])mof(?![a-z])|refractaire|refractory)/,
  ],
];
