import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { odmModel } from "@/domain/export/odm-model";
import { odmHead, odmSubject, odmTail } from "@/domain/export/odm-xml";
import { el, escapeAttr, escapeText } from "@/domain/export/xml";
import { sampleRecord } from "../../../scripts/lib/sample-record";
import { AGE, exportCase, OPTIONS, withFields } from "./fixtures";
import { odmProblems } from "./odm-rules";

type Node = Record<string, unknown>;
const arr = (x: unknown): Node[] => (x === undefined ? [] : Array.isArray(x) ? (x as Node[]) : [x as Node]);

function parse(xml: string): Node {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    htmlEntities: true,
    isArray: (name) =>
      [
        "SubjectData",
        "FormData",
        "ItemGroupData",
        "ItemData",
        "ItemDef",
        "ItemGroupDef",
        "FormDef",
        "ItemRef",
        "CodeList",
        "CodeListItem",
        "MeasurementUnit",
        "Location",
      ].includes(name),
  });
  return parser.parse(xml) as Node;
}

function document(options = OPTIONS, cases = [exportCase()]): string {
  const model = odmModel(options);
  return (
    odmHead(model, {
      createdAt: "2026-11-23T10:00:00.000Z",
      fileOid: "F1",
      centres: [{ code: "REI", name: "CHU de Reims" }],
    }) +
    cases.map((c) => odmSubject(model, c)).join("") +
    odmTail()
  );
}

describe("ODM 1.3.2 writer", () => {
  it("escapes text and attributes, keeping line breaks in attributes", () => {
    expect(escapeText("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(escapeAttr('« X », "q"\nligne')).toBe("« X », &quot;q&quot;&#10;ligne");
    expect(el("A", { x: "1", y: undefined })).toBe('<A x="1"/>');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", htmlEntities: true }).parse(
      `<r>${el("A", { v: 'a\n"b" <c> & d' })}</r>`,
    ) as { r: { A: { "@v": string } } };
    expect(parsed.r.A["@v"]).toBe('a\n"b" <c> & d');
  });

  it("is well-formed and structured: metadata references resolve, every subject is there", () => {
    const free = 'Patiente « X », 2 lignes\nsuite & <fin> "ok"';
    const cases = [
      exportCase(),
      exportCase(withFields({ comments: { v: free }, ferritin: { code: "ND" } }), { id: "case-2", centreCode: "REI" }),
    ];
    const xml = document(OPTIONS, cases);
    expect(XMLValidator.validate(xml)).toBe(true);
    const odm = parse(xml).ODM as Node;
    expect(odm["@ODMVersion"]).toBe("1.3.2");
    expect(odm["@xmlns"]).toBe("http://www.cdisc.org/ns/odm/v1.3");
    const study = odm.Study as Node;
    const gv = study.GlobalVariables as Node;
    expect(gv.StudyName).toBe("DM-SAM");
    const mdv = study.MetaDataVersion as Node;
    expect(mdv.Protocol).toBeDefined();
    const itemDefs = new Set(arr(mdv.ItemDef).map((i) => i["@OID"]));
    const groupDefs = new Set(arr(mdv.ItemGroupDef).map((g) => g["@OID"]));
    const codeLists = new Set(arr(mdv.CodeList).map((c) => c["@OID"]));
    const units = new Set(arr((study.BasicDefinitions as Node).MeasurementUnit).map((u) => u["@OID"]));
    for (const g of arr(mdv.ItemGroupDef))
      for (const r of arr(g.ItemRef)) expect(itemDefs.has(r["@ItemOID"])).toBe(true);
    for (const f of arr(mdv.FormDef))
      for (const r of arr(f.ItemGroupRef)) expect(groupDefs.has(r["@ItemGroupOID"])).toBe(true);
    for (const i of arr(mdv.ItemDef)) {
      const cl = i.CodeListRef as Node | undefined;
      if (cl) expect(codeLists.has(cl["@CodeListOID"])).toBe(true);
      const mu = i.MeasurementUnitRef as Node | undefined;
      if (mu) expect(units.has(mu["@MeasurementUnitOID"])).toBe(true);
      expect(["text", "integer", "float", "date", "partialDate", "datetime"]).toContain(i["@DataType"]);
    }
    const ferritin = arr(mdv.ItemDef).find((i) => i["@OID"] === "IT.ferritin")!;
    expect(ferritin["@DataType"]).toBe("float");
    expect((ferritin.MeasurementUnitRef as Node)["@MeasurementUnitOID"]).toBe("MU.ug_l");

    const subjects = arr((odm.ClinicalData as Node).SubjectData);
    expect(subjects.map((s) => s["@SubjectKey"])).toEqual(["case-1", "case-2"]);
    const items = (s: Node) =>
      new Map(
        arr((s.StudyEventData as Node).FormData)
          .flatMap((f) => arr(f.ItemGroupData))
          .flatMap((g) =>
            arr(g.ItemData).map(
              (d) => [`${g["@ItemGroupOID"]}/${g["@ItemGroupRepeatKey"] ?? ""}/${d["@ItemOID"]}`, d["@Value"]] as const,
            ),
          ),
      );
    for (const s of subjects) for (const key of items(s).keys()) expect(itemDefs.has(key.split("/")[2])).toBe(true);
    const second = items(subjects[1]!);
    expect(second.get("IG.outcome//IT.comments")).toBe(free);
    expect(second.get("IG.mas//IT.ferritin")).toBeUndefined();
    expect(second.get("IG.mas//IT.ferritin__missing")).toBe("ND");
    expect(second.get("IG.treatment_lines/2/IT.treatment_lines.drug")).toBe("methylprednisolone_iv");
    expect(second.get("IG.key//IT.birth_date")).toBe("1960-01-02");
    expect((subjects[0]!.SiteRef as Node)["@LocationOID"]).toBe("LOC.REI");
  });

  it("exports the age at MAS instead of the birth date with the option", () => {
    const xml = document(AGE);
    expect(xml).not.toContain("1960-01-02");
    expect(xml).toContain('<ItemData ItemOID="IT.age_at_sam" Value="55"/>');
  });

  it("keeps a case with empty blocks valid", () => {
    const r = sampleRecord(0);
    expect(XMLValidator.validate(document(OPTIONS, [exportCase({ fields: r.fields, blocks: {} })]))).toBe(true);
  });

  it("follows the ODM 1.3.2 rules checkable without the XSD (order, attributes, references, value formats, coded values)", () => {
    const cases = [
      exportCase(
        withFields({
          haemophagocytosis: { v: "yes" },
          haemophagocytosis_site: { v: ["liver", "spleen"] },
          dm_onset_date: { v: "2014-03" },
          comments: { v: '« a », b;\n"c"' },
        }),
      ),
      exportCase({ fields: sampleRecord(0).fields, blocks: {} }, { id: "case-2" }),
    ];
    expect(odmProblems(document(OPTIONS, cases))).toEqual([]);
    expect(odmProblems(document(AGE, cases))).toEqual([]);
    // A multiple choice names its code list instead of referencing it (its Value joins several codes).
    expect(document()).toMatch(
      /<ItemDef OID="IT.haemophagocytosis_site"[^>]*Comment="Multiple choice: the coded values chosen \(CodeList CL.haemophagocytosis_site\), joined with \|"/,
    );
  });

  it("the rules checker does catch broken files", () => {
    const xml = document();
    expect(odmProblems(xml.replace('ODMVersion="1.3.2"', 'ODMVersion="1.3.1"'))).toContain('ODMVersion="1.3.2"');
    expect(odmProblems(xml.replace(/CreationDateTime="[^"]+"/, 'CreationDateTime="23/11/2026"')).join()).toContain(
      "CreationDateTime",
    );
    expect(
      odmProblems(xml.replace('<ItemRef ItemOID="IT.ferritin"', '<ItemRef ItemOID="IT.nothing"')).join(),
    ).toContain('ItemRef ItemOID="IT.nothing" does not resolve');
    expect(odmProblems(xml.replace(/ItemGroupRepeatKey="1"/, "")).join()).toContain("ItemGroupRepeatKey missing");
    expect(
      odmProblems(
        xml.replace(
          'ItemOID="IT.treatment_lines.drug" Value="methylprednisolone_iv"',
          'ItemOID="IT.treatment_lines.drug" Value="aspirin"',
        ),
      ).join(),
    ).toMatch(/IT.treatment_lines.drug Value "aspirin" not in CL\./);
    expect(odmProblems(xml.replace(/FileType="Snapshot"/, 'FileType="Full"')).join()).toContain("FileType");
    expect(odmProblems(xml.replace('Value="2015-06-01"', 'Value="01/06/2015"')).join()).toContain(
      "is not a valid date",
    );
  });
});
