// The CDISC ODM 1.3.2 rules that can be checked without the XSD: element order,
// required attributes and their enumerations, OID references resolving (and
// ClinicalData using only what its metadata declares), value formats per
// DataType, coded values in their code list, repeat keys exactly on repeating
// groups. Returns the problems found (empty when the file follows them), so a
// failing test names every one. Shared by the unit and integration tests.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type OdmNode = Record<string, unknown>;

const LISTS = new Set([
  "Study",
  "AdminData",
  "ClinicalData",
  "MetaDataVersion",
  "StudyEventRef",
  "StudyEventDef",
  "FormRef",
  "FormDef",
  "ItemGroupRef",
  "ItemGroupDef",
  "ItemRef",
  "ItemDef",
  "CodeList",
  "CodeListItem",
  "MeasurementUnit",
  "RangeCheck",
  "CheckValue",
  "TranslatedText",
  "Location",
  "MetaDataVersionRef",
  "SubjectData",
  "StudyEventData",
  "FormData",
  "ItemGroupData",
  "ItemData",
]);

export function parseOdm(xml: string): OdmNode {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    htmlEntities: true,
    parseAttributeValue: false,
    isArray: (name) => LISTS.has(name),
  }).parse(xml) as OdmNode;
}

export const arr = (x: unknown): OdmNode[] =>
  Array.isArray(x) ? (x as OdmNode[]) : x === undefined ? [] : [x as OdmNode];
const attr = (n: OdmNode, name: string): string | undefined => {
  const v = n[`@${name}`];
  return v === undefined ? undefined : String(v);
};

/** ODM 1.3.2's DataType enumeration. */
export const ODM_DATA_TYPES = new Set([
  "integer",
  "float",
  "date",
  "time",
  "datetime",
  "string",
  "text",
  "boolean",
  "double",
  "hexBinary",
  "base64Binary",
  "hexFloat",
  "base64Float",
  "partialDate",
  "partialTime",
  "partialDatetime",
  "durationDatetime",
  "intervalDatetime",
  "incompleteDatetime",
  "incompleteDate",
  "incompleteTime",
  "URI",
]);

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const VALUE_FORMATS: Readonly<Record<string, RegExp>> = {
  integer: /^-?\d+$/,
  float: /^-?\d+(\.\d+)?$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  datetime: DATETIME,
  partialDate: /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
};

/** Element names in document order, at one level (for the XSD's sequences). */
function order(xml: string, parent: string, children: readonly string[]): string[] {
  const start = xml.indexOf(`<${parent}`);
  const end = xml.indexOf(`</${parent}>`);
  if (start === -1 || end === -1) return [];
  const body = xml.slice(start, end);
  const seen: { name: string; at: number }[] = [];
  for (const name of children) {
    for (let i = body.indexOf(`<${name}`); i !== -1; i = body.indexOf(`<${name}`, i + 1)) {
      const next = body[i + name.length + 1];
      if (next === " " || next === ">" || next === "/") seen.push({ name, at: i });
    }
  }
  return seen.sort((a, b) => a.at - b.at).map((s) => s.name);
}

function inSequence(names: readonly string[], sequence: readonly string[]): boolean {
  let k = 0;
  for (const n of names) {
    while (k < sequence.length && sequence[k] !== n) k++;
    if (k === sequence.length) return false;
  }
  return true;
}

/** Every rule broken by an ODM 1.3.2 file, as readable sentences (none: []). */
export function odmProblems(xml: string): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${JSON.stringify(valid)}`];
  check(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), "XML declaration with UTF-8 encoding first");
  const odm = parseOdm(xml).ODM as OdmNode | undefined;
  if (!odm) return ["no ODM root element"];

  // The root.
  check(attr(odm, "xmlns") === "http://www.cdisc.org/ns/odm/v1.3", "ODM namespace http://www.cdisc.org/ns/odm/v1.3");
  check(attr(odm, "ODMVersion") === "1.3.2", 'ODMVersion="1.3.2"');
  check(["Snapshot", "Transactional"].includes(attr(odm, "FileType") ?? ""), "FileType Snapshot or Transactional");
  check((attr(odm, "FileOID") ?? "") !== "", "FileOID required");
  check(
    DATETIME.test(attr(odm, "CreationDateTime") ?? ""),
    `CreationDateTime is an ISO 8601 date-time (got ${attr(odm, "CreationDateTime")})`,
  );
  const granularity = attr(odm, "Granularity");
  if (granularity !== undefined)
    check(
      ["All", "Metadata", "AdminData", "ReferenceData", "AllClinicalData", "SingleSite", "SingleSubject"].includes(
        granularity,
      ),
      "Granularity enumeration",
    );
  check(
    inSequence(order(xml, "ODM", ["Study", "AdminData", "ReferenceData", "ClinicalData"]), [
      "Study",
      "AdminData",
      "ReferenceData",
      "ClinicalData",
    ]),
    "ODM children: Study, AdminData, ReferenceData, ClinicalData in that order",
  );

  const studies = arr(odm.Study);
  check(studies.length >= 1, "at least one Study");
  const studyOids = new Set(studies.map((s) => attr(s, "OID")));
  const mdvs = new Map<string, OdmNode>();
  const units = new Set<string>();
  for (const study of studies) {
    check(attr(study, "OID") !== undefined, "Study OID");
    const gv = study.GlobalVariables as OdmNode | undefined;
    check(
      gv !== undefined &&
        ["StudyName", "StudyDescription", "ProtocolName"].every((k) => gv[k] !== undefined && String(gv[k]) !== ""),
      "GlobalVariables with StudyName, StudyDescription, ProtocolName",
    );
    check(
      inSequence(order(xml, "Study", ["GlobalVariables", "BasicDefinitions", "MetaDataVersion"]), [
        "GlobalVariables",
        "BasicDefinitions",
        "MetaDataVersion",
      ]),
      "Study children in order",
    );
    for (const u of arr((study.BasicDefinitions as OdmNode | undefined)?.MeasurementUnit)) {
      check(attr(u, "OID") !== undefined && attr(u, "Name") !== undefined, "MeasurementUnit OID and Name");
      check(
        arr((u.Symbol as OdmNode | undefined)?.TranslatedText).length > 0,
        `MeasurementUnit ${attr(u, "OID")}: Symbol/TranslatedText`,
      );
      units.add(attr(u, "OID")!);
    }
    for (const m of arr(study.MetaDataVersion)) {
      check(attr(m, "OID") !== undefined && attr(m, "Name") !== undefined, "MetaDataVersion OID and Name");
      mdvs.set(attr(m, "OID")!, m);
    }
  }
  const mdvSequence = [
    "Include",
    "Protocol",
    "StudyEventDef",
    "FormDef",
    "ItemGroupDef",
    "ItemDef",
    "CodeList",
    "ImputationMethod",
    "Presentation",
    "ConditionDef",
    "MethodDef",
  ];
  check(
    inSequence(order(xml, "MetaDataVersion", mdvSequence), mdvSequence),
    "MetaDataVersion children in the XSD's order (Protocol, StudyEventDef, FormDef, ItemGroupDef, ItemDef, CodeList…)",
  );

  const yesNo = (v: string | undefined) => v === "Yes" || v === "No";
  for (const [mdvOid, mdv] of mdvs) {
    const byOid = (list: OdmNode[], kind: string): Map<string, OdmNode> => {
      const map = new Map<string, OdmNode>();
      for (const n of list) {
        const oid = attr(n, "OID");
        check(oid !== undefined && oid !== "", `${kind} without OID`);
        check(!map.has(oid!), `${kind} ${oid} defined twice`);
        map.set(oid!, n);
      }
      return map;
    };
    const events = byOid(arr(mdv.StudyEventDef), "StudyEventDef");
    const forms = byOid(arr(mdv.FormDef), "FormDef");
    const groups = byOid(arr(mdv.ItemGroupDef), "ItemGroupDef");
    const items = byOid(arr(mdv.ItemDef), "ItemDef");
    const codeLists = byOid(arr(mdv.CodeList), "CodeList");

    const refs = (
      parent: OdmNode,
      refName: string,
      oidAttr: string,
      targets: Map<string, OdmNode>,
      where: string,
    ): string[] => {
      const list = arr(parent[refName]);
      const orders = new Set<string>();
      for (const r of list) {
        const oid = attr(r, oidAttr);
        check(oid !== undefined && targets.has(oid), `${where}: ${refName} ${oidAttr}="${oid}" does not resolve`);
        check(yesNo(attr(r, "Mandatory")), `${where}: ${refName} ${oid} Mandatory must be Yes or No`);
        const n = attr(r, "OrderNumber");
        if (n !== undefined) {
          check(/^[1-9]\d*$/.test(n), `${where}: ${refName} OrderNumber a positive integer`);
          check(!orders.has(n), `${where}: OrderNumber ${n} used twice`);
          orders.add(n);
        }
      }
      return list.map((r) => attr(r, oidAttr)!);
    };

    const protocolEvents = refs(
      (mdv.Protocol as OdmNode | undefined) ?? {},
      "StudyEventRef",
      "StudyEventOID",
      events,
      "Protocol",
    );
    check(protocolEvents.length > 0, "Protocol lists at least one StudyEventRef");
    const referenced = { forms: new Set<string>(), groups: new Set<string>(), items: new Set<string>() };
    for (const [oid, e] of events) {
      check(
        attr(e, "Name") !== undefined &&
          yesNo(attr(e, "Repeating")) &&
          ["Scheduled", "Unscheduled", "Common"].includes(attr(e, "Type") ?? ""),
        `StudyEventDef ${oid}: Name, Repeating, Type`,
      );
      for (const f of refs(e, "FormRef", "FormOID", forms, `StudyEventDef ${oid}`)) referenced.forms.add(f);
    }
    for (const [oid, f] of forms) {
      check(attr(f, "Name") !== undefined && yesNo(attr(f, "Repeating")), `FormDef ${oid}: Name, Repeating`);
      for (const g of refs(f, "ItemGroupRef", "ItemGroupOID", groups, `FormDef ${oid}`)) referenced.groups.add(g);
    }
    for (const [oid, g] of groups) {
      check(attr(g, "Name") !== undefined && yesNo(attr(g, "Repeating")), `ItemGroupDef ${oid}: Name, Repeating`);
      for (const i of refs(g, "ItemRef", "ItemOID", items, `ItemGroupDef ${oid}`)) referenced.items.add(i);
    }
    for (const [oid, i] of items) {
      check(attr(i, "Name") !== undefined, `ItemDef ${oid}: Name`);
      check(
        ODM_DATA_TYPES.has(attr(i, "DataType") ?? ""),
        `ItemDef ${oid}: DataType "${attr(i, "DataType")}" is not an ODM 1.3.2 data type`,
      );
      const length = attr(i, "Length");
      if (length !== undefined) check(/^[1-9]\d*$/.test(length), `ItemDef ${oid}: Length a positive integer`);
      const origin = attr(i, "Origin");
      if (origin !== undefined) check(origin !== "", `ItemDef ${oid}: Origin not empty`);
      check(
        arr((i.Question as OdmNode | undefined)?.TranslatedText).length > 0,
        `ItemDef ${oid}: Question/TranslatedText`,
      );
      const cl = i.CodeListRef as OdmNode | undefined;
      if (cl) check(codeLists.has(attr(cl, "CodeListOID") ?? ""), `ItemDef ${oid}: CodeListRef does not resolve`);
      const mu = i.MeasurementUnitRef as OdmNode | undefined;
      if (mu)
        check(units.has(attr(mu, "MeasurementUnitOID") ?? ""), `ItemDef ${oid}: MeasurementUnitRef does not resolve`);
      for (const rc of arr(i.RangeCheck)) {
        check(
          ["LT", "LE", "GT", "GE", "EQ", "NE", "IN", "NOTIN"].includes(attr(rc, "Comparator") ?? ""),
          `ItemDef ${oid}: RangeCheck Comparator`,
        );
        check(["Soft", "Hard"].includes(attr(rc, "SoftHard") ?? ""), `ItemDef ${oid}: RangeCheck SoftHard`);
        check(arr(rc.CheckValue).length > 0, `ItemDef ${oid}: RangeCheck CheckValue`);
      }
    }
    for (const [oid, cl] of codeLists) {
      check(
        attr(cl, "Name") !== undefined && ["integer", "float", "text", "string"].includes(attr(cl, "DataType") ?? ""),
        `CodeList ${oid}: Name, DataType integer/float/text/string`,
      );
      const values = arr(cl.CodeListItem).map((c) => attr(c, "CodedValue"));
      check(
        values.length > 0 && values.every((v) => v !== undefined && v !== ""),
        `CodeList ${oid}: CodeListItems with CodedValue`,
      );
      check(new Set(values).size === values.length, `CodeList ${oid}: CodedValue unique`);
      for (const c of arr(cl.CodeListItem))
        check(
          arr((c.Decode as OdmNode | undefined)?.TranslatedText).length > 0,
          `CodeList ${oid}: Decode/TranslatedText`,
        );
    }
    for (const oid of forms.keys())
      check(referenced.forms.has(oid), `FormDef ${oid} is referenced by no StudyEventDef`);
    for (const oid of groups.keys())
      check(referenced.groups.has(oid), `ItemGroupDef ${oid} is referenced by no FormDef`);
    for (const oid of items.keys()) check(referenced.items.has(oid), `ItemDef ${oid} is referenced by no ItemGroupDef`);

    // Clinical data against this metadata.
    const locations = new Set(
      arr(odm.AdminData)
        .flatMap((a) => arr(a.Location))
        .map((l) => attr(l, "OID")),
    );
    for (const a of arr(odm.AdminData)) {
      check(studyOids.has(attr(a, "StudyOID")), "AdminData StudyOID resolves");
      for (const l of arr(a.Location)) {
        check(attr(l, "OID") !== undefined && attr(l, "Name") !== undefined, "Location OID and Name");
        const type = attr(l, "LocationType");
        if (type !== undefined)
          check(["Sponsor", "Site", "CRO", "Lab", "Other"].includes(type), "LocationType enumeration");
        for (const r of arr(l.MetaDataVersionRef)) {
          check(
            studyOids.has(attr(r, "StudyOID")) && mdvs.has(attr(r, "MetaDataVersionOID") ?? ""),
            "Location MetaDataVersionRef resolves",
          );
          check(VALUE_FORMATS.date!.test(attr(r, "EffectiveDate") ?? ""), "MetaDataVersionRef EffectiveDate is a date");
        }
      }
    }
    for (const cd of arr(odm.ClinicalData).filter((c) => attr(c, "MetaDataVersionOID") === mdvOid)) {
      check(studyOids.has(attr(cd, "StudyOID")), "ClinicalData StudyOID resolves");
      const subjectKeys = new Set<string>();
      for (const s of arr(cd.SubjectData)) {
        const key = attr(s, "SubjectKey");
        check(
          key !== undefined && key !== "" && !subjectKeys.has(key),
          `SubjectData SubjectKey present and unique (${key})`,
        );
        subjectKeys.add(key ?? "");
        const site = s.SiteRef as OdmNode | undefined;
        if (site) check(locations.has(attr(site, "LocationOID")), `SubjectData ${key}: SiteRef resolves`);
        for (const se of arr(s.StudyEventData)) {
          const event = events.get(attr(se, "StudyEventOID") ?? "");
          check(event !== undefined, `SubjectData ${key}: StudyEventOID resolves`);
          const eventForms = new Set(arr(event?.FormRef).map((r) => attr(r, "FormOID")));
          for (const fd of arr(se.FormData)) {
            const formOid = attr(fd, "FormOID") ?? "";
            check(eventForms.has(formOid), `SubjectData ${key}: FormData ${formOid} not in its StudyEventDef`);
            const formGroups = new Set(arr(forms.get(formOid)?.ItemGroupRef).map((r) => attr(r, "ItemGroupOID")));
            const repeatKeys = new Map<string, Set<string>>();
            for (const gd of arr(fd.ItemGroupData)) {
              const groupOid = attr(gd, "ItemGroupOID") ?? "";
              const def = groups.get(groupOid);
              check(
                formGroups.has(groupOid),
                `SubjectData ${key}: ItemGroupData ${groupOid} not in FormDef ${formOid}`,
              );
              const repeatKey = attr(gd, "ItemGroupRepeatKey");
              const repeating = attr(def ?? {}, "Repeating") === "Yes";
              check(
                repeating === (repeatKey !== undefined),
                `SubjectData ${key}: ${groupOid} ItemGroupRepeatKey ${repeating ? "missing on a repeating group" : "on a non-repeating group"}`,
              );
              if (repeatKey !== undefined) {
                const seen = repeatKeys.get(groupOid) ?? new Set<string>();
                check(!seen.has(repeatKey), `SubjectData ${key}: ${groupOid} repeat key ${repeatKey} used twice`);
                seen.add(repeatKey);
                repeatKeys.set(groupOid, seen);
              }
              const groupItems = new Set(arr(def?.ItemRef).map((r) => attr(r, "ItemOID")));
              for (const d of arr(gd.ItemData)) {
                const itemOid = attr(d, "ItemOID") ?? "";
                check(
                  groupItems.has(itemOid),
                  `SubjectData ${key}: ItemData ${itemOid} not in ItemGroupDef ${groupOid}`,
                );
                const item = items.get(itemOid);
                const value = attr(d, "Value") ?? "";
                const format = VALUE_FORMATS[attr(item ?? {}, "DataType") ?? ""];
                if (format)
                  check(
                    format.test(value),
                    `SubjectData ${key}: ${itemOid} Value "${value}" is not a valid ${attr(item ?? {}, "DataType")}`,
                  );
                const cl = item?.CodeListRef as OdmNode | undefined;
                if (cl) {
                  const coded = new Set(
                    arr(codeLists.get(attr(cl, "CodeListOID") ?? "")?.CodeListItem).map((c) => attr(c, "CodedValue")),
                  );
                  check(
                    coded.has(value),
                    `SubjectData ${key}: ${itemOid} Value "${value}" not in ${attr(cl, "CodeListOID")}`,
                  );
                }
              }
            }
          }
        }
      }
    }
  }
  for (const cd of arr(odm.ClinicalData))
    check(mdvs.has(attr(cd, "MetaDataVersionOID") ?? ""), "ClinicalData MetaDataVersionOID resolves");
  return problems;
}
