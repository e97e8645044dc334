// The study's case report form, assembled from its sections, with lookups
// derived once. Immutable: nothing at run time writes into it.
import { dm } from "./sections/dm";
import { identification } from "./sections/identification";
import { mas } from "./sections/mas";
import { outcome } from "./sections/outcome";
import { treatment } from "./sections/treatment";
import { isBlock, type BlockDef, type ComputedDef, type CrfDefinition, type FieldDef, type Localised, type SectionId } from "./types";
import { l } from "./labels";

const computed: readonly ComputedDef[] = [
  { id: "age_at_dm_diag", section: "dm", unit: "years", label: l("Âge au diagnostic de DM", "Age at DM diagnosis"), formula: l("date du diagnostic de DM − date de naissance (< 18 ans : DM juvénile)", "DM diagnosis date − birth date (< 18 years: juvenile DM)") },
  { id: "bsa_m2", section: "dm", unit: "m²", label: l("Surface corporelle", "Body surface area"), formula: l("Mosteller : √(taille cm × poids kg / 3600)", "Mosteller: √(height cm × weight kg / 3600)") },
  { id: "eular_acr_2017", section: "dm", label: l("Critères EULAR/ACR 2017 (score, probabilité, classe)", "2017 EULAR/ACR criteria (score, probability, class)"), formula: l("Lundberg et al. 2017 ; probabilité 1/(1+exp(5,33−score)) sans biopsie, 1/(1+exp(6,49−score)) avec", "Lundberg et al. 2017; probability 1/(1+exp(5.33−score)) without biopsy, 1/(1+exp(6.49−score)) with") },
  { id: "delay_dm_diag_to_sam_days", section: "mas", unit: "days", label: l("Délai diagnostic de DM → SAM", "Delay DM diagnosis → MAS"), formula: l("date du SAM − date du diagnostic de DM (négatif : SAM révélateur)", "MAS date − DM diagnosis date (negative: MAS revealing the DM)") },
  { id: "hscore", section: "mas", label: l("HScore (points, probabilité de SAM)", "HScore (points, probability of HLH)"), formula: l("Fardet et al. 2014 ; intervalle min–max tant que des items manquent", "Fardet et al. 2014; a min–max range while items are missing") },
  { id: "hlh_2004", section: "mas", label: l("Critères HLH-2004 (n/8)", "HLH-2004 criteria (n/8)"), formula: l("Henter et al. 2007 ; ≥ 5 critères", "Henter et al. 2007; ≥ 5 criteria") },
  { id: "mas_2016", section: "mas", label: l("Critères SAM 2016 EULAR/ACR/PRINTO", "2016 EULAR/ACR/PRINTO MAS criteria"), formula: l("Ravelli et al. 2016 (informatif)", "Ravelli et al. 2016 (informative)") },
  { id: "followup_days", section: "outcome", unit: "days", label: l("Durée de suivi après le SAM", "Follow-up after MAS"), formula: l("dernières nouvelles − date du SAM", "last follow-up − MAS date") },
];

export const CRF: CrfDefinition = {
  version: "2026-11-1",
  sections: [identification, dm, mas, treatment, outcome],
  computed,
};

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
export const sectionOfField = (id: string): SectionId | undefined => INDEX.fields.get(id)?.section;
export const blockById = (id: string): BlockDef | undefined => INDEX.blocks.get(id)?.block;
export const TOP_LEVEL_FIELDS: readonly FieldDef[] = [...INDEX.fields.values()].map((l) => l.field);
export const BLOCKS: readonly BlockDef[] = [...INDEX.blocks.values()].map((b) => b.block);

/** A field's label, for messages; row fields included, the key's birth date too. */
export function labelOf(id: string): Localised {
  if (id === "birth_date") return l("Date de naissance", "Date of birth");
  return INDEX.fields.get(id)?.field.label ?? INDEX.rowFields.get(id)?.label ?? l(id, id);
}
