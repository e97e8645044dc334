// The controlled drug list of CRF §5, shared by the MAS treatment lines (§4)
// and the DM treatments received before the MAS (§2 dm_treatments_before_sam).
// Anything not listed is "other" (specify), so that misspelled or non-existent
// drug names never enter the data as if they were known drugs.

import type { Locale } from "../locale";
import { DOSE_UNIT_IDS, WRITTEN_ALSO, deepFreeze, type DoseQuantity, type DoseUnitId } from "./units";

/**
 * A bound holds when the dose satisfies at least one of its alternatives
 * (rituximab: 375 mg/m² or 1000 mg); most bounds have a single one.
 */
export type DoseLimit = readonly [DoseQuantity, ...DoseQuantity[]];

/** Plausibility ranges of one drug. Every listed bound must hold (AND); `≤` and `≥` are inclusive. */
export interface DoseRanges {
  readonly usualMin: readonly DoseLimit[];
  readonly usualMax: readonly DoseLimit[];
  /**
   * Below: refused as a unit slip in the other direction (mg typed in a g
   * field, a dose in g typed as mg/1000…). Chosen per drug so that (a) the
   * lowest dose given in practice stays at least ten times above it and (b) a
   * usual dose divided by 1000 falls below it; each accepted unit has a bound
   * in its own basis, so the slip is refused even without weight and height.
   */
  readonly hardMin: readonly DoseLimit[];
  readonly hardMax: readonly DoseLimit[];
}

export interface Drug {
  readonly id: string;
  readonly labels: Readonly<Record<Locale, string>>;
  /** Units a dose of this drug may be entered in. */
  readonly units: readonly DoseUnitId[];
  /** null: no reference range, any dose is soft-flagged "no reference". */
  readonly ranges: DoseRanges | null;
}

const q = (value: number, unit: DoseUnitId): DoseQuantity => ({ value, unit });
const one = (value: number, unit: DoseUnitId): DoseLimit => [q(value, unit)];

function ranges(r: {
  usualMin?: DoseLimit[];
  usualMax?: DoseLimit[];
  hardMin: DoseLimit[];
  hardMax: DoseLimit[];
}): DoseRanges {
  return { usualMin: r.usualMin ?? [], usualMax: r.usualMax ?? [], hardMin: r.hardMin, hardMax: r.hardMax };
}

const DRUG_TABLE = [
  {
    id: "methylprednisolone_iv",
    labels: { fr: "Méthylprednisolone (bolus IV)", en: "Methylprednisolone (IV pulse)" },
    units: ["mg_day", "mg_kg_day"],
    ranges: ranges({
      usualMin: [one(250, "mg_day")],
      usualMax: [one(1000, "mg_day")],
      // 250 mg/day ÷ 100; per kg, the lowest IV dose in practice (0.5 mg/kg/day) ÷ 10,
      // above the largest pulse (30 mg/kg) ÷ 1000 = 0.03.
      hardMin: [one(2.5, "mg_day"), one(0.05, "mg_kg_day")],
      hardMax: [one(2000, "mg_day"), one(30, "mg_kg_day")],
    }),
  },
  {
    id: "prednisone",
    labels: { fr: "Prednisone / prednisolone", en: "Prednisone / prednisolone" },
    units: ["mg_day", "mg_kg_day"],
    ranges: ranges({
      usualMin: [one(0.2, "mg_kg_day")],
      usualMax: [one(1.5, "mg_kg_day")],
      // 0.2 mg/kg/day ÷ 100 (0.001 mg/kg/day is refused, 1 mg/day stays allowed up to 500 kg);
      // absolute: half of the smallest tablet (1 mg), for records without weight.
      hardMin: [one(0.002, "mg_kg_day"), one(0.5, "mg_day")],
      hardMax: [one(5, "mg_kg_day")],
    }),
  },
  {
    id: "dexamethasone",
    labels: { fr: "Dexaméthasone", en: "Dexamethasone" },
    units: ["mg_day", "mg_m2_day"],
    ranges: ranges({
      usualMin: [one(5, "mg_m2_day")],
      usualMax: [one(10, "mg_m2_day")],
      // 5 mg/m²/day ÷ 100; absolute: a fifth of the smallest tablet (0.5 mg), for records without height.
      hardMin: [one(0.05, "mg_m2_day"), one(0.1, "mg_day")],
      hardMax: [one(40, "mg_m2_day")],
    }),
  },
  {
    id: "ivig",
    labels: { fr: "Immunoglobulines intraveineuses", en: "Intravenous immunoglobulin" },
    units: ["g_kg_course"],
    // 1 g/kg ÷ 100 (a daily 0.4 g/kg entered for the whole course stays far above).
    ranges: ranges({
      usualMin: [one(1, "g_kg_course")],
      usualMax: [one(2, "g_kg_course")],
      hardMin: [one(0.01, "g_kg_course")],
      hardMax: [one(4, "g_kg_course")],
    }),
  },
  {
    id: "etoposide",
    labels: { fr: "Étoposide (VP-16)", en: "Etoposide (VP-16)" },
    units: ["mg_m2_dose"],
    // 50 mg/m² ÷ 100.
    ranges: ranges({
      usualMin: [one(50, "mg_m2_dose")],
      usualMax: [one(150, "mg_m2_dose")],
      hardMin: [one(0.5, "mg_m2_dose")],
      hardMax: [one(300, "mg_m2_dose")],
    }),
  },
  {
    id: "ciclosporin",
    labels: { fr: "Ciclosporine", en: "Ciclosporin" },
    units: ["mg_kg_day"],
    // 2 mg/kg/day ÷ 100.
    ranges: ranges({
      usualMin: [one(2, "mg_kg_day")],
      usualMax: [one(6, "mg_kg_day")],
      hardMin: [one(0.02, "mg_kg_day")],
      hardMax: [one(15, "mg_kg_day")],
    }),
  },
  {
    id: "tacrolimus",
    labels: { fr: "Tacrolimus", en: "Tacrolimus" },
    units: ["mg_kg_day"],
    // 0.05 mg/kg/day ÷ 100 (0.3 mg/kg/day ÷ 1000 = 0.0003 is below).
    ranges: ranges({
      usualMin: [one(0.05, "mg_kg_day")],
      usualMax: [one(0.3, "mg_kg_day")],
      hardMin: [one(0.0005, "mg_kg_day")],
      hardMax: [one(1, "mg_kg_day")],
    }),
  },
  {
    id: "anakinra",
    labels: { fr: "Anakinra", en: "Anakinra" },
    units: ["mg_day", "mg_kg_day"],
    ranges: ranges({
      usualMin: [one(100, "mg_day")],
      usualMax: [one(10, "mg_kg_day")],
      // The usual range spans 100 mg/day to 10 mg/kg/day (1500 mg at 150 kg), whose ÷ 1000 is 1.5 mg:
      // 2 mg/day; per kg, the smallest paediatric dose (1 mg/kg/day) ÷ 50, above 10 mg/kg ÷ 1000.
      hardMin: [one(2, "mg_day"), one(0.02, "mg_kg_day")],
      hardMax: [one(15, "mg_kg_day")],
    }),
  },
  {
    id: "tocilizumab",
    labels: { fr: "Tocilizumab", en: "Tocilizumab" },
    units: ["mg_kg_dose", "mg_dose"],
    // "8 mg/kg (max 800 mg)": an upper usual bound only; lower doses are not flagged.
    ranges: ranges({
      usualMax: [one(8, "mg_kg_dose"), one(800, "mg_dose")],
      // No usual minimum in the table: the lowest doses in use are 4 mg/kg IV and 162 mg SC,
      // each ÷ 100 (8 mg/kg ÷ 1000 and 800 mg ÷ 1000 fall below).
      hardMin: [one(0.04, "mg_kg_dose"), one(1.6, "mg_dose")],
      hardMax: [one(12, "mg_kg_dose")],
    }),
  },
  {
    id: "ruxolitinib",
    labels: { fr: "Ruxolitinib", en: "Ruxolitinib" },
    units: ["mg_day"],
    // 10 mg/day ÷ 100 (a child's 5 mg/day stays 50 times above).
    ranges: ranges({
      usualMin: [one(10, "mg_day")],
      usualMax: [one(40, "mg_day")],
      hardMin: [one(0.1, "mg_day")],
      hardMax: [one(100, "mg_day")],
    }),
  },
  {
    id: "tofacitinib",
    labels: { fr: "Tofacitinib", en: "Tofacitinib" },
    units: ["mg_day"],
    // 10 mg/day ÷ 100.
    ranges: ranges({
      usualMin: [one(10, "mg_day")],
      usualMax: [one(20, "mg_day")],
      hardMin: [one(0.1, "mg_day")],
      hardMax: [one(40, "mg_day")],
    }),
  },
  {
    id: "baricitinib",
    labels: { fr: "Baricitinib", en: "Baricitinib" },
    units: ["mg_day"],
    // 2 mg/day ÷ 100 (the renal 1 mg/day stays 50 times above).
    ranges: ranges({
      usualMin: [one(2, "mg_day")],
      usualMax: [one(4, "mg_day")],
      hardMin: [one(0.02, "mg_day")],
      hardMax: [one(8, "mg_day")],
    }),
  },
  {
    id: "emapalumab",
    labels: { fr: "Émapalumab", en: "Emapalumab" },
    units: ["mg_kg_dose"],
    // The usual range spans ×10, so 1 mg/kg ÷ 100 would equal 10 mg/kg ÷ 1000: 1 mg/kg ÷ 20 instead.
    ranges: ranges({
      usualMin: [one(1, "mg_kg_dose")],
      usualMax: [one(10, "mg_kg_dose")],
      hardMin: [one(0.05, "mg_kg_dose")],
      hardMax: [one(20, "mg_kg_dose")],
    }),
  },
  {
    id: "rituximab",
    labels: { fr: "Rituximab", en: "Rituximab" },
    units: ["mg_m2_dose", "mg_dose"],
    // "375 mg/m² or 1000 mg": usual up to whichever of the two schemes is larger.
    ranges: ranges({
      usualMax: [[q(375, "mg_m2_dose"), q(1000, "mg_dose")]],
      // No usual minimum in the table: each scheme ÷ 100, 3.75 mg/m² and 10 mg (low-dose
      // regimens of 100 mg stay ten times above). Both must hold, so that without weight and
      // height a 1 mg dose is still refused on the absolute bound.
      hardMin: [one(3.75, "mg_m2_dose"), one(10, "mg_dose")],
      hardMax: [one(2000, "mg_dose")],
    }),
  },
  {
    id: "cyclophosphamide_iv",
    labels: { fr: "Cyclophosphamide (IV)", en: "Cyclophosphamide (IV)" },
    units: ["mg_m2_dose", "mg_kg_dose"],
    ranges: ranges({
      usualMin: [one(500, "mg_m2_dose")],
      usualMax: [one(1000, "mg_m2_dose")],
      // 500 mg/m² ÷ 100; per kg, 0.1 mg/kg/dose: 500 mg/m² is 7 mg/kg or more up to 200 kg,
      // and 1000 mg/m² ÷ 1000 at most 0.05 mg/kg, children included.
      hardMin: [one(5, "mg_m2_dose"), one(0.1, "mg_kg_dose")],
      hardMax: [one(2000, "mg_m2_dose")],
    }),
  },
  {
    id: "methotrexate",
    labels: { fr: "Méthotrexate", en: "Methotrexate" },
    units: ["mg_week"],
    // 7.5 mg/week ÷ 100.
    ranges: ranges({
      usualMin: [one(7.5, "mg_week")],
      usualMax: [one(25, "mg_week")],
      hardMin: [one(0.075, "mg_week")],
      hardMax: [one(50, "mg_week")],
    }),
  },
  {
    id: "mycophenolate_mofetil",
    labels: { fr: "Mycophénolate mofétil", en: "Mycophenolate mofetil" },
    units: ["g_day"],
    // 1 g/day ÷ 100: 0.002 g/day (2 mg typed as g) is refused; a child's 0.6 g/day is not.
    ranges: ranges({
      usualMin: [one(1, "g_day")],
      usualMax: [one(3, "g_day")],
      hardMin: [one(0.01, "g_day")],
      hardMax: [one(4, "g_day")],
    }),
  },
  {
    id: "azathioprine",
    labels: { fr: "Azathioprine", en: "Azathioprine" },
    units: ["mg_kg_day"],
    // 1 mg/kg/day ÷ 100.
    ranges: ranges({
      usualMin: [one(1, "mg_kg_day")],
      usualMax: [one(3, "mg_kg_day")],
      hardMin: [one(0.01, "mg_kg_day")],
      hardMax: [one(5, "mg_kg_day")],
    }),
  },
  {
    id: "hydroxychloroquine",
    labels: { fr: "Hydroxychloroquine", en: "Hydroxychloroquine" },
    units: ["mg_day"],
    // 200 mg/day ÷ 100.
    ranges: ranges({
      usualMin: [one(200, "mg_day")],
      usualMax: [one(400, "mg_day"), one(5, "mg_kg_day")],
      hardMin: [one(2, "mg_day")],
      hardMax: [one(800, "mg_day")],
    }),
  },
  {
    id: "plasma_exchange",
    labels: { fr: "Échanges plasmatiques", en: "Plasma exchange" },
    units: ["sessions"],
    // A count: fewer than one session is not a treatment.
    ranges: ranges({
      usualMin: [one(1, "sessions")],
      usualMax: [one(15, "sessions")],
      hardMin: [one(1, "sessions")],
      hardMax: [one(40, "sessions")],
    }),
  },
  {
    id: "ciclosporin_iv",
    labels: { fr: "Ciclosporine intraveineuse", en: "Intravenous ciclosporin" },
    units: DOSE_UNIT_IDS,
    ranges: null,
  },
  {
    id: "alemtuzumab",
    labels: { fr: "Alemtuzumab", en: "Alemtuzumab" },
    units: DOSE_UNIT_IDS,
    ranges: null,
  },
  {
    id: "other",
    labels: { fr: "Autre (préciser)", en: "Other (specify)" },
    units: DOSE_UNIT_IDS,
    ranges: null,
  },
] as const satisfies readonly Drug[];

export type DrugId = (typeof DRUG_TABLE)[number]["id"];

/** The controlled list, in the order of the CRF table with "other" last. */
export const DRUGS: readonly (Drug & { readonly id: DrugId })[] = deepFreeze(DRUG_TABLE);

export const DRUG_IDS: readonly DrugId[] = DRUGS.map((d) => d.id);

const BY_ID: ReadonlyMap<string, Drug> = new Map(DRUGS.map((d) => [d.id, d]));

export function isDrugId(value: unknown): value is DrugId {
  return typeof value === "string" && BY_ID.has(value);
}

/**
 * The units a dose of the drug may be typed in: its own, and the µg or g form
 * of its mg units (20 µg/kg/day), converted on entry by the dose check.
 */
export function entryUnitsOf(drug: Drug): readonly DoseUnitId[] {
  return [...new Set([...drug.units, ...drug.units.flatMap((u) => WRITTEN_ALSO[u] ?? [])])];
}

/** The drug, or undefined for an id outside the controlled list. */
export function findDrug(id: string): Drug | undefined {
  return BY_ID.get(id);
}

export function drugLabel(id: DrugId, locale: Locale): string {
  return BY_ID.get(id)?.labels[locale] ?? id;
}

export interface DrugOption {
  readonly id: DrugId;
  readonly labels: Readonly<Record<Locale, string>>;
}

/**
 * Options for a drug select, in the order of the CRF table with "other" last.
 * With a locale, each option also carries its `label` in that language.
 */
export function drugOptions(): readonly DrugOption[];
export function drugOptions(locale: Locale): readonly (DrugOption & { readonly label: string })[];
export function drugOptions(locale?: Locale): readonly (DrugOption & { readonly label?: string })[] {
  return DRUGS.map((d) =>
    locale ? { id: d.id, labels: d.labels, label: d.labels[locale] } : { id: d.id, labels: d.labels },
  );
}
