// The values the form computes (Case.computed: ages, BSA, delays, scores) as
// export columns. Scores with unknown items are exported as their min–max
// range and completeness, never as a false exact number.
import type { CaseAnswers } from "../crf/answers";
import { computeResults, type ComputedResults } from "../crf/computed";
import { l, opt, YES_NO } from "../crf/labels";
import type { Localised, OptionDef } from "../crf/types";
import type { Cell } from "./cells";
import type { Column, ColumnType, ExportCase } from "./column-types";

const yesNo = (b: boolean | null | undefined): Cell => (b === true ? "yes" : b === false ? "no" : null);
const num = (n: number | null | undefined): Cell => (typeof n === "number" && Number.isFinite(n) ? n : null);
const text = (s: string | null | undefined): Cell => (typeof s === "string" ? s : null);

const CRITERION: readonly OptionDef[] = [
  opt("met", "rempli", "met"),
  opt("not_met", "non rempli", "not met"),
  opt("unknown", "indéterminé", "unknown"),
];
const EULAR_CLASS: readonly OptionDef[] = [
  opt("definite", "certaine", "definite"),
  opt("probable", "probable", "probable"),
  opt("possible", "possible", "possible"),
  opt("not_iim", "pas de MII", "not IIM"),
];

const UNIT_IDS: Readonly<Record<string, string>> = { "m²": "m2", "%": "percent" };

/** The data dictionary's computed value a column comes from (its id, or its id as the column's prefix). */
const sourceOf = (name: string): string => {
  const prefix = [
    ["eular_acr_", "eular_acr_2017"],
    ["hscore_", "hscore"],
    ["hlh_2004_", "hlh_2004"],
    ["mas_2016_", "mas_2016"],
    // Its id is 28 characters; a variable's name is at most 26 (names.ts).
    ["delay_cancer_dm_diag_days", "delay_cancer_to_dm_diag_days"],
  ].find(([p]) => name.startsWith(p!));
  return prefix ? prefix[1]! : name;
};

function col(
  name: string,
  type: ColumnType,
  label: Localised,
  read: (c: ComputedResults) => Cell,
  extra: { unit?: string; options?: readonly OptionDef[] } = {},
): Column<ExportCase> {
  return {
    name,
    kind: "computed",
    fieldId: sourceOf(name),
    type,
    label,
    ...(extra.unit ? { unit: { id: UNIT_IDS[extra.unit] ?? extra.unit, label: extra.unit } } : {}),
    ...(extra.options ? { options: extra.options } : {}),
    read: (c) => read(c.computed),
  };
}

/** The published table's bounds: "<1 %" is exported as 1, ">99 %" as 99 (the label says so). */
const PCT = l(" (%, 1 = « < 1 % », 99 = « > 99 % »)", " (%, 1 = '<1 %', 99 = '>99 %')");

const COLUMNS: readonly Column<ExportCase>[] = [
  col(
    "age_at_dm_onset",
    "integer",
    l("Âge aux premiers signes de DM", "Age at DM onset"),
    (c) => num(c.age_at_dm_onset),
    { unit: "years" },
  ),
  col("age_at_dm_diag", "integer", l("Âge au diagnostic de DM", "Age at DM diagnosis"), (c) => num(c.age_at_dm_diag), {
    unit: "years",
  }),
  col(
    "juvenile_dm",
    "choice",
    l("DM juvénile (< 18 ans au diagnostic)", "Juvenile DM (< 18 at diagnosis)"),
    (c) => yesNo(c.juvenile_dm),
    { options: YES_NO },
  ),
  col("age_at_sam", "integer", l("Âge au diagnostic du SAM", "Age at MAS diagnosis"), (c) => num(c.age_at_sam), {
    unit: "years",
  }),
  col("bsa_m2", "decimal", l("Surface corporelle (Mosteller)", "Body surface area (Mosteller)"), (c) => num(c.bsa_m2), {
    unit: "m²",
  }),
  col(
    "delay_dm_diag_to_sam_days",
    "integer",
    l("Délai diagnostic de DM → SAM", "Delay DM diagnosis → MAS"),
    (c) => num(c.delay_dm_diag_to_sam_days),
    { unit: "days" },
  ),
  col(
    "delay_cancer_dm_diag_days",
    "integer",
    l("Délai cancer → diagnostic de DM", "Delay cancer → DM diagnosis"),
    (c) => num(c.delay_cancer_to_dm_diag_days),
    { unit: "days" },
  ),
  col(
    "paraneoplastic_window",
    "choice",
    l("Cancer à ± 3 ans du diagnostic de DM", "Cancer within ± 3 years of DM diagnosis"),
    (c) => yesNo(c.paraneoplastic_window),
    { options: YES_NO },
  ),
  col(
    "followup_days",
    "integer",
    l("Durée de suivi après le SAM", "Follow-up after MAS"),
    (c) => num(c.followup_days),
    { unit: "days" },
  ),
  col(
    "eular_acr_model",
    "choice",
    l("EULAR/ACR 2017 : modèle", "EULAR/ACR 2017: model"),
    (c) => text(c.eular_acr_2017?.model),
    {
      options: [
        opt("without_biopsy", "sans biopsie", "without biopsy"),
        opt("with_biopsy", "avec biopsie", "with biopsy"),
      ],
    },
  ),
  col(
    "eular_acr_complete",
    "choice",
    l("EULAR/ACR 2017 : tous les items connus", "EULAR/ACR 2017: all items known"),
    (c) => yesNo(c.eular_acr_2017?.complete),
    { options: YES_NO },
  ),
  col(
    "eular_acr_score",
    "decimal",
    l("EULAR/ACR 2017 : score (vide si un item manque)", "EULAR/ACR 2017: score (empty if an item is unknown)"),
    (c) => num(c.eular_acr_2017?.score),
  ),
  col("eular_acr_score_min", "decimal", l("EULAR/ACR 2017 : score minimal", "EULAR/ACR 2017: lowest score"), (c) =>
    num(c.eular_acr_2017?.range?.min?.score),
  ),
  col("eular_acr_score_max", "decimal", l("EULAR/ACR 2017 : score maximal", "EULAR/ACR 2017: highest score"), (c) =>
    num(c.eular_acr_2017?.range?.max?.score),
  ),
  col(
    "eular_acr_probability",
    "decimal",
    l("EULAR/ACR 2017 : probabilité (0–1)", "EULAR/ACR 2017: probability (0–1)"),
    (c) => num(c.eular_acr_2017?.probability),
  ),
  col(
    "eular_acr_probability_min",
    "decimal",
    l("EULAR/ACR 2017 : probabilité minimale", "EULAR/ACR 2017: lowest probability"),
    (c) => num(c.eular_acr_2017?.range?.min?.probability),
  ),
  col(
    "eular_acr_probability_max",
    "decimal",
    l("EULAR/ACR 2017 : probabilité maximale", "EULAR/ACR 2017: highest probability"),
    (c) => num(c.eular_acr_2017?.range?.max?.probability),
  ),
  col(
    "eular_acr_class",
    "choice",
    l("EULAR/ACR 2017 : classe (vide si indéterminée)", "EULAR/ACR 2017: class (empty if undetermined)"),
    (c) => text(c.eular_acr_2017?.class),
    { options: EULAR_CLASS },
  ),
  col(
    "eular_acr_subgroup",
    "choice",
    l("EULAR/ACR 2017 : sous-groupe", "EULAR/ACR 2017: subgroup"),
    (c) => text(c.eular_acr_2017?.subgroup),
    {
      options: [
        opt("dm", "DM", "DM"),
        opt("amyopathic_dm", "DM amyopathique", "amyopathic DM"),
        opt("juvenile_dm", "DM juvénile", "juvenile DM"),
        opt("other", "autre", "other"),
        opt("unknown", "indéterminé", "unknown"),
      ],
    },
  ),
  col("hscore_min", "integer", l("HScore minimal (points)", "HScore lowest (points)"), (c) =>
    num(c.hscore?.total?.min),
  ),
  col("hscore_max", "integer", l("HScore maximal (points)", "HScore highest (points)"), (c) =>
    num(c.hscore?.total?.max),
  ),
  col(
    "hscore_complete",
    "choice",
    l("HScore : tous les items connus", "HScore: all items known"),
    (c) => yesNo(c.hscore?.complete),
    { options: YES_NO },
  ),
  col(
    "hscore_probability_min_pct",
    "decimal",
    l(`HScore : probabilité minimale${PCT.fr}`, `HScore: lowest probability${PCT.en}`),
    (c) => num(c.hscore?.probability?.min?.percent),
    { unit: "%" },
  ),
  col(
    "hscore_probability_max_pct",
    "decimal",
    l(`HScore : probabilité maximale${PCT.fr}`, `HScore: highest probability${PCT.en}`),
    (c) => num(c.hscore?.probability?.max?.percent),
    { unit: "%" },
  ),
  col("hscore_ge_169", "choice", l("HScore ≥ 169", "HScore ≥ 169"), (c) => text(c.hscore?.atLeast169), {
    options: [
      opt("certain", "certain", "certain"),
      opt("impossible", "impossible", "impossible"),
      opt("undetermined", "indéterminé", "undetermined"),
    ],
  }),
  col("hlh_2004_met", "integer", l("HLH-2004 : critères remplis (/8)", "HLH-2004: criteria met (/8)"), (c) =>
    num(c.hlh_2004?.metCount),
  ),
  col("hlh_2004_unknown", "integer", l("HLH-2004 : critères indéterminés", "HLH-2004: unknown criteria"), (c) =>
    num(c.hlh_2004?.unknownCount),
  ),
  col(
    "hlh_2004_fulfilled",
    "choice",
    l("HLH-2004 : ≥ 5 critères", "HLH-2004: ≥ 5 criteria"),
    (c) => text(c.hlh_2004?.fulfilled),
    {
      options: [opt("yes", "oui", "yes"), opt("no", "non", "no"), opt("undetermined", "indéterminé", "undetermined")],
    },
  ),
  col(
    "mas_2016_result",
    "choice",
    l("Critères SAM 2016 (informatif)", "2016 MAS criteria (informative)"),
    (c) => text(c.mas_2016?.result),
    { options: CRITERION },
  ),
];

/** The computed columns, after the fields. */
export function computedColumns(): readonly Column<ExportCase>[] {
  return COLUMNS;
}

/**
 * The stored computed values when they look complete, else recomputed from
 * the answers (a case saved before Case.computed existed).
 */
export function computedOf(stored: unknown, answers: CaseAnswers, birthDate: string): ComputedResults {
  const s = stored as Partial<ComputedResults> | null | undefined;
  if (s && typeof s === "object" && s.hscore && s.eular_acr_2017 && s.hlh_2004 && s.mas_2016 && "age_at_sam" in s)
    return s as ComputedResults;
  return computeResults(answers, birthDate);
}
