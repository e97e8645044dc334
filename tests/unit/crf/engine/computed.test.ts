import { describe, expect, it } from "vitest";
import { computeResults } from "@/domain/crf/computed";
import { BIRTH, realisticCase } from "./fixtures";
import { answers } from "./helpers";

describe("computeResults — realistic complete DM + MAS case", () => {
  const r = computeResults(realisticCase(), BIRTH);

  it("ages (completed years) and juvenile status", () => {
    // Born 1970-05-20: 44 at onset (2015-01-10), diagnosis (2015-04-15) and MAS (2015-04-01).
    expect(r.age_at_dm_onset).toBe(44);
    expect(r.age_at_dm_diag).toBe(44);
    expect(r.age_at_sam).toBe(44);
    expect(r.juvenile_dm).toBe(false);
  });

  it("body-surface area (Mosteller), 2 decimals", () => {
    // √(175 × 70 / 3600) = √3.4028 = 1.8447 m².
    expect(r.bsa_m2).toBe(1.84);
  });

  it("delay DM diagnosis → MAS is negative when the MAS revealed the DM", () => {
    expect(r.delay_dm_diag_to_sam_days).toBe(-14);
  });

  it("follow-up after the MAS in days", () => {
    // 2015-04-01 → 2019-04-01 = 1461 days (2016 is leap), minus the 20 days from 12 March to 1 April.
    expect(r.followup_days).toBe(1441);
  });

  it("no cancer: no cancer delay, no paraneoplastic window", () => {
    expect(r.delay_cancer_to_dm_diag_days).toBeNull();
    expect(r.paraneoplastic_window).toBeNull();
  });

  it("HScore: every item known, 299 points", () => {
    // immunosuppression 0 + temperature 39.6 °C 49 + both organs 38 + three cytopenias
    // (Hb 8.5, WBC 2.1, platelets 45) 34 + ferritin 12 000 50 + TG 3.2 44 + fibrinogen 1.2 30
    // + AST 150 19 + bone-marrow haemophagocytosis 35.
    expect(r.hscore.complete).toBe(true);
    expect(r.hscore.total).toEqual({ min: 299, max: 299 });
    expect(r.hscore.items.temperature.points).toBe(49);
    expect(r.hscore.items.organomegaly.points).toBe(38);
    expect(r.hscore.items.cytopenias.points).toBe(34);
    expect(r.hscore.items.haemophagocytosis.points).toBe(35);
    expect(r.hscore.items.immunosuppression.points).toBe(0);
    expect(r.hscore.atLeast169).toBe("certain");
    expect(r.hscore.probability.min.label).toBe(">99 %");
  });

  it("HLH-2004: 6 criteria met, NK activity (not tested) and sCD25 (ND) unknown — fulfilled", () => {
    expect(r.hlh_2004.metCount).toBe(6);
    expect(r.hlh_2004.unknownCount).toBe(2);
    expect(r.hlh_2004.fulfilled).toBe("yes");
    expect(r.hlh_2004.criteria).toEqual({
      fever: "met",
      splenomegaly: "met",
      cytopenias: "met",
      hypertriglyceridaemiaOrHypofibrinogenaemia: "met",
      haemophagocytosis: "met",
      lowNkActivity: "unknown",
      ferritin: "met",
      solubleCd25: "unknown",
    });
  });

  it("EULAR/ACR 2017 without biopsy: 10.1 points, definite IIM, DM subgroup", () => {
    // age ≥ 40 2.1 + proximal upper 0.7 + proximal lower 0.8 + heliotrope 3.1 + Gottron's papules 2.1 + enzymes 1.3.
    const e = r.eular_acr_2017;
    expect(e.model).toBe("without_biopsy");
    expect(e.complete).toBe(true);
    expect(e.score).toBeCloseTo(10.1, 10);
    expect(e.probability).toBeCloseTo(1 / (1 + Math.exp(5.33 - 10.1)), 12);
    expect(e.probability).toBeGreaterThan(0.99);
    expect(e.class).toBe("definite");
    expect(e.subgroup).toBe("dm");
  });

  it("2016 MAS criteria: febrile, ferritin > 684 and 4 of 4 laboratory items", () => {
    expect(r.mas_2016.result).toBe("met");
    expect(r.mas_2016.labs).toEqual({ platelets: "met", ast: "met", triglycerides: "met", fibrinogen: "met" });
  });
});

describe("computeResults — missing items", () => {
  it("HScore becomes a range (min < max) over the unknown items", () => {
    const r = computeResults(
      realisticCase({ ferritin: { code: "NK" }, ast: undefined, splenomegaly: { code: "ND" } }),
      BIRTH,
    );
    expect(r.hscore.complete).toBe(false);
    expect([...r.hscore.unknownItems].sort()).toEqual(["ast", "ferritin", "organomegaly"]);
    // Unknowns at their lowest: ferritin 0, AST 0, hepatomegaly only 23 → 215; at their highest: 299.
    expect(r.hscore.total).toEqual({ min: 215, max: 299 });
    expect(r.hscore.total.min).toBeLessThan(r.hscore.total.max);
  });

  it("an unknown cytopenia lineage widens the cytopenia item", () => {
    const r = computeResults(realisticCase({ haemoglobin: { code: "NK" }, leukocytes: 7 }), BIRTH);
    // Platelets low, WBC normal, Hb unknown: one or two lineages → 0 or 24.
    expect(r.hscore.items.cytopenias).toEqual({ points: null, min: 0, max: 24 });
  });

  it("haemophagocytosis found but sites not given: the bone-marrow item is unknown", () => {
    const r = computeResults(realisticCase({ haemophagocytosis_site: undefined }), BIRTH);
    expect(r.hscore.items.haemophagocytosis).toEqual({ points: null, min: 0, max: 35 });
    const spleen = computeResults(realisticCase({ haemophagocytosis_site: ["spleen"] }), BIRTH);
    expect(spleen.hscore.items.haemophagocytosis.points).toBe(0);
    // HLH-2004 counts haemophagocytosis at any site.
    expect(spleen.hlh_2004.criteria.haemophagocytosis).toBe("met");
  });

  it("HLH-2004 stays undetermined while unknown criteria could decide it", () => {
    const r = computeResults(
      realisticCase({
        splenomegaly: { code: "NK" },
        ferritin: undefined,
        haemophagocytosis: "not_searched",
        haemophagocytosis_site: undefined,
      }),
      BIRTH,
    );
    expect(r.hlh_2004.metCount).toBe(3);
    expect(r.hlh_2004.unknownCount).toBe(5);
    expect(r.hlh_2004.fulfilled).toBe("undetermined");
  });

  it("HScore: a marrow aspirate not done counts 0 points (no 35-point range); not recorded (NK) keeps the range", () => {
    const notDone = computeResults(
      realisticCase({ haemophagocytosis: "not_searched", haemophagocytosis_site: undefined }),
      BIRTH,
    );
    expect(notDone.hscore.items.haemophagocytosis).toEqual({ points: 0, min: 0, max: 0 });
    expect(notDone.hscore.notDone).toEqual(["haemophagocytosis"]);
    expect(notDone.hscore.unknownItems).not.toContain("haemophagocytosis");
    const nk = computeResults(
      realisticCase({ haemophagocytosis: { code: "NK" }, haemophagocytosis_site: undefined }),
      BIRTH,
    );
    expect(nk.hscore.items.haemophagocytosis).toEqual({ points: null, min: 0, max: 35 });
    expect(nk.hscore.notDone).toEqual([]);
    expect(nk.hscore.total.max - nk.hscore.total.min).toBe(notDone.hscore.total.max - notDone.hscore.total.min + 35);
  });

  it("an empty record computes nothing definite", () => {
    const r = computeResults(answers({}), BIRTH);
    expect(r.age_at_sam).toBeNull();
    expect(r.bsa_m2).toBeNull();
    expect(r.delay_dm_diag_to_sam_days).toBeNull();
    expect(r.followup_days).toBeNull();
    expect(r.hscore.total).toEqual({ min: 0, max: 337 });
    expect(r.hlh_2004.fulfilled).toBe("undetermined");
    expect(r.eular_acr_2017.score).toBeNull();
  });

  it("BSA needs both height and weight as values (a code is not a value)", () => {
    expect(computeResults(realisticCase({ height_cm: { code: "NK" } }), BIRTH).bsa_m2).toBeNull();
    expect(computeResults(realisticCase({ weight_kg: undefined }), BIRTH).bsa_m2).toBeNull();
  });
});

describe("computeResults — dates and partial dates", () => {
  it("age at a partial date: exact only when the unknown part cannot change it, else a range", () => {
    // Born 20 May: the whole of 2015 straddles the birthday, July 2015 does not.
    const year = computeResults(realisticCase({ dm_onset_date: "2015" }), BIRTH);
    expect(year.age_at_dm_onset).toBeNull();
    expect(year.age_at_dm_onset_range).toEqual({ min: 44, max: 45 });
    const july = computeResults(realisticCase({ dm_onset_date: "2015-07" }), BIRTH);
    expect(july.age_at_dm_onset).toBe(45);
    expect(july.age_at_dm_onset_range).toEqual({ min: 45, max: 45 });
    expect(computeResults(realisticCase({ dm_onset_date: "2015-05" }), BIRTH).age_at_dm_onset).toBeNull();
    expect(computeResults(realisticCase({ dm_onset_date: "2015-05" }), BIRTH).age_at_dm_onset_range).toEqual({
      min: 44,
      max: 45,
    });
    expect(computeResults(realisticCase({ dm_onset_date: "2015-05" }), "1970-06-01").age_at_dm_onset).toBe(44);
  });

  it("a partial onset date whose ages are all ≥ 40 scores the ≥ 40 item (onset 2016, born 1964-02-03: 51 or 52)", () => {
    const r = computeResults(
      realisticCase({ dm_onset_date: "2016", dm_diag_date: "2016-06-01", sam_date: "2016-06-15" }),
      "1964-02-03",
    );
    expect(r.age_at_dm_onset).toBeNull();
    expect(r.age_at_dm_onset_range).toEqual({ min: 51, max: 52 });
    const e = r.eular_acr_2017;
    expect(e.items.ageAtOnset).toEqual({ points: 2.1, min: 2.1, max: 2.1 });
    expect(e.unknownItems).not.toContain("ageAtOnset");
    expect(e.complete).toBe(true);
    expect(e.score).toBeCloseTo(10.1, 10);
    expect(e.subgroup).toBe("dm");
  });

  it("a partial onset date across the 40 edge is unknown between the two bands only", () => {
    // Born 1975-05-20, onset "2015": 39 or 40.
    const e = computeResults(realisticCase({ dm_onset_date: "2015" }), "1975-05-20").eular_acr_2017;
    expect(e.items.ageAtOnset).toEqual({ points: null, min: 1.3, max: 2.1 });
    expect(e.range.min.score).toBeCloseTo(9.3, 10);
    expect(e.range.max.score).toBeCloseTo(10.1, 10);
  });

  it("a year that contains the birth starts the range at 0; a date wholly before the birth gives no age", () => {
    expect(computeResults(realisticCase({ dm_onset_date: "1970" }), BIRTH).age_at_dm_onset_range).toEqual({
      min: 0,
      max: 0,
    });
    expect(computeResults(realisticCase({ dm_onset_date: "1969" }), BIRTH).age_at_dm_onset_range).toBeNull();
  });

  it("juvenile DM from a partial diagnosis date: known when the whole range is on one side of 18", () => {
    // Born 2000-01-01: diagnosis "2015" is 15 whatever the day.
    const young = computeResults(realisticCase({ dm_diag_date: "2015" }), "2000-01-01");
    expect(young.juvenile_dm).toBe(true);
    // Born 1997-06-01: diagnosis "2015" is 17 or 18.
    const edge = computeResults(realisticCase({ dm_diag_date: "2015" }), "1997-06-01");
    expect(edge.age_at_dm_diag_range).toEqual({ min: 17, max: 18 });
    expect(edge.juvenile_dm).toBeNull();
    // Born 1997-06-01: diagnosis "2015-07" is 18.
    expect(computeResults(realisticCase({ dm_diag_date: "2015-07" }), "1997-06-01").juvenile_dm).toBe(false);
    // Onset "2015" at 17 or 18 leaves the EULAR/ACR subgroup open (juvenile or adult DM).
    expect(computeResults(realisticCase({ dm_onset_date: "2015" }), "1997-06-01").eular_acr_2017.subgroup).toBe(
      "unknown",
    );
    expect(computeResults(realisticCase({ dm_onset_date: "2015" }), "2000-01-01").eular_acr_2017.subgroup).toBe(
      "juvenile_dm",
    );
  });

  it("an unknown age at onset makes the EULAR/ACR score a range", () => {
    const e = computeResults(realisticCase({ dm_onset_date: { code: "NK" } }), BIRTH).eular_acr_2017;
    expect(e.complete).toBe(false);
    expect(e.unknownItems).toContain("ageAtOnset");
    expect(e.score).toBeNull();
    // Still definite whatever the age: 8.0 without the age item is already ≥ 7.5.
    expect(e.class).toBe("definite");
  });

  it("delays need day-precise dates", () => {
    expect(computeResults(realisticCase({ dm_diag_date: "2015-04" }), BIRTH).delay_dm_diag_to_sam_days).toBeNull();
    expect(computeResults(realisticCase({ last_followup_date: "2019-03" }), BIRTH).followup_days).toBeNull();
  });

  it("positive delay when the MAS follows the DM diagnosis", () => {
    expect(
      computeResults(realisticCase({ dm_onset_date: "2014-01-10", dm_diag_date: "2014-03-01" }), BIRTH)
        .delay_dm_diag_to_sam_days,
    ).toBe(396);
  });

  it("juvenile DM and a juvenile onset subgroup", () => {
    const r = computeResults(realisticCase(), "2000-01-01");
    expect(r.age_at_dm_diag).toBe(15);
    expect(r.juvenile_dm).toBe(true);
    expect(r.age_at_sam).toBe(15);
    expect(r.eular_acr_2017.subgroup).toBe("juvenile_dm");
  });

  it("cancer within ±3 years of the DM diagnosis is in the paraneoplastic window", () => {
    const inWindow = computeResults(
      realisticCase({ cancer: "yes", cancer_type: "breast", cancer_date: "2013-01-10" }),
      BIRTH,
    );
    // 2013-01-10 → 2015-04-15: 825 days.
    expect(inWindow.delay_cancer_to_dm_diag_days).toBe(825);
    expect(inWindow.paraneoplastic_window).toBe(true);
    const after = computeResults(
      realisticCase({ cancer: "yes", cancer_type: "breast", cancer_date: "2018-04-16" }),
      BIRTH,
    );
    expect(after.delay_cancer_to_dm_diag_days).toBe(-1097);
    expect(after.paraneoplastic_window).toBe(false);
    const early = computeResults(
      realisticCase({ cancer: "yes", cancer_type: "breast", cancer_date: "2011-01-01" }),
      BIRTH,
    );
    expect(early.paraneoplastic_window).toBe(false);
  });

  it("biopsy done switches EULAR/ACR to the with-biopsy model", () => {
    const r = computeResults(
      realisticCase({
        biopsy_done: "yes",
        biopsy_endomysial_infiltrate: "no",
        biopsy_perimysial_perivascular_infiltrate: "yes",
        biopsy_perifascicular_atrophy: "yes",
        biopsy_rimmed_vacuoles: "no",
        biopsy_mxa_expression: "yes",
      }),
      BIRTH,
    );
    const e = r.eular_acr_2017;
    expect(e.model).toBe("with_biopsy");
    // 2.2 + 0.7 + 0.5 + 3.2 + 2.7 + 1.4 + perimysial 1.2 + perifascicular 1.9 = 13.8.
    expect(e.score).toBeCloseTo(13.8, 10);
    expect(e.class).toBe("definite");
  });
});
