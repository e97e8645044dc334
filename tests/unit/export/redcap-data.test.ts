import { describe, expect, it } from "vitest";
import { BLOCKS } from "@/domain/crf/definition";
import { REDCAP_COLUMNS, redcapDictionaryRows, REDCAP_REPEATING_FORMS } from "@/domain/export/redcap";
import { checkboxColumn, redcapDateTime, redcapImportTable } from "@/domain/export/redcap-data";
import { AGE, exportCase, OPTIONS, withFields } from "./fixtures";

const col = (name: (typeof REDCAP_COLUMNS)[number]) => REDCAP_COLUMNS.indexOf(name);

describe("REDCap data import file", () => {
  const table = redcapImportTable(OPTIONS);
  const dictionary = redcapDictionaryRows(OPTIONS);
  const formOf = new Map(dictionary.map((r) => [r[0]!, r[col("Form Name")]!]));
  const typeOf = new Map(dictionary.map((r) => [r[0]!, r[col("Field Type")]!]));
  const codesOf = (v: string) =>
    dictionary
      .find((r) => r[0] === v)!
      [col("Choices, Calculations, OR Slider Labels")]!.split(" | ")
      .map((c) => c.slice(0, c.indexOf(",")));
  /** The dictionary variable an import column belongs to. */
  const variableOf = (header: string) => header.replace(/___[a-z0-9_]+$/, "");

  it("starts with record_id, redcap_repeat_instrument, redcap_repeat_instance, then only the dictionary's variables", () => {
    expect(table.header.slice(0, 3)).toEqual(["record_id", "redcap_repeat_instrument", "redcap_repeat_instance"]);
    expect(new Set(table.header).size).toBe(table.header.length);
    for (const h of table.header.slice(3)) {
      const v = variableOf(h);
      expect(formOf.has(v), h).toBe(true);
      if (typeOf.get(v) === "checkbox") {
        // <variable>___<code>: a choice of the dictionary or a missing-data code, lowercased.
        const code = h.slice(v.length + 3);
        expect(
          codesOf(v).map((c) => c.toLowerCase()),
          h,
        ).toContain(code);
      } else expect(h).toBe(v);
    }
    // And every variable of the dictionary is there (a checkbox through its options).
    for (const [v, type] of typeOf) {
      if (v === "record_id") continue;
      if (type === "checkbox") for (const c of codesOf(v)) expect(table.header).toContain(checkboxColumn(v, c));
      else expect(table.header, v).toContain(v);
    }
  });

  it("writes one row for the case, then one per block row, each filling its own instrument's variables only", () => {
    const c = exportCase();
    const rows = table.rows(c);
    const expectedBlockRows = BLOCKS.reduce((n, b) => n + (c.answers.blocks[b.id]?.length ?? 0), 0);
    expect(rows).toHaveLength(1 + expectedBlockRows);
    for (const r of rows) expect(r).toHaveLength(table.header.length);
    const [first, ...instances] = rows;
    expect(first!.slice(0, 3)).toEqual(["case-1", "", ""]);
    table.header.forEach((h, i) => {
      if (i < 3 || first![i] === "") return;
      expect(REDCAP_REPEATING_FORMS, h).not.toContain(formOf.get(variableOf(h)));
    });
    for (const b of BLOCKS) {
      const mine = instances.filter((r) => r[1] === b.id);
      expect(mine.map((r) => r[2])).toEqual((c.answers.blocks[b.id] ?? []).map((_, i) => String(i + 1)));
      for (const r of mine) {
        expect(r[0]).toBe("case-1");
        table.header.forEach((h, i) => {
          if (i >= 3 && r[i] !== "") expect(formOf.get(variableOf(h)), h).toBe(b.id);
        });
      }
    }
    expect(instances.every((r) => REDCAP_REPEATING_FORMS.includes(r[1]!))).toBe(true);
  });

  it("writes values as REDCap imports them: codes in the variable, checkboxes 0/1, date-times without T, exact free text", () => {
    const c = exportCase(
      withFields({
        ferritin: { code: "NK" },
        haemophagocytosis: { v: "yes" },
        haemophagocytosis_site: { v: ["liver", "bone_marrow"] },
        comments: { v: '=SUM(A1), « Zoé »\n"ok"; fin' },
        splenomegaly: { code: "ND" },
      }),
      { updatedAt: "2026-11-20T10:05:09.123Z" },
    );
    const [row] = table.rows(c);
    const cell = (h: string) => row![table.header.indexOf(h)];
    expect(cell("ferritin_ug_l")).toBe("NK");
    expect(cell("splenomegaly")).toBe("ND");
    expect(cell("platelets_g_per_l")).toMatch(/^\d+(\.\d+)?$/);
    expect(cell(checkboxColumn("haemophago_site", "liver"))).toBe("1");
    expect(cell(checkboxColumn("haemophago_site", "bone_marrow"))).toBe("1");
    expect(cell(checkboxColumn("haemophago_site", "spleen"))).toBe("0");
    expect(cell(checkboxColumn("haemophago_site", "nk"))).toBe("0");
    // Paris time (REDCap's date-times have no zone; the dictionary's note says Europe/Paris): UTC+1 in winter, +2 in summer.
    expect(cell("last_modified")).toBe("2026-11-20 11:05:09");
    expect(redcapDateTime("2026-01-02T03:04:05Z")).toBe("2026-01-02 04:04:05");
    expect(redcapDateTime("2026-07-01T23:30:00.000Z")).toBe("2026-07-02 01:30:00");
    expect(cell("comments")).toBe('=SUM(A1), « Zoé »\n"ok"; fin');
    expect(cell("sam_date")).toBe("2015-06-01");

    // A hidden multiple choice holds NAP: its ___nap column, a choice of the dictionary.
    const [hidden] = table.rows(
      exportCase(withFields({ haemophagocytosis: { v: "no" }, haemophagocytosis_site: { code: "NA" } })),
    );
    const at = (h: string) => hidden![table.header.indexOf(h)];
    expect(at(checkboxColumn("haemophago_site", "nap"))).toBe("1");
    expect(table.header).not.toContain(checkboxColumn("haemophago_site", "na"));
    expect(at(checkboxColumn("haemophago_site", "liver"))).toBe("0");
  });

  it("writes block rows under the block's variables, with the row's stable id and NK codes", () => {
    const base = exportCase();
    const lines = base.answers.blocks.treatment_lines!;
    const c = exportCase({
      ...base.answers,
      blocks: {
        ...base.answers.blocks,
        treatment_lines: [
          { ...lines[0]!, values: { ...lines[0]!.values, n_doses: { code: "NK" } } },
          ...lines.slice(1),
        ],
      },
    });
    const rows = table.rows(c).filter((r) => r[1] === "treatment_lines");
    const cell = (r: readonly string[], h: string) => r[table.header.indexOf(h)];
    expect(cell(rows[0]!, "tx_row_id")).toBe(lines[0]!.id);
    expect(cell(rows[0]!, "tx_drug")).toBe("methylprednisolone_iv");
    expect(cell(rows[0]!, "tx_n_doses")).toBe("NK");
    expect(cell(rows[1]!, "tx_row_id")).toBe(lines[1]!.id);
    expect(rows.map((r) => r[2])).toEqual(["1", "2"]);
  });

  it("writes CSV lines, the age option leaving the birth date out", () => {
    const text = table.lines([exportCase()]);
    expect(text.startsWith("case-1,,,")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const age = redcapImportTable(AGE);
    expect(age.header).not.toContain("birth_date");
    expect(age.header).toContain("age_at_sam");
  });
});
