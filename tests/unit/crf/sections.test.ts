import { describe, expect, it } from "vitest";
import { dm } from "@/domain/crf/sections/dm";
import { identification } from "@/domain/crf/sections/identification";
import { mas } from "@/domain/crf/sections/mas";
import { outcome } from "@/domain/crf/sections/outcome";
import {
  isBlock,
  type BlockDef,
  type Condition,
  type FieldDef,
  type NumberField,
  type SectionDef,
  type UnitDef,
} from "@/domain/crf/types";

const SECTIONS: readonly SectionDef[] = [dm, mas, outcome];

/** Every field of the sections, block rows included, with where it sits. */
interface Placed {
  readonly field: FieldDef;
  readonly section: SectionDef["id"];
  readonly block?: string;
}
const fieldsOf = (sections: readonly SectionDef[]): Placed[] =>
  sections.flatMap((s) =>
    s.items.flatMap((item): Placed[] =>
      isBlock(item)
        ? item.fields.map((f) => ({ field: f, section: s.id, block: item.id }))
        : [{ field: item, section: s.id }],
    ),
  );
const blocksOf = (sections: readonly SectionDef[]): BlockDef[] => sections.flatMap((s) => s.items.filter(isBlock));

const FIELDS = fieldsOf(SECTIONS);
const ALL: FieldDef[] = FIELDS.map((x) => x.field);
const BLOCKS = blocksOf(SECTIONS);
const byId = (id: string): FieldDef => {
  const f = ALL.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f;
};
const numberById = (id: string): NumberField => {
  const f = byId(id);
  if (f.type !== "number") throw new Error(`${id} is not a number`);
  return f;
};

const SPEC_IDS = {
  dm: [
    "dm_onset_date",
    "dm_diag_date",
    "dm_subtype",
    "weight_kg",
    "height_cm",
    "heliotrope_rash",
    "gottron_papules",
    "gottron_sign",
    "v_sign_shawl_sign",
    "periungual_erythema",
    "mechanics_hands",
    "skin_ulceration",
    "skin_necrosis",
    "calcinosis",
    "panniculitis",
    "alopecia",
    "pruritus",
    "photosensitivity",
    "proximal_weakness_upper",
    "proximal_weakness_lower",
    "neck_flexor_weaker_than_extensor",
    "legs_proximal_weaker_than_distal",
    "myalgia",
    "dysphagia",
    "mmt8",
    "ck_max",
    "aldolase",
    "muscle_enzymes_elevated",
    "emg_myogenic",
    "mri_myositis",
    "biopsy_done",
    "biopsy_endomysial_infiltrate",
    "biopsy_perimysial_perivascular_infiltrate",
    "biopsy_perifascicular_atrophy",
    "biopsy_rimmed_vacuoles",
    "biopsy_mxa_expression",
    "ild",
    "ild_rapidly_progressive",
    "arthritis",
    "raynaud",
    "cardiac_involvement",
    "fever_at_dm_onset",
    "anti_mda5",
    "anti_tif1g",
    "anti_nxp2",
    "anti_mi2",
    "anti_sae",
    "anti_jo1",
    "anti_pl7",
    "anti_pl12",
    "anti_ej",
    "anti_oj",
    "anti_srp",
    "anti_hmgcr",
    "anti_ro52",
    "anti_pm_scl",
    "anti_ku",
    "ana",
    "ana_titre",
    "cancer",
    "cancer_type",
    "cancer_type_other",
    "cancer_date",
  ],
  mas: [
    "dm_activity_at_sam",
    "known_immunosuppression",
    "trigger_dm_flare",
    "trigger_infection",
    "trigger_cancer",
    "trigger_drug",
    "trigger_unknown",
    "infection_type",
    "infection_agent",
    "infection_agent_other",
    "infection_method",
    "temp_max",
    "hepatomegaly",
    "splenomegaly",
    "lymphadenopathy",
    "neurological_signs",
    "haemorrhage",
    "icu_admission",
    "multi_organ_failure",
    "haemoglobin",
    "leukocytes",
    "neutrophils",
    "lymphocytes",
    "platelets",
    "ferritin",
    "triglycerides",
    "fibrinogen",
    "ast",
    "alt",
    "ldh",
    "ck_at_sam",
    "crp",
    "bilirubin",
    "sodium",
    "creatinine",
    "d_dimers",
    "scd25",
    "nk_activity_low",
    "haemophagocytosis",
    "haemophagocytosis_site",
  ],
  outcome: [
    "sam_resolution",
    "sam_resolution_date",
    "relapse_date",
    "relapse_trigger",
    "relapse_treatment",
    "dm_status_last",
    "last_followup_date",
    "death",
    "death_date",
    "death_cause",
    "death_cause_other",
    "icu_stay_days",
    "comments",
  ],
} as const;

describe("DM, MAS and outcome sections — ids", () => {
  it("define every spec id exactly once, in its section", () => {
    for (const [section, ids] of Object.entries(SPEC_IDS)) {
      for (const id of ids) {
        const hits = FIELDS.filter((x) => x.field.id === id);
        expect(
          hits.map((h) => h.section),
          id,
        ).toEqual([section]);
      }
    }
  });

  it("have no duplicate id at all, nor one clashing with identification or a block id", () => {
    const ids = [
      ...ALL.map((f) => f.id),
      ...BLOCKS.map((b) => b.id),
      ...fieldsOf([identification]).map((x) => x.field.id),
    ];
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("keep only snake_case ids", () => {
    for (const id of [...ALL.map((f) => f.id), ...BLOCKS.map((b) => b.id)])
      expect(id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it("leave out identification's sam_date and computed values; the DM section ends with the treatments before MAS", () => {
    const ids = new Set([...ALL.map((f) => f.id), ...BLOCKS.map((b) => b.id)]);
    for (const id of ["sam_date", "age_at_dm_diag", "bsa_m2"]) expect(ids.has(id), id).toBe(false);
    expect(dm.items.at(-1)?.id).toBe("dm_treatments_before_sam");
  });

  it("put row fields in their blocks", () => {
    const rows = (block: string) => FIELDS.filter((x) => x.block === block).map((x) => x.field.id);
    expect(rows("infections")).toEqual([
      "infection_type",
      "infection_agent",
      "infection_agent_other",
      "infection_method",
    ]);
    expect(rows("sam_relapses")).toEqual(["relapse_date", "relapse_trigger", "relapse_treatment"]);
    expect(rows("dm_treatments_before_sam")).toEqual(["drug", "drug_other", "start_date", "ongoing_at_sam"]);
    expect(BLOCKS.map((b) => [b.id, b.maxRows])).toEqual([
      ["dm_treatments_before_sam", 15],
      ["infections", 10],
      ["sam_relapses", 10],
    ]);
  });
});

describe("DM, MAS and outcome sections — labels", () => {
  const labelled = [...ALL, ...BLOCKS, ...SECTIONS];
  it("have French and English labels, non-empty and different from the id", () => {
    for (const x of labelled) {
      for (const text of [x.label.fr, x.label.en]) {
        expect(text.trim(), x.id).not.toBe("");
        expect(text, x.id).not.toBe(x.id);
      }
    }
    for (const b of BLOCKS) expect(b.rowLabel.fr && b.rowLabel.en, b.id).toBeTruthy();
  });

  it("have non-empty help, group and option labels in both languages", () => {
    for (const f of ALL) {
      for (const loc of [f.help, f.group].filter((x) => x !== undefined)) {
        expect(loc.fr.trim(), f.id).not.toBe("");
        expect(loc.en.trim(), f.id).not.toBe("");
      }
      if (f.type === "choice" || f.type === "multi")
        for (const o of f.options)
          expect(o.label.fr.trim() !== "" && o.label.en.trim() !== "", `${f.id}.${o.value}`).toBe(true);
    }
  });

  it("mirror the spec's sub-headings", () => {
    const groups = ALL.filter((f) => f.group).map((f) => f.group?.en);
    for (const g of [
      "Skin",
      "Muscle",
      "Muscle biopsy",
      "Extra-muscular involvement",
      "Antibodies",
      "Cancer",
      "Triggers",
      "Clinical",
    ])
      expect(groups).toContain(g);
    expect(byId("haemoglobin").group?.fr).toBe("Biologie (pire valeur à ± 7 jours du diagnostic)");
  });
});

describe("DM, MAS and outcome sections — options and conditions", () => {
  it("give every choice and multi unique option values", () => {
    for (const f of ALL) {
      if (f.type !== "choice" && f.type !== "multi") continue;
      const values = f.options.map((o) => o.value);
      expect(f.options.length, f.id).toBeGreaterThan(1);
      expect(new Set(values).size, f.id).toBe(values.length);
    }
  });

  it("code antibodies positive / negative / not tested, and the ANA titre 1/80 … 1/2560", () => {
    for (const id of [...SPEC_IDS.dm.filter((id) => id.startsWith("anti_")), "ana"]) {
      const f = byId(id);
      expect(f.type === "choice" && f.options.map((o) => o.value), id).toEqual(["positive", "negative", "not_tested"]);
    }
    const titre = byId("ana_titre");
    expect(titre.type === "choice" && titre.options.map((o) => o.value)).toEqual([
      "1_80",
      "1_160",
      "1_320",
      "1_640",
      "1_1280",
      "1_2560",
    ]);
    const nk = byId("nk_activity_low");
    expect(nk.type === "choice" && nk.options.map((o) => o.value)).toEqual(["yes", "no", "not_tested"]);
    const hp = byId("haemophagocytosis");
    expect(hp.type === "choice" && hp.options.map((o) => o.value)).toEqual(["yes", "no", "not_searched"]);
  });

  it("reference only existing fields in showIf, with a value the field can take", () => {
    const known = [...ALL, ...fieldsOf([identification]).map((x) => x.field)];
    const conditions: Condition[] = [
      ...ALL.flatMap((f) => (f.showIf ? [f.showIf] : [])),
      ...BLOCKS.flatMap((b) => (b.showIf ? [b.showIf] : [])),
    ];
    expect(conditions.length).toBeGreaterThan(10);
    const check = (c: Condition) => {
      if ("all" in c) return c.all.forEach(check);
      if ("any" in c) return c.any.forEach(check);
      const target = known.find((f) => f.id === c.field);
      expect(target, c.field).toBeDefined();
      const values = "equals" in c ? [c.equals] : "in" in c ? c.in : [c.includes];
      const allowed =
        target?.type === "yesno"
          ? ["yes", "no"]
          : target?.type === "choice" || target?.type === "multi"
            ? target.options.map((o) => o.value)
            : [];
      for (const v of values) expect(allowed, `${c.field} = ${v}`).toContain(v);
    };
    conditions.forEach(check);
  });

  it("branch as the spec says", () => {
    const shownIf = (id: string) => byId(id).showIf;
    const yes = (field: string) => ({ field, equals: "yes" });
    for (const id of [
      "biopsy_endomysial_infiltrate",
      "biopsy_perimysial_perivascular_infiltrate",
      "biopsy_perifascicular_atrophy",
      "biopsy_rimmed_vacuoles",
      "biopsy_mxa_expression",
    ])
      expect(shownIf(id), id).toEqual(yes("biopsy_done"));
    expect(shownIf("biopsy_done")).toBeUndefined();
    expect(shownIf("ild_rapidly_progressive")).toEqual(yes("ild"));
    expect(shownIf("ana_titre")).toEqual({ field: "ana", equals: "positive" });
    expect(shownIf("cancer_type")).toEqual(yes("cancer"));
    expect(shownIf("cancer_date")).toEqual(yes("cancer"));
    expect(shownIf("cancer_type_other")).toEqual({ field: "cancer_type", equals: "other" });
    expect(BLOCKS.find((b) => b.id === "infections")?.showIf).toEqual(yes("trigger_infection"));
    expect(shownIf("infection_agent_other")).toEqual({ field: "infection_agent", equals: "other" });
    expect(shownIf("haemophagocytosis_site")).toEqual(yes("haemophagocytosis"));
    expect(shownIf("sam_resolution_date")).toEqual(yes("sam_resolution"));
    expect(shownIf("death_date")).toEqual(yes("death"));
    expect(shownIf("death_cause")).toEqual(yes("death"));
    expect(shownIf("death_cause_other")).toEqual({ field: "death_cause", equals: "other" });
    expect(shownIf("icu_stay_days")).toEqual(yes("icu_admission"));
  });
});

describe("DM, MAS and outcome sections — numbers", () => {
  const NUMBERS = ALL.filter((f): f is NumberField => f.type === "number");

  it("have hard min < max, soft inside hard and positive alternative factors", () => {
    expect(NUMBERS.length).toBeGreaterThanOrEqual(25);
    for (const f of NUMBERS) {
      const { min, max } = f.hard;
      expect(min !== undefined && max !== undefined && min < max, `${f.id} hard`).toBe(true);
      if (f.soft) {
        const s = { min: f.soft.min ?? min!, max: f.soft.max ?? max! };
        expect(s.min < s.max && s.min >= min! && s.max <= max!, `${f.id} soft`).toBe(true);
      }
      if (f.unit) expect(f.unit.factor, f.id).toBe(1);
      for (const u of f.altUnits ?? []) {
        expect(u.factor > 0 && Number.isFinite(u.factor), `${f.id} ${u.id}`).toBe(true);
        expect(u.id, f.id).not.toBe(f.unit?.id);
      }
    }
  });

  it("use stable snake_case unit ids, each with a single label", () => {
    const seen = new Map<string, string>();
    for (const u of NUMBERS.flatMap((f): UnitDef[] => [...(f.unit ? [f.unit] : []), ...(f.altUnits ?? [])])) {
      expect(u.id).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      const label = `${u.label.fr}|${u.label.en}`;
      expect(seen.get(u.id) ?? label, u.id).toBe(label);
      seen.set(u.id, label);
    }
  });

  it("transcribe the spec's units, limits and conversions", () => {
    const spec: [
      string,
      string | undefined,
      [number, number],
      [number, number] | undefined,
      Record<string, number>?,
    ][] = [
      ["weight_kg", "kg", [1, 350], [30, 200]],
      ["height_cm", "cm", [40, 250], [130, 210]],
      ["mmt8", undefined, [0, 80], undefined],
      ["ck_max", "iu_l", [0, 500000], [10, 100000]],
      ["aldolase", "iu_l", [0, 1000], undefined],
      ["temp_max", "celsius", [30, 45], [35, 42]],
      ["haemoglobin", "g_dl", [1, 25], [4, 20], { g_l: 0.1, mmol_l: 1.611 }],
      ["leukocytes", "g_per_l", [0, 500], [0.1, 100], { per_mm3: 0.001 }],
      ["neutrophils", "g_per_l", [0, 300], [0, 50]],
      ["lymphocytes", "g_per_l", [0, 300], [0, 50]],
      ["platelets", "g_per_l", [0, 3000], [1, 1000], { per_mm3: 0.001 }],
      // µg/L = ng/mL: laboratories print either.
      ["ferritin", "ug_l", [0, 500000], [5, 150000], { ng_ml: 1 }],
      ["triglycerides", "mmol_l", [0, 100], [0.2, 20], { g_l: 1.129, mg_dl: 0.01129 }],
      ["fibrinogen", "g_l", [0, 20], [0.2, 10], { mg_dl: 0.01 }],
      ["ast", "iu_l", [0, 50000], [5, 5000]],
      ["alt", "iu_l", [0, 50000], [5, 5000]],
      ["ldh", "iu_l", [0, 50000], [50, 10000]],
      ["ck_at_sam", "iu_l", [0, 500000], undefined],
      ["crp", "mg_l", [0, 1000], [0, 500]],
      ["bilirubin", "umol_l", [0, 1000], undefined, { mg_dl: 17.1 }],
      ["sodium", "mmol_l", [90, 200], [115, 160]],
      ["creatinine", "umol_l", [5, 3000], undefined, { mg_dl: 88.4 }],
      ["d_dimers", "ug_l_feu", [0, 100000], undefined],
      ["scd25", "u_ml", [0, 100000], undefined],
      ["icu_stay_days", "days", [0, 365], undefined],
    ];
    for (const [id, unitId, hard, soft, alts] of spec) {
      const f = numberById(id);
      expect(f.unit?.id, id).toBe(unitId);
      expect(f.hard, id).toEqual({ min: hard[0], max: hard[1] });
      expect(f.soft, id).toEqual(soft && { min: soft[0], max: soft[1] });
      expect(Object.fromEntries((f.altUnits ?? []).map((u) => [u.id, u.factor])), id).toEqual(alts ?? {});
    }
    expect(NUMBERS.map((f) => f.id).sort()).toEqual(spec.map(([id]) => id).sort());
    expect(
      NUMBERS.filter((f) => f.integer)
        .map((f) => f.id)
        .sort(),
    ).toEqual(["icu_stay_days", "mmt8"]);
  });

  it("convert typical reports into the soft range (no factor inverted)", () => {
    const canonical = (id: string, unitId: string, entered: number) => {
      const u = numberById(id).altUnits?.find((x) => x.id === unitId);
      if (!u) throw new Error(`${id}: no ${unitId}`);
      return entered * u.factor;
    };
    const inSoft = (id: string, v: number) => {
      const { soft } = numberById(id);
      return v >= (soft?.min ?? -Infinity) && v <= (soft?.max ?? Infinity);
    };
    expect(canonical("haemoglobin", "g_l", 120)).toBeCloseTo(12);
    expect(canonical("haemoglobin", "mmol_l", 7.45)).toBeCloseTo(12, 1);
    expect(canonical("platelets", "per_mm3", 150000)).toBeCloseTo(150);
    expect(canonical("triglycerides", "g_l", 3.5)).toBeCloseTo(3.95, 2);
    expect(canonical("triglycerides", "mg_dl", 350)).toBeCloseTo(3.95, 2);
    expect(canonical("fibrinogen", "mg_dl", 150)).toBeCloseTo(1.5);
    expect(canonical("bilirubin", "mg_dl", 1)).toBeCloseTo(17.1);
    expect(canonical("creatinine", "mg_dl", 1)).toBeCloseTo(88.4);
    for (const [id, v] of [
      ["haemoglobin", 12],
      ["platelets", 150],
      ["triglycerides", 3.95],
      ["fibrinogen", 1.5],
    ] as const)
      expect(inSoft(id, v), id).toBe(true);
  });
});

describe("DM, MAS and outcome sections — dates, text, requiredness", () => {
  it("accept the spec's date precisions", () => {
    const precisions = (id: string) => {
      const f = byId(id);
      return f.type === "date" ? f.precisions : undefined;
    };
    for (const id of ["dm_onset_date", "dm_diag_date", "cancer_date", "relapse_date", "sam_resolution_date"])
      expect(precisions(id), id).toEqual(["day", "month", "year"]);
    for (const id of ["death_date", "last_followup_date"]) expect(precisions(id), id).toEqual(["day", "month"]);
    // The seven above and the treatment's start date (dm_treatments_before_sam).
    expect(ALL.filter((f) => f.type === "date").length).toBe(8);
  });

  it("limit free text", () => {
    const text = ALL.flatMap((f) => (f.type === "text" ? [[f.id, f.maxLength, f.multiline ?? false] as const] : []));
    expect(text).toEqual(
      expect.arrayContaining([
        ["cancer_type_other", 200, false],
        ["infection_agent_other", 200, false],
        ["death_cause_other", 200, false],
        ["relapse_treatment", 300, true],
        ["comments", 2000, true],
      ]),
    );
    for (const [id, max] of text) expect(max, id).toBeLessThanOrEqual(id === "comments" ? 2000 : 500);
  });

  it("require every field except comments", () => {
    expect(ALL.filter((f) => f.required === false).map((f) => f.id)).toEqual(["comments"]);
  });

  it("use multi-choice where several answers coexist", () => {
    for (const id of ["infection_method", "haemophagocytosis_site", "relapse_trigger"])
      expect(byId(id).type, id).toBe("multi");
  });
});
