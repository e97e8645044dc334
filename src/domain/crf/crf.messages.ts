// Messages of the form's rules (ICU MessageFormat, next-intl). {field} and
// {other} are field labels, {unit}/{limitUnit} unit labels, given in the
// reader's language. Typographic apostrophes: a straight ' quotes in ICU.

const fr = {
  answer: {
    valueAndCode: "{field} : une valeur et un code de donnée manquante ne peuvent pas coexister.",
    codeNotAllowed: "{field} : ce champ ne peut pas être codé NR/NF, une réponse est nécessaire.",
    invalidOption: "{field} : choix invalide.",
  },
  number: {
    parse: "{field} : « {raw} » n’est pas un nombre (exemples acceptés : 1,5 ou 1.5 ou 250 000).",
    invalid: "{field} : nombre invalide.",
    unknownUnit: "{field} : unité non acceptée pour ce champ.",
    integer: "{field} : un nombre entier est attendu.",
    unitMismatch: "{field} : la valeur convertie ne correspond pas à la valeur saisie.",
    positive: "{field} : la dose doit être un nombre strictement positif.",
    belowHard:
      "{field} : {value, number} {unit} est impossible — la limite minimale est {limit, number} {limitUnit}. Vérifiez la valeur et l’unité.",
    aboveHard:
      "{field} : {value, number} {unit} est impossible — la limite maximale est {limit, number} {limitUnit}. Vérifiez la valeur et l’unité.",
    outsideSoft:
      "{field} : {value, number} {unit} est inhabituel (valeurs attendues {min} – {max} {limitUnit}). Vérifiez-la puis cochez « valeur vérifiée ».",
  },
  date: {
    invalid: "{field} : date invalide.",
    precision: {
      day: "{field} : date complète attendue (jour, mois, année).",
      month: "{field} : au moins le mois et l’année sont attendus.",
      year: "{field} : au moins l’année est attendue.",
    },
    future: "{field} : la date ne peut pas être dans le futur (après le {today}).",
    tooOld: "{field} : la date doit être postérieure au {min}.",
  },
  eligibility: {
    required: "{field} : réponse obligatoire.",
    mustBeYes: "Patient non éligible : le critère « {field} » doit être « Oui » pour inclure le cas.",
    window:
      "Patient non éligible : le SAM doit avoir été diagnostiqué entre le {from} et le {to} (protocole) ; date saisie : {value}.",
  },
  order: {
    notBefore: "{field} : ne peut pas être antérieure à « {other} ».",
    notAfter: "{field} : doit être postérieure à « {other} ».",
    samTooEarly: "{field} : le SAM ne peut pas précéder de plus de 2 ans le premier symptôme de DM.",
    deathIsLastFollowUp: "Date des dernières nouvelles : en cas de décès, elle doit être la date du décès.",
  },
  flag: {
    samRevealing: "SAM diagnostiqué avant la DM (SAM révélateur) : confirmez que c’est bien le cas.",
    treatmentBeforeOnset: "Traitement débuté plus d’un an avant le premier symptôme de DM : vérifiez la date.",
    juvenile: "Âge au SAM {age} ans : cas juvénile, vérifiez le service.",
  },
  block: {
    duplicateRow: "Ligne en double.",
  },
  case: {
    notEditable: "Ce dossier ne peut plus être modifié (validé ou verrouillé, ou votre rôle ne le permet pas).",
    reasonRequired: "Dossier déjà soumis : indiquez le motif de la modification avant d’enregistrer.",
    formVersionPending:
      "Ce dossier a été saisi avec la version {version} du formulaire et attend sa migration vers la version {current} : prévenez le data manager (npm run crf:migrate).",
  },
  submit: {
    missing: "{field} : réponse obligatoire (une valeur, ou NR / NF).",
    missingNoCode: "{field} : réponse obligatoire.",
    unconfirmed: "{field} : valeur inhabituelle à confirmer (« valeur vérifiée »).",
  },
};

const en: typeof fr = {
  answer: {
    valueAndCode: "{field}: a value and a missing-data code cannot both be given.",
    codeNotAllowed: "{field}: this field cannot be coded NK/ND, an answer is needed.",
    invalidOption: "{field}: invalid choice.",
  },
  number: {
    parse: "{field}: “{raw}” is not a number (accepted, e.g.: 1.5 or 1,5 or 250 000).",
    invalid: "{field}: invalid number.",
    unknownUnit: "{field}: unit not accepted for this field.",
    integer: "{field}: a whole number is expected.",
    unitMismatch: "{field}: the converted value does not match the value entered.",
    positive: "{field}: the dose must be a number above zero.",
    belowHard:
      "{field}: {value, number} {unit} is impossible — the lower limit is {limit, number} {limitUnit}. Check the value and the unit.",
    aboveHard:
      "{field}: {value, number} {unit} is impossible — the upper limit is {limit, number} {limitUnit}. Check the value and the unit.",
    outsideSoft:
      "{field}: {value, number} {unit} is unusual (expected {min} – {max} {limitUnit}). Check it, then tick “value checked”.",
  },
  date: {
    invalid: "{field}: invalid date.",
    precision: {
      day: "{field}: a full date is expected (day, month, year).",
      month: "{field}: at least the month and year are expected.",
      year: "{field}: at least the year is expected.",
    },
    future: "{field}: the date cannot be in the future (after {today}).",
    tooOld: "{field}: the date must be after {min}.",
  },
  eligibility: {
    required: "{field}: an answer is required.",
    mustBeYes: "Patient not eligible: the criterion “{field}” must be “Yes” to include the case.",
    window:
      "Patient not eligible: the MAS must have been diagnosed between {from} and {to} (protocol); date entered: {value}.",
  },
  order: {
    notBefore: "{field}: cannot be earlier than “{other}”.",
    notAfter: "{field}: must be later than “{other}”.",
    samTooEarly: "{field}: the MAS cannot precede the first DM symptom by more than 2 years.",
    deathIsLastFollowUp: "Last follow-up: when the patient died, it must be the date of death.",
  },
  flag: {
    samRevealing: "MAS diagnosed before the DM (MAS revealing the DM): confirm that this is so.",
    treatmentBeforeOnset: "Treatment started more than a year before the first DM symptom: check the date.",
    juvenile: "Age at MAS {age} years: a juvenile case, check the department.",
  },
  block: {
    duplicateRow: "Duplicate row.",
  },
  case: {
    notEditable: "This record can no longer be changed (validated or locked, or your role does not allow it).",
    reasonRequired: "Record already submitted: give the reason for the change before saving.",
    formVersionPending:
      "This record was entered with form version {version} and awaits its migration to version {current}: tell the data manager (npm run crf:migrate).",
  },
  submit: {
    missing: "{field}: an answer is required (a value, or NK / ND).",
    missingNoCode: "{field}: an answer is required.",
    unconfirmed: "{field}: unusual value to confirm (“value checked”).",
  },
};

export const crfMessages = { fr: { crf: fr }, en: { crf: en } } as const;
