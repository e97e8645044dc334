export {
  ADMISSIBLE_HEIGHT_CM,
  ADMISSIBLE_WEIGHT_KG,
  DOSE_UNITS,
  DOSE_UNIT_IDS,
  areConvertible,
  conversionFactor,
  doseUnitLabel,
  isDoseUnitId,
  mgUnitOf,
  measuresNeeded,
  type BodyMeasure,
  type DoseAmount,
  type DoseNormalisation,
  type DosePeriod,
  type DoseQuantity,
  type DoseUnit,
  type DoseUnitId,
} from "./units";
export {
  DRUGS,
  DRUG_IDS,
  drugLabel,
  drugOptions,
  entryUnitsOf,
  findDrug,
  isDrugId,
  type DoseLimit,
  type DoseRanges,
  type Drug,
  type DrugId,
  type DrugOption,
} from "./drugs";
export { patientMeasures, type PatientMeasures } from "./measures";
export {
  DOSE_ISSUE_KEYS,
  checkDose,
  type DoseBaseParams,
  type DoseCheck,
  type DoseConversion,
  type DoseInput,
  type DoseIssue,
  type DoseIssueKey,
  type DoseLevel,
  type DoseLimitParams,
  type MissingMeasureParam,
  type NormalisedDose,
} from "./dose-check";
export { doseRangesIn, type DoseInterval, type DoseRangesInUnit, type DoseRangesQuery } from "./dose-ranges";
export { doseMessages } from "./dose.messages";
export { doseMessageKey, localiseDoseParams, type LocalisedDoseParams } from "./localise";
