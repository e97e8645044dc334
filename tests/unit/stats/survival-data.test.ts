import { describe, expect, it } from "vitest";
import type { CaseAnswers, FieldAnswer } from "@/domain/crf/answers";
import { imputedDay, survivalDatum } from "@/domain/stats/survival-data";

const answers = (fields: Record<string, FieldAnswer>): CaseAnswers => ({ fields, blocks: {} });
const v = (value: string): FieldAnswer => ({ v: value });

describe("survival observation of a case", () => {
  it("alive: censored at the last follow-up, in days from the MAS diagnosis", () => {
    expect(
      survivalDatum(answers({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2015-07-01") })),
    ).toEqual({
      kind: "observation",
      observation: { time: 30, event: false },
      imputed: false,
    });
  });

  it("dead: the event at the date of death, or at the last follow-up when the date of death is missing", () => {
    expect(
      survivalDatum(
        answers({
          sam_date: v("2015-06-01"),
          death: v("yes"),
          death_date: v("2015-06-11"),
          last_followup_date: v("2015-06-11"),
        }),
      ),
    ).toMatchObject({
      observation: { time: 10, event: true },
    });
    expect(
      survivalDatum(
        answers({
          sam_date: v("2015-06-01"),
          death: v("yes"),
          death_date: { code: "NK" },
          last_followup_date: v("2015-06-21"),
        }),
      ),
    ).toMatchObject({
      observation: { time: 20, event: true },
    });
  });

  it("places a month-precision date on the 15th", () => {
    expect(imputedDay("2018-02")).toBe("2018-02-15");
    // 2015-06-01 → 2018-02-15
    expect(
      survivalDatum(answers({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2018-02") })),
    ).toEqual({
      kind: "observation",
      observation: { time: 990, event: false },
      imputed: true,
    });
  });

  it("in the month of the diagnosis, uses the middle of the days left after it", () => {
    // Diagnosis 2015-06-20; death in June 2015: possible days 20–30 → 20 + ⌊10/2⌋ = 25.
    expect(imputedDay("2015-06", "2015-06-20")).toBe("2015-06-25");
    expect(
      survivalDatum(answers({ sam_date: v("2015-06-20"), death: v("yes"), death_date: v("2015-06") })),
    ).toMatchObject({
      observation: { time: 5, event: true },
      imputed: true,
    });
    // Diagnosis on the 1st: the whole month, the 15th.
    expect(imputedDay("2015-06", "2015-06-01")).toBe("2015-06-15");
  });

  it("excludes and names what is missing or contradictory", () => {
    const reason = (fields: Record<string, FieldAnswer>) => {
      const d = survivalDatum(answers(fields));
      return d.kind === "excluded" ? d.reason : "included";
    };
    expect(reason({ death: v("no"), last_followup_date: v("2018-01-10") })).toBe("no_start_date");
    expect(reason({ sam_date: v("2015-06-01"), last_followup_date: v("2018-01-10") })).toBe("vital_status_unknown");
    expect(reason({ sam_date: v("2015-06-01"), death: { code: "NK" }, last_followup_date: v("2018-01-10") })).toBe(
      "vital_status_unknown",
    );
    expect(reason({ sam_date: v("2015-06-01"), death: v("no") })).toBe("no_end_date");
    expect(reason({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: { code: "NK" } })).toBe(
      "no_end_date",
    );
    expect(reason({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2018") })).toBe("imprecise_date");
    expect(reason({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2015-05-30") })).toBe(
      "end_before_start",
    );
    expect(reason({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2015-05") })).toBe(
      "end_before_start",
    );
    expect(reason({ sam_date: v("2015-06-01"), death: v("no"), last_followup_date: v("2015-06-01") })).toBe("included");
  });
});
