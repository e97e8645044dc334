// The exports' column model arranged as CDISC ODM 1.3.2 metadata: one study
// event, one FormDef per section (plus the computed values), an ItemGroupDef
// for each section's fields, a repeating ItemGroupDef per block, ItemDefs with
// their DataType, MeasurementUnit and CodeList. OIDs are stable: IT.<field>,
// IT.<block>.<field>, IT.<field>__missing, CL.<field>, MU.<unit>.
import { CRF } from "../crf/definition";
import { YES_NO } from "../crf/labels";
import { isBlock, type Localised, type OptionDef } from "../crf/types";
import type { Column, ColumnType, ExportBlockRow, ExportCase } from "./column-types";
import { blockColumns, caseColumns, CODE_OPTIONS, RECORD_ID } from "./columns";
import type { ExportOptions } from "./options";

export const STUDY_OID = "ST.DM-SAM";
export const EVENT_OID = "SE.DM-SAM";
export const MDV_OID = `MDV.${CRF.version}`;

export interface OdmItem<S> {
  readonly oid: string;
  readonly name: string;
  readonly column: Column<S>;
  readonly dataType: string;
  readonly codeListOid?: string;
  readonly unitOid?: string;
}

export interface OdmGroup<S> {
  readonly oid: string;
  readonly label: Localised;
  readonly repeating: boolean;
  readonly items: readonly OdmItem<S>[];
}

export interface OdmForm {
  readonly oid: string;
  readonly label: Localised;
  readonly groups: readonly OdmGroup<ExportCase>[];
  readonly blocks: readonly (OdmGroup<ExportBlockRow> & { readonly blockId: string })[];
}

export interface OdmCodeList {
  readonly oid: string;
  readonly name: string;
  readonly options: readonly OptionDef[];
}

export interface OdmModel {
  readonly forms: readonly OdmForm[];
  readonly codeLists: readonly OdmCodeList[];
  readonly units: readonly { readonly oid: string; readonly id: string; readonly label: string }[];
}

const DATA_TYPES: Readonly<Record<ColumnType, string>> = {
  text: "text",
  integer: "integer",
  decimal: "float",
  date: "date",
  partialDate: "partialDate",
  datetime: "datetime",
  choice: "text",
  multi: "text",
};

const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, "_");

/** Builds the model once per export (the options decide birth date or age). */
export function odmModel(options: ExportOptions): OdmModel {
  const codeLists = new Map<readonly OptionDef[], OdmCodeList>([
    [YES_NO, { oid: "CL.YES_NO", name: "yes_no", options: YES_NO }],
    [CODE_OPTIONS, { oid: "CL.MISSING", name: "missing_codes", options: CODE_OPTIONS }],
  ]);
  const units = new Map<string, { oid: string; id: string; label: string }>();

  function item<S>(column: Column<S>, prefix: string): OdmItem<S> {
    // OIDs stay those of the definition's ids (IT.<field>, IT.<field>__missing); Name is the exported column's name.
    const key =
      column.kind === "value"
        ? column.fieldId!
        : column.kind === "missing"
          ? `${column.fieldId!}__missing`
          : column.name;
    const oid = `IT.${prefix}${key}`;
    let codeListOid: string | undefined;
    if (column.options) {
      if (!codeLists.has(column.options))
        codeLists.set(column.options, { oid: `CL.${prefix}${key}`, name: key, options: column.options });
      codeListOid = codeLists.get(column.options)!.oid;
    }
    let unitOid: string | undefined;
    if (column.unit) {
      unitOid = `MU.${safe(column.unit.id)}`;
      if (!units.has(unitOid)) units.set(unitOid, { oid: unitOid, id: column.unit.id, label: column.unit.label });
    }
    return {
      oid,
      name: column.name,
      column,
      dataType: DATA_TYPES[column.type],
      ...(codeListOid ? { codeListOid } : {}),
      ...(unitOid ? { unitOid } : {}),
    };
  }

  const all = caseColumns(options);
  const forms: OdmForm[] = [];
  for (const section of CRF.sections) {
    const ids = new Set(section.items.filter((it) => !isBlock(it)).map((it) => it.id));
    const columns = all.filter((c) => (c.kind === "value" || c.kind === "missing") && ids.has(c.fieldId!));
    const groups: OdmGroup<ExportCase>[] = [];
    if (section.id === "identification") {
      const keys = all.filter((c) => c.kind === "key" && c.name !== RECORD_ID);
      groups.push({
        oid: "IG.key",
        label: { fr: "Clé pseudonymisée", en: "Pseudonymised key" },
        repeating: false,
        items: keys.map((c) => item(c, "")),
      });
    }
    groups.push({
      oid: `IG.${section.id}`,
      label: section.label,
      repeating: false,
      items: columns.map((c) => item(c, "")),
    });
    const blocks = section.items.filter(isBlock).map((b) => ({
      oid: `IG.${b.id}`,
      blockId: b.id,
      label: b.label,
      repeating: true,
      items: blockColumns(b.id)
        .filter((c) => c.kind !== "row" || c.name === "row_id")
        .map((c) => item(c, `${b.id}.`)),
    }));
    forms.push({ oid: `F.${section.id}`, label: section.label, groups, blocks });
  }
  const computed = all.filter((c) => c.kind === "computed");
  forms.push({
    oid: "F.computed",
    label: { fr: "Valeurs calculées", en: "Computed values" },
    groups: [
      {
        oid: "IG.computed",
        label: { fr: "Valeurs calculées", en: "Computed values" },
        repeating: false,
        items: computed.map((c) => item(c, "")),
      },
    ],
    blocks: [],
  });
  return { forms, codeLists: [...codeLists.values()], units: [...units.values()] };
}

/** Every ItemDef of the model (each OID once). */
export function odmItems(model: OdmModel): OdmItem<unknown>[] {
  const seen = new Map<string, OdmItem<unknown>>();
  for (const f of model.forms)
    for (const g of [...f.groups, ...f.blocks])
      for (const i of g.items) if (!seen.has(i.oid)) seen.set(i.oid, i as OdmItem<unknown>);
  return [...seen.values()];
}
