export {
  allOf,
  anyOf,
  atLeast,
  criterionOf,
  criterionOfBoolean,
  isKnown,
  knownOrUndefined,
  type Criterion,
  type Maybe,
  type MissingCode,
} from "./tri-state";
export { compareDecimal, roundTo } from "./decimal";
export {
  EULAR_ACR_BIOPSY_ITEMS,
  EULAR_ACR_CLINICAL_ITEMS,
  EULAR_ACR_CUT_OFFS,
  computeEularAcr2017,
  eularAcrClass,
  eularAcrProbability,
  type AgeYears,
  type EularAcrBiopsyItem,
  type EularAcrClass,
  type EularAcrClinicalItem,
  type EularAcrEstimate,
  type EularAcrInput,
  type EularAcrItem,
  type EularAcrItemPoints,
  type EularAcrModel,
  type EularAcrResult,
  type EularAcrSubgroup,
} from "./eular-acr-2017";
export {
  HSCORE_BEST_CUT_OFF,
  computeHScore,
  hscoreProbability,
  type CutOffStatus,
  type HlhProbability,
  type HScoreInput,
  type HScoreItem,
  type HScoreItemPoints,
  type HScoreResult,
  type ScoreRange,
} from "./hscore";
export {
  HLH_2004_REQUIRED,
  computeHlh2004,
  type Hlh2004CriterionName,
  type Hlh2004Fulfilled,
  type Hlh2004Input,
  type Hlh2004Result,
} from "./hlh-2004";
export { computeMas2016, type Mas2016Input, type Mas2016LabName, type Mas2016Result } from "./mas-2016";
export { ageInYears, bsaMosteller, daysBetween, parseIsoDate, type CalendarDate } from "./anthropometry";
