import { describe, expect, it } from "vitest";
import { BLOCKS, CRF, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { isBlock, type FieldDef } from "@/domain/crf/types";
import { blockColumns, caseColumns, CODE_OPTIONS, STATUS_OPTIONS } from "@/domain/export/columns";
import {
  abbreviate,
  fieldStem,
  missingColumnName,
  NAME_MAX,
  SHORT_NAMES,
  valueColumnName,
  VARIABLE_MAX,
} from "@/domain/export/names";
import { odmItems, odmModel } from "@/domain/export/odm-model";
import { redcapDictionaryRows } from "@/domain/export/redcap";
import { redcapImportTable } from "@/domain/export/redcap-data";
import { parisIso, parisTime } from "@/domain/export/time";
import { AGE, OPTIONS } from "./fixtures";

// pandas' default na_values (read_csv, read_excel) and R's (read.csv "NA"; readr "", "NA"): a code or
// option value among them would be read as a missing value.
const READ_AS_MISSING = new Set([
  "",
  "#N/A",
  "#N/A N/A",
  "#NA",
  "-1.#IND",
  "-1.#QNAN",
  "-NaN",
  "-nan",
  "1.#IND",
  "1.#QNAN",
  "<NA>",
  "N/A",
  "NA",
  "NULL",
  "NaN",
  "None",
  "n/a",
  "nan",
  "null",
]);

const allFields = (): FieldDef[] =>
  CRF.sections.flatMap((s) => s.items.flatMap((i) => (isBlock(i) ? [...i.fields] : [i])));

describe("one naming scheme for every export (ADR 0015)", () => {
  for (const options of [OPTIONS, AGE]) {
    it(`every column of every table is at most ${NAME_MAX} characters and unique in its table (${options.ageInsteadOfBirthDate ? "age" : "birth date"})`, () => {
      const tables = [
        caseColumns(options).map((c) => c.name),
        ...BLOCKS.map((b) => blockColumns(b.id).map((c) => c.name)),
      ];
      for (const names of tables) {
        expect(new Set(names).size).toBe(names.length);
        for (const n of names) {
          expect(n.length, n).toBeLessThanOrEqual(NAME_MAX);
          expect(n).toMatch(/^[a-z][a-z0-9_]*$/);
        }
        // Stata, SAS and SPSS compare names case-insensitively, and a cut at 32 must not make duplicates.
        expect(new Set(names.map((n) => n.slice(0, NAME_MAX).toLowerCase())).size).toBe(names.length);
      }
      // Value, key and computed columns fit REDCap's 26 characters, so that they are its variables too.
      for (const c of caseColumns(options))
        if (c.kind !== "missing") expect(c.name.length, c.name).toBeLessThanOrEqual(VARIABLE_MAX);
      // The REDCap files: variables, and every import column (a checkbox's ___code columns included).
      for (const r of redcapDictionaryRows(options)) expect(r[0]!.length, r[0]).toBeLessThanOrEqual(VARIABLE_MAX);
      const header = redcapImportTable(options).header;
      expect(new Set(header).size).toBe(header.length);
      for (const h of header) expect(h.length, h).toBeLessThanOrEqual(NAME_MAX);
      // ODM's ItemDef names are the exported names.
      for (const item of odmItems(odmModel(options))) expect(item.name.length, item.oid).toBeLessThanOrEqual(NAME_MAX);
    });
  }

  it("names a field's columns from one stem: its id, else its short name, else an abbreviation", () => {
    for (const f of allFields()) {
      const stem = fieldStem(f);
      expect(valueColumnName(f).startsWith(stem), f.id).toBe(true);
      expect(missingColumnName(f)).toBe(`${stem}__missing`);
      if (SHORT_NAMES[f.id]) expect(stem).toBe(SHORT_NAMES[f.id]);
    }
    // Every short name is used, and needed.
    const ids = new Set(allFields().map((f) => f.id));
    for (const [id, short] of Object.entries(SHORT_NAMES)) {
      expect(ids.has(id), id).toBe(true);
      expect(short.length).toBeLessThan(id.length);
    }
    const byId = new Map(TOP_LEVEL_FIELDS.map((f) => [f.id, f]));
    expect(valueColumnName(byId.get("neck_flexor_weaker_than_extensor")!)).toBe("neck_flexor_weak_vs_ext");
    expect(missingColumnName(byId.get("neck_flexor_weaker_than_extensor")!)).toBe("neck_flexor_weak_vs_ext__missing");
    expect(valueColumnName(byId.get("ferritin")!)).toBe("ferritin_ug_l");
    expect(abbreviate("quadriceps_strength_measurement_left")).toBe("quad_strength_meas_left");
  });

  it("exports no code, status or option value that pandas or R would read as a missing value", () => {
    expect(CODE_OPTIONS.map((o) => o.value)).toEqual(["NK", "ND", "NAP"]);
    const values = [
      ...CODE_OPTIONS,
      ...STATUS_OPTIONS,
      ...caseColumns(OPTIONS).flatMap((c) => c.options ?? []),
      ...BLOCKS.flatMap((b) => blockColumns(b.id).flatMap((c) => c.options ?? [])),
    ].map((o) => o.value);
    for (const v of values) expect(READ_AS_MISSING.has(v), v).toBe(false);
  });
});

describe("date-times in Paris time", () => {
  it("gives the wall-clock time and the offset, winter and summer", () => {
    expect(parisIso("2026-11-20T10:00:00.000Z")).toBe("2026-11-20T11:00:00+01:00");
    expect(parisIso("2026-07-01T22:30:15Z")).toBe("2026-07-02T00:30:15+02:00");
    // The last hour before the switch back to winter time, and the first after.
    expect(parisIso("2026-10-25T00:30:00Z")).toBe("2026-10-25T02:30:00+02:00");
    expect(parisIso("2026-10-25T01:30:00Z")).toBe("2026-10-25T02:30:00+01:00");
    expect(parisTime("2026-11-20T10:00:00.000Z")!.wallClock.toISOString()).toBe("2026-11-20T11:00:00.000Z");
    expect(parisTime("not a date")).toBeNull();
  });
});
