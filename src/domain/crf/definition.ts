// The study's case report form, assembled from its sections, with lookups
// derived once. Immutable: nothing at run time writes into it.
import { dm } from "./sections/dm";
import { identification } from "./sections/identification";
import { mas } from "./sections/mas";
import { outcome } from "./sections/outcome";
import { treatment } from "./sections/treatment";
import {
  isBlock,
  type BlockDef,
  type ComputedDef,
  type CrfDefinition,
  type FieldDef,
  type Localised,
  type SectionId,
} from "./types";
import { l } from "./labels";

const computed: readonly ComputedDef[] = [
  {
    id: "age_at_dm_onset",
    section: "dm",
    unit: "years",
    label: l("Âge aux premiers signes de DM", "Age at DM onset"),
    formula: l(
      "date des premiers signes − date de naissance, en années révolues ; date partielle : vide si elle couvre un anniversaire (intervalle des âges possibles, dont le critère d'âge EULAR/ACR se sert quand tout l'intervalle est dans une même tranche)",
      "first-symptom date − birth date, in completed years; partial date: empty when it spans a birthday (range of possible ages, which the EULAR/ACR age item uses when the whole range is in one band)",
    ),
  },
  {
    id: "age_at_dm_diag",
    section: "dm",
    unit: "years",
    label: l("Âge au diagnostic de DM", "Age at DM diagnosis"),
    formula: l(
      "date du diagnostic de DM − date de naissance, en années révolues (date partielle : comme l'âge aux premiers signes)",
      "DM diagnosis date − birth date, in completed years (partial date: as for the age at onset)",
    ),
  },
  {
    id: "juvenile_dm",
    section: "dm",
    label: l("DM juvénile (< 18 ans au diagnostic)", "Juvenile DM (< 18 at diagnosis)"),
    formula: l(
      "âge au diagnostic de DM < 18 ans ; indéterminé si une date partielle laisse 17 et 18 ans possibles",
      "age at DM diagnosis < 18 years; undetermined when a partial date leaves both 17 and 18 possible",
    ),
  },
  {
    id: "bsa_m2",
    section: "dm",
    unit: "m²",
    label: l("Surface corporelle", "Body surface area"),
    formula: l("Mosteller : √(taille cm × poids kg / 3600)", "Mosteller: √(height cm × weight kg / 3600)"),
  },
  {
    id: "eular_acr_2017",
    section: "dm",
    label: l(
      "Critères EULAR/ACR 2017 (score, probabilité, classe)",
      "2017 EULAR/ACR criteria (score, probability, class)",
    ),
    formula: l(
      "Lundberg et al. 2017 ; probabilité 1/(1+exp(5,33−score)) sans biopsie, 1/(1+exp(6,49−score)) avec ; classe aux seuils de score publiés : sans biopsie possible ≥ 5,3, probable ≥ 5,5, certaine ≥ 7,5 ; avec biopsie ≥ 6,5, ≥ 6,7, ≥ 8,7 ; intervalle min–max tant que des items manquent",
      "Lundberg et al. 2017; probability 1/(1+exp(5.33−score)) without biopsy, 1/(1+exp(6.49−score)) with; class at the published score cut-offs: without biopsy possible ≥ 5.3, probable ≥ 5.5, definite ≥ 7.5; with biopsy ≥ 6.5, ≥ 6.7, ≥ 8.7; a min–max range while items are missing",
    ),
  },
  {
    id: "delay_cancer_to_dm_diag_days",
    section: "dm",
    unit: "days",
    label: l("Délai cancer → diagnostic de DM", "Delay cancer → DM diagnosis"),
    formula: l(
      "date du diagnostic de DM − date du cancer (négatif : cancer après la DM) ; dates au jour près",
      "DM diagnosis date − cancer date (negative: cancer after the DM); day-precise dates",
    ),
  },
  {
    id: "paraneoplastic_window",
    section: "dm",
    label: l("Cancer à ± 3 ans du diagnostic de DM", "Cancer within ± 3 years of DM diagnosis"),
    formula: l(
      "|délai cancer → diagnostic de DM| ≤ 3 × 365,25 jours (fenêtre paranéoplasique)",
      "|delay cancer → DM diagnosis| ≤ 3 × 365.25 days (paraneoplastic window)",
    ),
  },
  {
    id: "age_at_sam",
    section: "mas",
    unit: "years",
    label: l("Âge au diagnostic du SAM", "Age at MAS diagnosis"),
    formula: l(
      "date du SAM − date de naissance, en années révolues (< 18 ans : « cas juvénile » signalé)",
      'MAS date − birth date, in completed years (< 18: flagged "juvenile case")',
    ),
  },
  {
    id: "delay_dm_diag_to_sam_days",
    section: "mas",
    unit: "days",
    label: l("Délai diagnostic de DM → SAM", "Delay DM diagnosis → MAS"),
    formula: l(
      "date du SAM − date du diagnostic de DM (négatif : SAM révélateur)",
      "MAS date − DM diagnosis date (negative: MAS revealing the DM)",
    ),
  },
  {
    id: "hscore",
    section: "mas",
    label: l("HScore (points, probabilité de SAM)", "HScore (points, probability of HLH)"),
    formula: l(
      "Fardet et al. 2014 ; intervalle min–max tant que des items manquent",
      "Fardet et al. 2014; a min–max range while items are missing",
    ),
  },
  {
    id: "hlh_2004",
    section: "mas",
    label: l("Critères HLH-2004 (n/8)", "HLH-2004 criteria (n/8)"),
    formula: l("Henter et al. 2007 ; ≥ 5 critères", "Henter et al. 2007; ≥ 5 criteria"),
  },
  {
    id: "mas_2016",
    section: "mas",
    label: l("Critères SAM 2016 EULAR/ACR/PRINTO", "2016 EULAR/ACR/PRINTO MAS criteria"),
    formula: l("Ravelli et al. 2016 (informatif)", "Ravelli et al. 2016 (informative)"),
  },
  {
    id: "followup_days",
    section: "outcome",
    unit: "days",
    label: l("Durée de suivi après le SAM", "Follow-up after MAS"),
    formula: l(
      "date des dernières nouvelles − date du SAM ; dates au jour près",
      "last follow-up date − MAS date; day-precise dates",
    ),
  },
];

const SECTIONS = [identification, dm, mas, treatment, outcome] as const;

export const CRF: CrfDefinition = {
  version: "2026-11-1",
  sections: SECTIONS,
  computed,
};

// The definition's ids as types (issue #12): the sections are written `as const`,
// so a field id mistyped anywhere outside them fails the type check.
type Item = (typeof SECTIONS)[number]["items"][number];
/** A top-level field's id. */
export type FieldId = Exclude<Item, { type: "block" }>["id"];
/** A repeating block's id. */
export type BlockId = Extract<Item, { type: "block" }>["id"];
/** The id of a field of block B's rows. */
export type BlockFieldId<B extends BlockId = BlockId> = Extract<Item, { id: B }>["fields"][number]["id"];

/** A top-level field id, checked by the compiler: `fieldId("weight_kg")`. */
export const fieldId = <const I extends FieldId>(id: I): I => id;
/** A block id, checked by the compiler. */
export const blockId = <const I extends BlockId>(id: I): I => id;

export interface FieldLocation {
  readonly field: FieldDef;
  readonly section: SectionId;
  /** Set for a field of a repeating block's rows. */
  readonly block?: BlockDef;
}

function indexDefinition(def: CrfDefinition) {
  const fields = new Map<string, FieldLocation>();
  const blocks = new Map<string, { block: BlockDef; section: SectionId }>();
  const rowFields = new Map<string, FieldDef>();
  for (const section of def.sections) {
    for (const item of section.items) {
      if (isBlock(item)) {
        blocks.set(item.id, { block: item, section: section.id });
        for (const f of item.fields) rowFields.set(f.id, f);
      } else {
        fields.set(item.id, { field: item, section: section.id });
      }
    }
  }
  return { fields, blocks, rowFields };
}

const INDEX = indexDefinition(CRF);

/** Top-level fields by id. */
export const fieldById = (id: string): FieldDef | undefined => INDEX.fields.get(id)?.field;
export const blockById = (id: string): BlockDef | undefined => INDEX.blocks.get(id)?.block;
export const TOP_LEVEL_FIELDS: readonly FieldDef[] = [...INDEX.fields.values()].map((l) => l.field);
export const BLOCKS: readonly BlockDef[] = [...INDEX.blocks.values()].map((b) => b.block);

/** A field's label, for messages; row fields included, the key's birth date too. */
export function labelOf(id: string): Localised {
  if (id === "birth_date") return l("Date de naissance", "Date of birth");
  return INDEX.fields.get(id)?.field.label ?? INDEX.rowFields.get(id)?.label ?? l(id, id);
}
