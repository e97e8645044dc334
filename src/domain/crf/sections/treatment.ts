// §4 Treatment of the MAS: repeating treatment lines with the controlled drug
// list and dose checks (§5), plus supportive care. The DM treatments received
// before the MAS (§2) use the same drug list and live in the DM section.
import { DOSE_UNIT_IDS, DOSE_UNITS, DRUGS } from "../../doses";
import { l, opt } from "../labels";
import type { BlockDef, OptionDef, SectionDef } from "../types";

/** The controlled list: a drug not in it is "other (specify)", never a free new name. */
export const DRUG_OPTIONS: readonly OptionDef[] = DRUGS.map((d) => ({
  value: d.id,
  label: { fr: d.labels.fr, en: d.labels.en },
}));

export const DOSE_UNIT_OPTIONS: readonly OptionDef[] = DOSE_UNIT_IDS.map((id) => ({
  value: id,
  label: { fr: DOSE_UNITS[id].labels.fr, en: DOSE_UNITS[id].labels.en },
}));

export const dmTreatmentsBeforeSam = {
  type: "block",
  id: "dm_treatments_before_sam",
  label: l("Traitements de la DM reçus avant le SAM", "DM treatments received before MAS"),
  rowLabel: l("Traitement", "Treatment"),
  maxRows: 15,
  fields: [
    { id: "drug", type: "choice", label: l("Médicament", "Drug"), options: DRUG_OPTIONS, missingCodes: false },
    {
      id: "drug_other",
      type: "text",
      label: l("Autre médicament : préciser", "Other drug: specify"),
      maxLength: 100,
      missingCodes: false,
      showIf: { field: "drug", equals: "other" },
    },
    { id: "start_date", type: "date", label: l("Date de début", "Start date"), precisions: ["day", "month", "year"] },
    { id: "ongoing_at_sam", type: "yesno", label: l("En cours au diagnostic du SAM", "Ongoing at MAS diagnosis") },
  ],
} as const satisfies BlockDef;

const treatmentLines = {
  type: "block",
  id: "treatment_lines",
  label: l("Lignes de traitement du SAM", "MAS treatment lines"),
  rowLabel: l("Ligne de traitement", "Treatment line"),
  help: l(
    "Une ligne par médicament. Dose dans l'unité du dossier : mg/kg et mg/m² sont vérifiés avec le poids et la taille.",
    "One row per drug. Dose in the unit of the medical file: mg/kg and mg/m² are checked with weight and height.",
  ),
  maxRows: 20,
  fields: [
    { id: "drug", type: "choice", label: l("Médicament", "Drug"), options: DRUG_OPTIONS, missingCodes: false },
    {
      id: "drug_other",
      type: "text",
      label: l("Autre médicament : préciser", "Other drug: specify"),
      maxLength: 100,
      missingCodes: false,
      showIf: { field: "drug", equals: "other" },
    },
    {
      id: "line",
      type: "choice",
      label: l("Ligne", "Line"),
      options: [
        opt("1", "1ʳᵉ ligne", "1st line"),
        opt("2", "2ᵉ ligne", "2nd line"),
        opt("3plus", "3ᵉ ligne ou plus", "3rd line or later"),
      ],
    },
    { id: "start_date", type: "date", label: l("Date de début", "Start date"), precisions: ["day", "month", "year"] },
    { id: "ongoing", type: "yesno", label: l("En cours", "Ongoing") },
    {
      id: "end_date",
      type: "date",
      label: l("Date de fin", "End date"),
      precisions: ["day", "month", "year"],
      showIf: { field: "ongoing", equals: "no" },
    },
    { id: "dose_value", type: "dose", label: l("Dose", "Dose"), drugField: "drug" },
    // The unit stays shown and keeps what was chosen when the dose becomes NK/ND (hiding it would
    // clear it to NA and lose it if the dose is found later); it is only no longer required.
    {
      id: "dose_unit",
      type: "choice",
      label: l("Unité de dose", "Dose unit"),
      help: l("Facultative si la dose est « NR » ou « NF ».", "Optional when the dose is NK or ND."),
      options: DOSE_UNIT_OPTIONS,
      missingCodes: false,
      optionalIfCoded: "dose_value",
    },
    {
      id: "frequency",
      type: "choice",
      label: l("Fréquence", "Frequency"),
      options: [
        opt("once", "Dose unique", "Single dose"),
        opt("daily", "Quotidienne", "Daily"),
        opt("twice_daily", "Deux fois par jour", "Twice daily"),
        opt("weekly", "Hebdomadaire", "Weekly"),
        opt("every_2_weeks", "Toutes les 2 semaines", "Every 2 weeks"),
        opt("monthly", "Mensuelle", "Monthly"),
        opt("course", "Par cure", "Per course"),
        opt("other", "Autre", "Other"),
      ],
    },
    {
      id: "route",
      type: "choice",
      label: l("Voie", "Route"),
      options: [opt("iv", "IV", "IV"), opt("sc", "SC", "SC"), opt("oral", "Orale", "Oral")],
    },
    {
      id: "n_doses",
      type: "number",
      label: l("Nombre de doses / séances", "Number of doses / sessions"),
      hard: { min: 1, max: 365 },
      integer: true,
      required: false,
    },
    {
      id: "response_d7_14",
      type: "choice",
      label: l("Réponse à J7–J14", "Response at day 7–14"),
      options: [
        opt("complete", "Complète", "Complete"),
        opt("partial", "Partielle", "Partial"),
        opt("none", "Absente", "None"),
        opt("not_assessable", "Non évaluable", "Not assessable"),
      ],
    },
    {
      id: "adverse_event",
      type: "text",
      label: l("Effet indésirable", "Adverse event"),
      maxLength: 300,
      multiline: true,
      required: false,
    },
    {
      id: "stop_reason",
      type: "choice",
      label: l("Arrêt pour", "Stopped because of"),
      showIf: { field: "ongoing", equals: "no" },
      options: [
        opt("efficacy", "Inefficacité", "Lack of efficacy"),
        opt("toxicity", "Toxicité", "Toxicity"),
        opt("completed", "Traitement terminé", "Completed"),
      ],
    },
  ],
} as const satisfies BlockDef;

export const treatment = {
  id: "treatment",
  label: l("Traitement du SAM", "MAS treatment"),
  items: [
    treatmentLines,
    {
      id: "vasopressors",
      type: "yesno",
      label: l("Amines vasopressives", "Vasopressors"),
      group: l("Réanimation", "Supportive care"),
    },
    { id: "mechanical_ventilation", type: "yesno", label: l("Ventilation mécanique", "Mechanical ventilation") },
    { id: "renal_replacement", type: "yesno", label: l("Épuration extra-rénale", "Renal replacement therapy") },
  ],
} as const satisfies SectionDef;
