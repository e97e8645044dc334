// The exports loaded by the tools statisticians use — pandas (Debian's python3-pandas) and R (r-base-core),
// installed by .ci/run — and compared with the database: missing-data codes survive (even pandas' and
// R's default readers keep NK/ND/NAP), initials "NA" stay "NA" through the shipped loaders, and every
// column has the type columns.csv gives it (a partial date stays text, an empty column is not logical).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers, type CaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { blockColumns, caseColumns, mayHoldCode, valueColumnName } from "@/domain/export/columns";
import { missingColumnName } from "@/domain/export/names";
import { DEFAULT_OPTIONS } from "@/domain/export/options";
import { parisTime } from "@/domain/export/time";
import { createCase } from "@/server/cases.server";
import { streamExport } from "@/server/exports/index.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { addCentre, addUser, ELIGIBLE } from "../support/fixtures";
import { openTestDatabase, type TestDatabase } from "../support/test-database";
import { expectedCells, unzip } from "../unit/export/expected";

const inCi = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

/** The first interpreter that answers `probe`; CI must have one (.ci/run installs them). */
function findTool(candidates: readonly string[], args: readonly string[]): string | null {
  for (const c of candidates) if (spawnSync(c, args, { stdio: "ignore" }).status === 0) return c;
  return null;
}
const python = findTool(["/usr/bin/python3", "python3"], ["-c", "import pandas, openpyxl"]);
const rscript = findTool(["/usr/bin/Rscript", "Rscript"], ["-e", "invisible(0)"]);
const pspp = findTool(["/usr/bin/pspp", "pspp"], ["--version"]);
if (inCi && (!python || !rscript || !pspp))
  throw new Error("CI must provide python3-pandas, python3-openpyxl, r-base-core and pspp (.ci/run installs them)");

const DASH_TEXT = "- J1 : fièvre à 39 °C ; -2 kg";

type Loaded = Record<string, { dtypes: Record<string, string>; records: Record<string, unknown>[] }>;

const PANDAS = `
import json, sys
import pandas as pd
sys.path.insert(0, sys.argv[1])
from load_dm_sam import load
folder = sys.argv[1]
out = {"loaded": {}, "naive": {}, "xlsx": {}}
for table in ["cases"] + sys.argv[2].split(","):
    data = load(table, folder)
    out["loaded"][table] = {"dtypes": {c: str(t) for c, t in data.dtypes.items()},
                           "records": json.loads(data.to_json(orient="records", date_format="iso"))}
# pandas' defaults, as a statistician would first try them.
naive = pd.read_csv(folder + "/cases.csv", encoding="utf-8-sig")
missing = [c for c in naive.columns if c.endswith("__missing")]
out["naive"] = {"codes": sorted({str(v) for c in missing for v in naive[c].dropna()}),
                "initials": [None if pd.isna(v) else v for v in naive["initials"]]}
naive_xlsx = pd.read_excel(folder + "/cases.xlsx", sheet_name="cases")
out["xlsx"] = {"codes": sorted({str(v) for c in missing for v in naive_xlsx[c].dropna()}),
               "last_modified": [str(v) for v in naive_xlsx["last_modified"]]}
# The REDCap import file as pandas reads it by default: the codes are there, none read as missing.
redcap = pd.read_csv(folder + "/redcap-import.csv", encoding="utf-8-sig", dtype=str)
out["redcap"] = sorted({v for c in redcap.columns for v in redcap[c].dropna() if v in ("NK", "ND", "NAP", "NA")})
print(json.dumps(out))
`;

const R = `
args <- commandArgs(trailingOnly = TRUE)
source(file.path(args[1], "load_dm_sam.R"))
cases <- load_dm_sam("cases", folder = args[1])
codes <- load_dm_sam("cases", folder = args[1], factors = FALSE)
naive <- read.csv(file.path(args[1], "cases.csv"), fileEncoding = "UTF-8-BOM")
missing <- grep("__missing$", names(naive), value = TRUE)
cat("classes", paste(names(cases), vapply(cases, function(x) class(x)[1], ""), sep = "=", collapse = ";"), "\\n")
show <- function(x) paste(ifelse(is.na(x), "<missing>", as.character(x)), collapse = ";")
cat("initials", show(codes$initials), "\\n")
# read.csv keeps an empty text cell as "", and would read a cell "NA" as NA: none is left out but "".
cat("naive_codes", paste(setdiff(sort(unique(na.omit(unlist(lapply(naive[missing], as.character))))), ""), collapse = ";"), "\\n")
cat("levels", paste(levels(cases$department_other__missing), collapse = ";"), "\\n")
cat("cancer_date__missing", show(codes$cancer_date__missing), "\\n")
cat("label", attr(cases$ferritin_ug_l, "label"), "\\n")
cat("dm_onset_date", show(codes$dm_onset_date), "\\n")
cat("department_other", show(codes$department_other), "\\n")
`;

const PANDAS_TYPES: Record<string, RegExp> = {
  integer: /^Int64$/,
  decimal: /^float64$/,
  date: /^datetime64\[ns\]$/,
  datetime: /^datetime64\[ns, UTC\]$/,
  partialDate: /^string$/,
  choice: /^string$/,
  multi: /^string$/,
  text: /^string$/,
};
const R_TYPES: Record<string, string> = {
  integer: "integer",
  decimal: "numeric",
  date: "Date",
  datetime: "POSIXct",
  partialDate: "character",
  choice: "factor",
  multi: "character",
  text: "character",
};

describe.skipIf(!python && !rscript && !pspp)("exports loaded by pandas and R [sqlite]", () => {
  let t: TestDatabase;
  let dir: string;
  let coord: Actor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDatabase("sqlite");
    await addCentre(t.db, "REI");
    const clin = await addUser(t.db, { email: "clin.tools@x.test", role: "CLINICIAN", centreCode: "REI" });
    coord = await addUser(t.db, { email: "coord.tools@x.test", role: "COORDINATOR" });
    const base = sampleRecord(2);
    const full: CaseAnswers = {
      fields: {
        ...base.fields,
        department: { v: "other" },
        department_other: { v: DASH_TEXT },
        ferritin: { code: "NK" },
        splenomegaly: { code: "ND" },
        dm_onset_date: { v: "2014-03" },
      },
      blocks: base.blocks,
    };
    const add = async (initials: string, birthDate: string, answers: CaseAnswers | null) => {
      const { id } = await createCase(t.db, clin, { initials, birthDate, centreCode: "REI", ...ELIGIBLE });
      if (answers)
        await t.db.case.update({
          where: { id },
          data: { answers: answers as object, computed: computeResults(answers, birthDate) as object },
        });
      ids[initials] = id;
    };
    // A patient whose initials are N.A., and one whose are N.D.: text, never a missing value.
    await add("NA", "1962-04-18", full);
    await add("ND", "1975-11-30", null);
    dir = mkdtempSync(join(tmpdir(), "dm-sam-tools-"));
    const zip = Buffer.from(await new Response((await streamExport(t.db, coord, "package-zip")).stream).arrayBuffer());
    for (const [name, bytes] of unzip(zip)) writeFileSync(join(dir, name), bytes);
    writeFileSync(
      join(dir, "cases.xlsx"),
      Buffer.from(await new Response((await streamExport(t.db, coord, "xlsx")).stream).arrayBuffer()),
    );
  }, 60_000);

  afterAll(async () => {
    if (dir && !process.env.KEEP_EXPORT_DIR) rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it.skipIf(!python)(
    "pandas: the loader types every column as columns.csv says and equals the database; codes survive even the defaults",
    async () => {
      const out = JSON.parse(
        execFileSync(python!, ["-c", PANDAS, dir, BLOCKS.map((b) => b.id).join(",")], {
          encoding: "utf8",
          maxBuffer: 64 << 20,
        }),
      ) as {
        redcap: string[];
        loaded: Loaded;
        naive: { codes: string[]; initials: (string | null)[] };
        xlsx: { codes: string[]; last_modified: string[] };
      };
      const columns = caseColumns(DEFAULT_OPTIONS);
      const cases = out.loaded.cases!;
      for (const c of columns) expect(cases.dtypes[c.name], c.name).toMatch(PANDAS_TYPES[c.type]!);
      const stored = await t.db.case.findMany();
      expect(cases.records.map((r) => r.initials).sort()).toEqual(["NA", "ND"]);
      for (const s of stored) {
        const row = cases.records.find((r) => r.record_id === s.id)!;
        expect(row.initials).toBe(s.initials);
        expect(row.birth_date).toBe(`${s.birthDate}T00:00:00.000`);
        const answers = asCaseAnswers(s.answers);
        for (const f of TOP_LEVEL_FIELDS) {
          const { value, code } = expectedCells(f, answers.fields[f.id]);
          const got = row[valueColumnName(f)];
          const where = `${s.initials}.${f.id}`;
          if (value === "") expect(got, where).toBeNull();
          else if (f.type === "number" || f.type === "dose") expect(got, where).toBeCloseTo(Number(value), 9);
          else if (f.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value) && f.precisions.length === 1)
            expect(got, where).toBe(`${value}T00:00:00.000`);
          else expect(got, where).toBe(value);
          if (mayHoldCode(f)) expect(row[missingColumnName(f)], where).toBe(code === "" ? null : code);
        }
      }
      const na = cases.records.find((r) => r.record_id === ids.NA)!;
      expect(na.department_other).toBe(DASH_TEXT);
      expect(na.dm_onset_date).toBe("2014-03");
      expect(na.cancer_date__missing).toBe("NAP");
      expect(na.ferritin__missing).toBe("NK");
      // Every block table too, each column typed as columns.csv says.
      for (const b of BLOCKS)
        for (const c of blockColumns(b.id))
          expect(out.loaded[b.id]!.dtypes[c.name], `${b.id}.${c.name}`).toMatch(PANDAS_TYPES[c.type]!);
      expect(out.redcap).toEqual(["NAP", "ND", "NK"]);
      expect(out.loaded.treatment_lines!.dtypes.row_number).toBe("Int64");
      expect(out.loaded.treatment_lines!.records.length).toBe(
        asCaseAnswers(stored.find((s) => s.id === ids.NA)!.answers).blocks.treatment_lines!.length,
      );
      // pandas' defaults read no code as missing (only initials "NA" need the loader); nor does read_excel.
      expect(out.naive.codes).toEqual(["NAP", "ND", "NK"]);
      expect(out.xlsx.codes).toEqual(["NAP", "ND", "NK"]);
      expect(out.naive.initials).toContain(null);
      // XLSX date-times are Paris wall-clock time (the cell format shows the offset).
      for (const s of stored)
        expect(out.xlsx.last_modified.map((v) => v.slice(0, 19))).toContain(
          parisTime(s.updatedAt.toISOString())!.local,
        );
    },
    120_000,
  );

  it.skipIf(!rscript)(
    "R: the loader types every column (factors with labels) and keeps codes and initials; read.csv's defaults keep the codes",
    () => {
      writeFileSync(join(dir, "check.R"), R);
      const out = execFileSync(rscript!, [join(dir, "check.R"), dir], { encoding: "utf8" });
      const line = (key: string) =>
        out
          .split("\n")
          .find((l) => l.startsWith(`${key} `))!
          .slice(key.length + 1)
          .trim();
      const classes = new Map(
        line("classes")
          .split(";")
          .map((p) => p.split("=") as [string, string]),
      );
      for (const c of caseColumns(DEFAULT_OPTIONS)) {
        const expected = c.type === "choice" && !c.options ? "character" : R_TYPES[c.type];
        expect(classes.get(c.name), c.name).toBe(expected);
      }
      expect(line("initials").split(";").sort()).toEqual(["NA", "ND"]);
      expect(line("naive_codes")).toBe("NAP;ND;NK");
      expect(line("levels")).toBe(
        "Non renseigné dans le dossier;Non réalisé;Non applicable (champ masqué par une condition)",
      );
      expect(line("cancer_date__missing").split(";").sort()).toEqual(["<missing>", "NAP"]);
      expect(line("label")).toBe("Ferritine (pic)");
      expect(line("dm_onset_date").split(";")).toContain("2014-03");
      expect(line("department_other")).toContain(DASH_TEXT);
    },
    120_000,
  );

  it.skipIf(!pspp)(
    "SPSS syntax, run by GNU PSPP: every table saved with its formats, labels and codes",
    () => {
      const run = spawnSync(pspp!, ["-o", join(dir, "pspp.txt"), "load_dm_sam.sps"], { cwd: dir, encoding: "utf8" });
      const log = readFileSync(join(dir, "pspp.txt"), "utf8");
      expect(run.status, log).toBe(0);
      expect(log).not.toMatch(/error/i);
      writeFileSync(
        join(dir, "check.sps"),
        [
          'GET FILE="cases.sav".',
          "DISPLAY DICTIONARY.",
          'SAVE TRANSLATE /OUTFILE="cases-pspp.csv" /TYPE=CSV /FIELDNAMES /REPLACE.',
          "",
        ].join("\n"),
      );
      const check = spawnSync(pspp!, ["-o", join(dir, "check.csv"), "check.sps"], { cwd: dir, encoding: "utf8" });
      const dictionary = readFileSync(join(dir, "check.csv"), "utf8");
      expect(check.status, dictionary).toBe(0);
      const rows = parseCsv(readFileSync(join(dir, "cases-pspp.csv"), "utf8"), { columns: true, bom: true }) as Record<
        string,
        string
      >[];
      expect(rows.map((r) => r.initials!.trim()).sort()).toEqual(["NA", "ND"]);
      const na = rows.find((r) => r.record_id!.trim() === ids.NA)!;
      expect(na.cancer_date__missing!.trim()).toBe("NAP");
      expect(na.ferritin__missing!.trim()).toBe("NK");
      expect(na.department_other!.trim()).toBe(DASH_TEXT);
      expect(na.dm_onset_date!.trim()).toBe("2014-03");
      expect(Number(na.weight_kg)).toBeGreaterThan(0);
      // The dictionary as PSPP reads it: dates as dates, labels and value labels of coded strings.
      expect(dictionary).toMatch(/^ferritin_ug_l,\d+,Ferritine \(pic\),Scale,/m);
      expect(dictionary).toMatch(/^birth_date,\d+,Date de naissance,Scale,Input,\d+,Right,SDATE10,/m);
      expect(dictionary).toMatch(/^last_modified,\d+,[^\n]*DATETIME20/m);
      expect(dictionary).toMatch(/code de donnée manquante,NAP,Non applicable \(champ masqué par une condition\)$/m);
      expect(dictionary).toMatch(/,LOCKED,Verrouillé$/m);
    },
    120_000,
  );

  it.skipIf(!pspp)(
    "SPSS syntax in English, run by GNU PSPP: the same tables with English variable and value labels",
    () => {
      const run = spawnSync(pspp!, ["-o", join(dir, "pspp-en.txt"), "load_dm_sam_en.sps"], {
        cwd: dir,
        encoding: "utf8",
      });
      const log = readFileSync(join(dir, "pspp-en.txt"), "utf8");
      expect(run.status, log).toBe(0);
      expect(log).not.toMatch(/error/i);
      writeFileSync(join(dir, "check-en.sps"), ['GET FILE="cases.sav".', "DISPLAY DICTIONARY.", ""].join("\n"));
      const check = spawnSync(pspp!, ["-o", join(dir, "check-en.csv"), "check-en.sps"], { cwd: dir, encoding: "utf8" });
      const dictionary = readFileSync(join(dir, "check-en.csv"), "utf8");
      expect(check.status, dictionary).toBe(0);
      expect(dictionary).toMatch(/^ferritin_ug_l,\d+,Ferritin \(peak\),Scale,/m);
      expect(dictionary).toMatch(/,LOCKED,Locked$/m);
      expect(dictionary).not.toMatch(/Ferritine \(pic\)/);
    },
    120_000,
  );
});
