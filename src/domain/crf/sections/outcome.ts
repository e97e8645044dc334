// §6 Outcome: MAS resolution and relapses, last follow-up, death, ICU stay.
// Cross-field date rules (§8: resolution, relapse, follow-up, death ≥ sam_date;
// death_date = last_followup_date when given; death = yes requires date and
// cause) and the follow-up duration are handled by validation / computed
// values, not here.
import { l, opt } from "../labels";
import type { BlockDef, DatePrecision, FieldDef, SectionDef } from "../types";
import { ANY_PRECISION, OTHER, unit, yesNo } from "./dm";

const units = {
  days: unit("days", "jours", "days"),
} as const;

/** Last news and death are dated from the records' letters: at least the month is always known. */
const DAY_OR_MONTH: readonly DatePrecision[] = ["day", "month"];

const shownIfYes = (field: string) => ({ field, equals: "yes" }) as const;

const relapses = {
  type: "block",
  id: "sam_relapses",
  label: l("Rechutes de SAM", "MAS relapses"),
  rowLabel: l("Rechute", "Relapse"),
  help: l("Une ligne par rechute ; aucune ligne si pas de rechute.", "One row per relapse; no row if none."),
  maxRows: 10,
  fields: [
    {
      id: "relapse_date",
      type: "date",
      label: l("Date de la rechute", "Date of relapse"),
      help: l("Postérieure au diagnostic du SAM initial.", "After the initial MAS diagnosis."),
      precisions: ANY_PRECISION,
    },
    {
      // Judgement call: the trigger is a multiple choice mirroring the episode's
      // triggers (§3 trigger_*), so relapses and first episodes can be compared
      // in analysis; free text would need recoding.
      id: "relapse_trigger",
      type: "multi",
      label: l("Déclencheur(s) de la rechute", "Relapse trigger(s)"),
      help: l("Plusieurs réponses possibles.", "Several answers possible."),
      options: [
        opt("dm_flare", "Poussée de DM", "DM flare"),
        opt("infection", "Infection", "Infection"),
        opt("cancer", "Cancer", "Cancer"),
        opt("drug", "Médicament", "Drug"),
        opt("unknown", "Aucun déclencheur identifié", "No trigger identified"),
      ],
    },
    {
      // Judgement call: free text (300 characters, as adverse events in §4). The
      // controlled drug list and dose checks belong to the treatment lines (§4–5);
      // duplicating them per relapse would weigh on entry for a secondary item.
      id: "relapse_treatment",
      type: "text",
      label: l("Traitement de la rechute", "Treatment of the relapse"),
      help: l("Molécules et doses, sans donnée identifiante.", "Drugs and doses, without any identifying data."),
      maxLength: 300,
      multiline: true,
    },
  ],
} as const satisfies BlockDef;

const samCourse = [
  yesNo("sam_resolution", "Résolution du SAM", "MAS resolved", {
    group: l("Évolution du SAM", "MAS course"),
    help: l(
      "Disparition de la fièvre et normalisation des cytopénies et de la ferritine.",
      "Fever resolved, cytopenias and ferritin back to normal.",
    ),
  }),
  {
    id: "sam_resolution_date",
    type: "date",
    label: l("Date de résolution du SAM", "Date of MAS resolution"),
    showIf: shownIfYes("sam_resolution"),
    precisions: ANY_PRECISION,
  },
  {
    // icu_admission is a field of the MAS section (§3).
    id: "icu_stay_days",
    type: "number",
    label: l("Durée de séjour en réanimation", "ICU length of stay"),
    help: l("Pour l'épisode de SAM, en jours.", "For the MAS episode, in days."),
    showIf: shownIfYes("icu_admission"),
    unit: units.days,
    integer: true,
    hard: { min: 0, max: 365 },
  },
  relapses,
] as const satisfies readonly (FieldDef | BlockDef)[];

const lastNews = [
  {
    id: "dm_status_last",
    type: "choice",
    label: l("Statut de la DM aux dernières nouvelles", "DM status at last follow-up"),
    group: l("Dernières nouvelles", "Last follow-up"),
    options: [
      opt("remission", "Rémission", "Remission"),
      opt("low_activity", "Faible activité", "Low activity"),
      opt("active", "Active", "Active"),
    ],
  },
  {
    id: "last_followup_date",
    type: "date",
    label: l("Date des dernières nouvelles", "Date of last follow-up"),
    help: l("Date du décès si le patient est décédé.", "Date of death if the patient died."),
    precisions: DAY_OR_MONTH,
  },
  yesNo("death", "Décès", "Death"),
  {
    id: "death_date",
    type: "date",
    label: l("Date du décès", "Date of death"),
    showIf: shownIfYes("death"),
    precisions: DAY_OR_MONTH,
  },
  {
    id: "death_cause",
    type: "choice",
    label: l("Cause du décès", "Cause of death"),
    help: l("Cause principale.", "Main cause."),
    showIf: shownIfYes("death"),
    options: [
      opt("sam", "SAM", "MAS"),
      opt("infection", "Infection", "Infection"),
      opt("dm", "DM (y compris PID)", "DM (including ILD)"),
      opt("cancer", "Cancer", "Cancer"),
      opt("treatment_toxicity", "Toxicité thérapeutique", "Treatment toxicity"),
      OTHER,
    ],
  },
  {
    id: "death_cause_other",
    type: "text",
    label: l("Cause du décès : préciser", "Cause of death: specify"),
    maxLength: 200,
    // An unknown cause is NK on death_cause; "other" always has a name.
    missingCodes: false,
    showIf: { field: "death_cause", equals: "other" },
  },
  {
    id: "comments",
    type: "text",
    label: l("Commentaires libres", "Free-text comments"),
    group: l("Commentaires", "Comments"),
    help: l(
      "Aucune donnée identifiante (nom, numéro de dossier, téléphone, date de naissance…).",
      "No identifying data (name, record number, phone number, date of birth…).",
    ),
    maxLength: 2000,
    multiline: true,
    required: false,
    missingCodes: false,
  },
] as const satisfies readonly FieldDef[];

export const outcome = {
  id: "outcome",
  label: l("Évolution", "Outcome"),
  items: [...samCourse, ...lastNews],
} as const satisfies SectionDef;
