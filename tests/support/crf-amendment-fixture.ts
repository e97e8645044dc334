// A sample amendment of the form, for tests only (the live form is not
// amended): version 2026-12-1 adds the anti-MDA5 titre and recodes
// "low_activity" of the DM status at last follow-up as "minimal_activity".
// The derived definition is what the form would be after it.
import { CRF } from "@/domain/crf/definition";
import { l } from "@/domain/crf/labels";
import type { BlockDef, CrfDefinition, FieldDef } from "@/domain/crf/types";
import type { Amendment } from "@/domain/crf/versions/types";

export const FROM_VERSION = CRF.version;
export const TO_VERSION = "2026-12-1";

const titre: FieldDef = {
  id: "anti_mda5_titre",
  type: "number",
  label: l("Titre des anticorps anti-MDA5 (ELISA)", "Anti-MDA5 antibody titre (ELISA)"),
  showIf: { field: "anti_mda5", equals: "positive" },
  unit: { id: "u_ml", label: l("U/mL", "U/mL"), factor: 1 },
  hard: { min: 0, max: 10000 },
};

function amend(item: FieldDef | BlockDef): (FieldDef | BlockDef)[] {
  if (item.id === "anti_mda5") return [item, titre];
  if (item.id === "dm_status_last" && item.type === "choice") {
    return [
      {
        ...item,
        options: item.options.map((o) =>
          o.value === "low_activity"
            ? { value: "minimal_activity", label: l("Activité minime", "Minimal activity") }
            : o,
        ),
      },
    ];
  }
  return [item];
}

export const AMENDED_CRF: CrfDefinition = {
  ...CRF,
  version: TO_VERSION,
  sections: CRF.sections.map((s) => ({ ...s, items: s.items.flatMap(amend) })),
};

export const SAMPLE_AMENDMENT: Amendment = {
  from: FROM_VERSION,
  to: TO_VERSION,
  date: "2026-12-01",
  summary: l(
    "Amendement 1 : titre des anti-MDA5 ; « faible activité » devient « activité minime ».",
    "Amendment 1: anti-MDA5 titre; “low activity” becomes “minimal activity”.",
  ),
  operations: [
    { op: "addField", field: "anti_mda5_titre" },
    { op: "recodeOptions", field: "dm_status_last", map: { low_activity: "minimal_activity" } },
  ],
};

export const SAMPLE_CHAIN: readonly Amendment[] = [SAMPLE_AMENDMENT];
