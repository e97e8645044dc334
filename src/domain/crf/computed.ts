// Everything the form computes from the answers (spec §2, §3, §6): ages,
// delays, body-surface area and the four scores. Recomputed on every change
// and stored with the record.
import {
  ageInYears,
  bsaMosteller,
  computeEularAcr2017,
  computeHlh2004,
  computeHScore,
  computeMas2016,
  daysBetween,
  type EularAcrResult,
  type Hlh2004Result,
  type HScoreResult,
  type Mas2016Result,
  type Maybe,
} from "../scores";
import { listOf, numberOf, stringOf, type CaseAnswers, type FieldAnswer } from "./answers";
import { parsePartialDate } from "./partial-dates";

/** Completed years, inclusive bounds: a partial date may straddle a birthday. */
export interface AgeRange {
  readonly min: number;
  readonly max: number;
}

export interface ComputedResults {
  /** Exact age, or null when the date is unknown or a partial date straddles a birthday (see the range). */
  readonly age_at_dm_onset: number | null;
  readonly age_at_dm_onset_range: AgeRange | null;
  readonly age_at_dm_diag: number | null;
  readonly age_at_dm_diag_range: AgeRange | null;
  /** Diagnosis before 18: null only when the age range straddles 18. */
  readonly juvenile_dm: boolean | null;
  readonly age_at_sam: number | null;
  readonly bsa_m2: number | null;
  /** Negative when MAS revealed the DM. */
  readonly delay_dm_diag_to_sam_days: number | null;
  readonly delay_cancer_to_dm_diag_days: number | null;
  /** Cancer within ±3 years of the DM diagnosis. */
  readonly paraneoplastic_window: boolean | null;
  readonly followup_days: number | null;
  readonly eular_acr_2017: EularAcrResult;
  readonly hscore: HScoreResult;
  readonly hlh_2004: Hlh2004Result;
  readonly mas_2016: Mas2016Result;
}

/** yes → true, no → false, a missing-data code stays unknown. */
function yesNo(a: FieldAnswer | undefined, yes = "yes", no = "no"): Maybe<boolean> {
  if (!a) return undefined;
  if (a.code) return a.code;
  if (a.v === yes) return true;
  if (a.v === no) return false;
  return "ND";
}

function num(a: FieldAnswer | undefined): Maybe<number> {
  if (!a) return undefined;
  if (a.code) return a.code;
  return numberOf(a);
}

/** A day-precise date, or null when only the month or year is known. */
function day(a: FieldAnswer | undefined): string | null {
  const v = stringOf(a);
  return v && parsePartialDate(v)?.precision === "day" ? v : null;
}

/**
 * The ages a possibly partial date allows: "2016" for someone born on
 * 1964-02-03 is 51 or 52. A year or month that contains the birth itself
 * starts at 0. Null when the date is unknown or wholly before the birth.
 */
export function ageRangeAt(birthDate: string, a: FieldAnswer | undefined): AgeRange | null {
  const d = parsePartialDate(stringOf(a) ?? "");
  if (!d) return null;
  const max = ageInYears(birthDate, d.latest);
  if (max === null) return null;
  return { min: ageInYears(birthDate, d.earliest) ?? 0, max };
}

const exact = (r: AgeRange | null): number | null => (r !== null && r.min === r.max ? r.min : null);

/** Below 18 for every possible age, for none, or unknown. */
function juvenile(r: AgeRange | null): boolean | null {
  if (r === null) return null;
  if (r.max < 18) return true;
  if (r.min >= 18) return false;
  return null;
}

export function computeResults(answers: CaseAnswers, birthDate: string): ComputedResults {
  const f = answers.fields;
  const ageOnset = ageRangeAt(birthDate, f.dm_onset_date);
  const ageDiag = ageRangeAt(birthDate, f.dm_diag_date);
  const samDay = day(f.sam_date);
  const diagDay = day(f.dm_diag_date);
  const cancerDay = day(f.cancer_date);
  const cancerDelay = cancerDay && diagDay ? daysBetween(cancerDay, diagDay) : null;
  const haemo = f.haemophagocytosis;
  const sites = listOf(f.haemophagocytosis_site);
  // "Not searched" is an examination not done: 0 points, said as such (not an unknown item).
  const boneMarrow: Maybe<boolean> | "not_searched" =
    haemo?.v === "yes"
      ? sites
        ? sites.includes("bone_marrow")
        : "ND"
      : haemo?.v === "no"
        ? false
        : haemo?.v === "not_searched"
          ? "not_searched"
          : (haemo?.code ?? (haemo ? "ND" : undefined));
  const temp = num(f.temp_max);

  return {
    age_at_dm_onset: exact(ageOnset),
    age_at_dm_onset_range: ageOnset,
    age_at_dm_diag: exact(ageDiag),
    age_at_dm_diag_range: ageDiag,
    juvenile_dm: juvenile(ageDiag),
    age_at_sam: samDay ? ageInYears(birthDate, samDay) : null,
    bsa_m2: bsaMosteller(numberOf(f.height_cm) ?? null, numberOf(f.weight_kg) ?? null),
    delay_dm_diag_to_sam_days: samDay && diagDay ? daysBetween(diagDay, samDay) : null,
    delay_cancer_to_dm_diag_days: cancerDelay,
    paraneoplastic_window: cancerDelay === null ? null : Math.abs(cancerDelay) <= 3 * 365.25,
    followup_days: samDay && day(f.last_followup_date) ? daysBetween(samDay, day(f.last_followup_date)!) : null,
    eular_acr_2017: computeEularAcr2017({
      ageAtOnsetYears: ageOnset ?? undefined,
      biopsyDone: yesNo(f.biopsy_done),
      proximalWeaknessUpper: yesNo(f.proximal_weakness_upper),
      proximalWeaknessLower: yesNo(f.proximal_weakness_lower),
      neckFlexorsWeakerThanExtensors: yesNo(f.neck_flexor_weaker_than_extensor),
      legsProximalWeakerThanDistal: yesNo(f.legs_proximal_weaker_than_distal),
      heliotropeRash: yesNo(f.heliotrope_rash),
      gottronPapules: yesNo(f.gottron_papules),
      gottronSign: yesNo(f.gottron_sign),
      dysphagia: yesNo(f.dysphagia),
      antiJo1: yesNo(f.anti_jo1, "positive", "negative"),
      elevatedMuscleEnzymes: yesNo(f.muscle_enzymes_elevated),
      endomysialInfiltrate: yesNo(f.biopsy_endomysial_infiltrate),
      perimysialPerivascularInfiltrate: yesNo(f.biopsy_perimysial_perivascular_infiltrate),
      perifascicularAtrophy: yesNo(f.biopsy_perifascicular_atrophy),
      rimmedVacuoles: yesNo(f.biopsy_rimmed_vacuoles),
    }),
    hscore: computeHScore({
      knownImmunosuppression: yesNo(f.known_immunosuppression),
      temperatureC: temp,
      hepatomegaly: yesNo(f.hepatomegaly),
      splenomegaly: yesNo(f.splenomegaly),
      haemoglobinGdl: num(f.haemoglobin),
      leukocytesGl: num(f.leukocytes),
      plateletsGl: num(f.platelets),
      ferritinUgl: num(f.ferritin),
      triglyceridesMmoll: num(f.triglycerides),
      fibrinogenGl: num(f.fibrinogen),
      astIul: num(f.ast),
      boneMarrowHaemophagocytosis: boneMarrow,
    }),
    hlh_2004: computeHlh2004({
      temperatureC: temp,
      splenomegaly: yesNo(f.splenomegaly),
      haemoglobinGdl: num(f.haemoglobin),
      plateletsGl: num(f.platelets),
      neutrophilsGl: num(f.neutrophils),
      triglyceridesMmoll: num(f.triglycerides),
      fibrinogenGl: num(f.fibrinogen),
      haemophagocytosis: yesNo(haemo, "yes", "no"),
      nkActivityLow: yesNo(f.nk_activity_low),
      ferritinUgl: num(f.ferritin),
      solubleCd25Uml: num(f.scd25),
    }),
    // "Febrile patient": a maximal temperature of 38 °C or more.
    mas_2016: computeMas2016({
      febrile: typeof temp === "number" ? temp >= 38 : temp,
      ferritinUgl: num(f.ferritin),
      plateletsGl: num(f.platelets),
      astIul: num(f.ast),
      triglyceridesMmoll: num(f.triglycerides),
      fibrinogenGl: num(f.fibrinogen),
    }),
  };
}
