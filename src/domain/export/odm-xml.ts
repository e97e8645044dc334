// CDISC ODM 1.3.2 XML, written in pieces so that the server streams it: the
// head (ODM root, Study with GlobalVariables, BasicDefinitions and
// MetaDataVersion, AdminData with the centres, ClinicalData opened), one
// SubjectData per case, then the tail.
import { CRF } from "../crf/definition";
import type { Localised } from "../crf/types";
import { formatNumber } from "./cells";
import { blockRowsOf, type ExportCase } from "./columns";
import { EVENT_OID, MDV_OID, odmItems, STUDY_OID, type OdmGroup, type OdmItem, type OdmModel } from "./odm-model";
import { close, el, open, textEl } from "./xml";

export const ODM_NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";

const translated = (t: Localised): string =>
  textEl("TranslatedText", t.fr, { "xml:lang": "fr" }) + textEl("TranslatedText", t.en, { "xml:lang": "en" });

function rangeChecks(item: OdmItem<unknown>): string {
  const f = item.column.field;
  if (item.column.kind !== "value" || f?.type !== "number") return "";
  const checks: string[] = [];
  const add = (comparator: "GE" | "LE", value: number | undefined, softHard: "Soft" | "Hard") => {
    if (value !== undefined)
      checks.push(
        el("RangeCheck", { Comparator: comparator, SoftHard: softHard }, textEl("CheckValue", formatNumber(value))),
      );
  };
  add("GE", f.hard.min, "Hard");
  add("LE", f.hard.max, "Hard");
  add("GE", f.soft?.min, "Soft");
  add("LE", f.soft?.max, "Soft");
  return checks.join("");
}

function itemDef(item: OdmItem<unknown>): string {
  const f = item.column.field;
  const multi = item.column.type === "multi";
  const length = item.column.kind === "value" && f?.type === "text" ? f.maxLength : undefined;
  const origin = item.column.kind === "computed" ? "Derived" : undefined;
  const inner =
    el("Question", {}, translated(item.column.label)) +
    (item.unitOid ? el("MeasurementUnitRef", { MeasurementUnitOID: item.unitOid }) : "") +
    rangeChecks(item) +
    (item.codeListOid && !multi ? el("CodeListRef", { CodeListOID: item.codeListOid }) : "");
  // A CodeListRef would require every Value to be one CodedValue: a multiple choice names its list instead.
  const comment = multi
    ? `Multiple choice: the coded values chosen (CodeList ${item.codeListOid ?? ""}), joined with |`
    : undefined;
  return el(
    "ItemDef",
    { OID: item.oid, Name: item.name, DataType: item.dataType, Length: length, Origin: origin, Comment: comment },
    inner,
  );
}

function groupDef(group: OdmGroup<unknown>): string {
  const refs = group.items
    .map((i, n) =>
      el("ItemRef", {
        ItemOID: i.oid,
        OrderNumber: n + 1,
        Mandatory:
          i.column.kind === "key" ||
          (i.column.kind === "value" && (i.column.field?.required ?? true) && !i.column.field?.showIf)
            ? "Yes"
            : "No",
      }),
    )
    .join("");
  return el(
    "ItemGroupDef",
    { OID: group.oid, Name: group.label.en, Repeating: group.repeating ? "Yes" : "No" },
    el("Description", {}, translated(group.label)) + refs,
  );
}

/** The study's metadata: everything derived from the definition. */
export function odmStudy(model: OdmModel): string {
  const formRefs = model.forms
    .map((f, i) => el("FormRef", { FormOID: f.oid, OrderNumber: i + 1, Mandatory: "Yes" }))
    .join("");
  const forms = model.forms
    .map((f) => {
      const refs = [...f.groups, ...f.blocks]
        .map((g, i) =>
          el("ItemGroupRef", { ItemGroupOID: g.oid, OrderNumber: i + 1, Mandatory: g.repeating ? "No" : "Yes" }),
        )
        .join("");
      return el(
        "FormDef",
        { OID: f.oid, Name: f.label.en, Repeating: "No" },
        el("Description", {}, translated(f.label)) + refs,
      );
    })
    .join("");
  const groups = model.forms
    .flatMap((f) => [...f.groups, ...f.blocks])
    .map((g) => groupDef(g as OdmGroup<unknown>))
    .join("");
  const items = odmItems(model).map(itemDef).join("");
  const codeLists = model.codeLists
    .map((cl) =>
      el(
        "CodeList",
        { OID: cl.oid, Name: cl.name, DataType: "text" },
        cl.options
          .map((o) => el("CodeListItem", { CodedValue: o.value }, el("Decode", {}, translated(o.label))))
          .join(""),
      ),
    )
    .join("");
  const units = model.units
    .map((u) =>
      el(
        "MeasurementUnit",
        { OID: u.oid, Name: u.id },
        el("Symbol", {}, textEl("TranslatedText", u.label, { "xml:lang": "fr" })),
      ),
    )
    .join("");
  const global = el(
    "GlobalVariables",
    {},
    textEl("StudyName", "DM-SAM") +
      textEl(
        "StudyDescription",
        "Dermatomyosite compliquée d'un syndrome d'activation macrophagique : étude rétrospective multicentrique française",
      ) +
      textEl("ProtocolName", "DM-SAM"),
  );
  const mdv = el(
    "MetaDataVersion",
    { OID: MDV_OID, Name: `DM-SAM CRF ${CRF.version}` },
    el("Protocol", {}, el("StudyEventRef", { StudyEventOID: EVENT_OID, OrderNumber: 1, Mandatory: "Yes" })) +
      el(
        "StudyEventDef",
        { OID: EVENT_OID, Name: "Recueil rétrospectif / Retrospective collection", Repeating: "No", Type: "Common" },
        formRefs,
      ) +
      forms +
      groups +
      items +
      codeLists,
  );
  return el("Study", { OID: STUDY_OID }, global + (units ? el("BasicDefinitions", {}, units) : "") + mdv);
}

export interface OdmHeadInput {
  /** When the file is created (ISO date-time, UTC). */
  readonly createdAt: string;
  readonly fileOid: string;
  /** Centres of the exported cases (AdminData/Location, SubjectData/SiteRef). */
  readonly centres: readonly { readonly code: string; readonly name: string }[];
}

/** Everything before the first SubjectData. */
export function odmHead(model: OdmModel, input: OdmHeadInput): string {
  const root = open("ODM", {
    xmlns: ODM_NAMESPACE,
    ODMVersion: "1.3.2",
    FileType: "Snapshot",
    FileOID: input.fileOid,
    CreationDateTime: input.createdAt,
    Granularity: "All",
    Originator: "DM-SAM eCRF",
    SourceSystem: "DM-SAM eCRF",
    SourceSystemVersion: CRF.version,
  });
  const locations = input.centres
    .map((c) =>
      el(
        "Location",
        { OID: `LOC.${c.code}`, Name: `${c.code} — ${c.name}`, LocationType: "Site" },
        el("MetaDataVersionRef", {
          StudyOID: STUDY_OID,
          MetaDataVersionOID: MDV_OID,
          EffectiveDate: input.createdAt.slice(0, 10),
        }),
      ),
    )
    .join("");
  const admin = locations ? el("AdminData", { StudyOID: STUDY_OID }, locations) : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n${odmStudy(model)}\n${admin}\n${open("ClinicalData", { StudyOID: STUDY_OID, MetaDataVersionOID: MDV_OID })}\n`;
}

export const odmTail = (): string => `${close("ClinicalData")}\n${close("ODM")}\n`;

function itemData<S>(items: readonly OdmItem<S>[], source: S): string {
  let out = "";
  for (const i of items) {
    const v = i.column.read(source);
    if (v === null || v === "") continue;
    out += el("ItemData", { ItemOID: i.oid, Value: typeof v === "number" ? formatNumber(v) : v });
  }
  return out;
}

/** One case: SubjectData keyed by the record id, at its centre, one FormData per form. */
export function odmSubject(model: OdmModel, c: ExportCase): string {
  const forms = model.forms
    .map((f) => {
      const groups = f.groups
        .map((g) => el("ItemGroupData", { ItemGroupOID: g.oid }, itemData(g.items, c)))
        .filter((x) => !x.endsWith("/>"));
      const rows = f.blocks.flatMap((b) =>
        blockRowsOf(c, b.blockId).map((r) =>
          el("ItemGroupData", { ItemGroupOID: b.oid, ItemGroupRepeatKey: r.number }, itemData(b.items, r)),
        ),
      );
      const inner = [...groups, ...rows].join("");
      return inner ? el("FormData", { FormOID: f.oid }, inner) : "";
    })
    .join("");
  return `${el("SubjectData", { SubjectKey: c.id }, el("SiteRef", { LocationOID: `LOC.${c.centreCode}` }) + el("StudyEventData", { StudyEventOID: EVENT_OID }, forms))}\n`;
}
