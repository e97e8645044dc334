// Messages of the dose checks, ICU MessageFormat for next-intl, French first.
// Keys match DoseIssue["key"] without the "dose." namespace. Params: drug and
// unit labels (see localiseDoseParams); numbers are formatted for the locale
// with up to 6 decimals (the default 3 would show 0.0004 mg/kg as 0).
// French strings avoid "de {drug}" (de/d' elision depends on the name) and never
// put an apostrophe right before a brace, where ICU would read it as a quote.

const FR_CONVERSION =
  "{conversion, select," +
  " exact { (soit {converted, number, ::.######} {limitUnit})}" +
  " atLeast { (soit au moins {converted, number, ::.######} {limitUnit} pour tout poids et toute taille admissibles)}" +
  " atMost { (soit au plus {converted, number, ::.######} {limitUnit} pour tout poids et toute taille admissibles)}" +
  " other {}}";

const EN_CONVERSION =
  "{conversion, select," +
  " exact { (i.e. {converted, number, ::.######} {limitUnit})}" +
  " atLeast { (at least {converted, number, ::.######} {limitUnit} for any admissible weight and height)}" +
  " atMost { (at most {converted, number, ::.######} {limitUnit} for any admissible weight and height)}" +
  " other {}}";

export const doseMessages = {
  fr: {
    dose: {
      aboveHard:
        "Dose refusée pour {drug} : {value, number, ::.######} {unit}" +
        FR_CONVERSION +
        " dépasse la limite de {limit, number, ::.######} {limitUnit}. Vérifiez l'unité (mg / µg, par kg, par m²).",
      belowHard:
        "Dose refusée pour {drug} : {value, number, ::.######} {unit}" +
        FR_CONVERSION +
        " est inférieure à la limite de {limit, number, ::.######} {limitUnit}. Vérifiez l'unité (g / mg, mg / µg, par kg, par m²).",
      aboveUsual:
        "Dose inhabituelle pour {drug} : {value, number, ::.######} {unit}" +
        FR_CONVERSION +
        " dépasse la dose usuelle maximale de {limit, number, ::.######} {limitUnit}. Confirmez la valeur si elle est exacte.",
      belowUsual:
        "Dose inhabituelle pour {drug} : {value, number, ::.######} {unit}" +
        FR_CONVERSION +
        " est inférieure à la dose usuelle minimale de {limit, number, ::.######} {limitUnit}. Confirmez la valeur si elle est exacte.",
      unitNotAccepted: "Unité refusée pour {drug} : « {unit} » n'est pas acceptée. Unités acceptées : {accepted}.",
      cannotCheck:
        "Dose non vérifiable pour {drug} ({value, number, ::.######} {unit}) : " +
        "{missing, select, weight {le poids n'est pas renseigné} height {la taille n'est pas renseignée}" +
        " other {le poids et la taille ne sont pas renseignés}}. Complétez-les ou confirmez la valeur.",
      notPositive: "Dose refusée pour {drug} : la dose doit être un nombre strictement positif.",
      noReference:
        "Pas de dose de référence pour {drug} : vérifiez {value, number, ::.######} {unit} et confirmez la valeur.",
      unknownDrug: "Médicament inconnu : choisissez un médicament de la liste, ou « Autre (préciser) ».",
    },
  },
  en: {
    dose: {
      aboveHard:
        "Dose refused for {drug}: {value, number, ::.######} {unit}" +
        EN_CONVERSION +
        " exceeds the limit of {limit, number, ::.######} {limitUnit}. Check the unit (mg / µg, per kg, per m²).",
      belowHard:
        "Dose refused for {drug}: {value, number, ::.######} {unit}" +
        EN_CONVERSION +
        " is below the limit of {limit, number, ::.######} {limitUnit}. Check the unit (g / mg, mg / µg, per kg, per m²).",
      aboveUsual:
        "Unusual dose for {drug}: {value, number, ::.######} {unit}" +
        EN_CONVERSION +
        " exceeds the usual maximum of {limit, number, ::.######} {limitUnit}. Confirm the value if it is correct.",
      belowUsual:
        "Unusual dose for {drug}: {value, number, ::.######} {unit}" +
        EN_CONVERSION +
        " is below the usual minimum of {limit, number, ::.######} {limitUnit}. Confirm the value if it is correct.",
      unitNotAccepted: "Unit refused for {drug}: “{unit}” is not accepted. Accepted units: {accepted}.",
      cannotCheck:
        "Dose of {drug} cannot be checked ({value, number, ::.######} {unit}): " +
        "{missing, select, weight {the weight is missing} height {the height is missing}" +
        " other {the weight and height are missing}}. Enter them or confirm the value.",
      notPositive: "Dose refused for {drug}: the dose must be a number greater than zero.",
      noReference: "No reference dose for {drug}: check {value, number, ::.######} {unit} and confirm the value.",
      unknownDrug: "Unknown drug: choose a drug from the list, or “Other (specify)”.",
    },
  },
} as const;
