// Messages of the collaboration rules (ADR 0016): a monitor's centres, notes on
// values, notification preferences. Served under the "errors" namespace
// (src/i18n/domain-messages.ts). French first; English has the same keys.
// Typographic apostrophes (’) on purpose: a straight ' is ICU's quote character.

const fr = {
  monitoredCentres: {
    required: "Centres suivis : indiquez au moins un code de centre, ou cochez « tous les centres ».",
    invalid: "Centres suivis : {code} n’est pas un code de centre (trois lettres A à Z, séparés par des virgules).",
    unknown: "Centres suivis : {code} n’est pas un centre de l’étude.",
  },
  valueNote: {
    required: "Note : obligatoire.",
    tooLong: "Note : {max} caractères maximum.",
    fieldUnknown: "Note : le champ « {path} » n’existe pas dans le formulaire.",
    notAllowed: "Note : le dossier n’est plus modifiable (validé ou verrouillé).",
  },
  notificationPrefs: {
    modeInvalid: "Envoi : choisissez « immédiat » ou « résumé quotidien ».",
  },
} as const;

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

const en: Catalogue<typeof fr> = {
  monitoredCentres: {
    required: "Monitored centres: give at least one centre code, or tick “all centres”.",
    invalid: "Monitored centres: {code} is not a centre code (three letters A to Z, separated by commas).",
    unknown: "Monitored centres: {code} is not a centre of the study.",
  },
  valueNote: {
    required: "Note: required.",
    tooLong: "Note: {max} characters at most.",
    fieldUnknown: "Note: there is no field “{path}” in the form.",
    notAllowed: "Note: the case can no longer be changed (validated or locked).",
  },
  notificationPrefs: {
    modeInvalid: "Sending: choose “immediately” or “daily digest”.",
  },
};

export const collaborationMessages = { fr, en } as const;
