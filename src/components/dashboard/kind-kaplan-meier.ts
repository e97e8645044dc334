// The Kaplan–Meier kind: the survival from the MAS diagnosis as a step curve
// with its censored marks, survival at yearly milestones, the curve's table
// (each observed time, or month by month when there are many).
import { DAYS_PER_MONTH } from "@/domain/stats/outcomes";
import { groupSteps } from "@/domain/stats/kaplan-meier";
import { SURVIVAL_EXCLUSIONS } from "@/domain/stats/survival-data";
import type { DashboardData } from "@/server/dashboard.server";
import { type Builder, figureModel as figure } from "./figure-model";

const round2 = (x: number) => Math.round(x * 100) / 100;

// Up to this many distinct times the table lists each one; beyond, it reads the
// curve month by month (a study of a rare disease stays far below; a table of
// thousands of rows helps no reader and weighs megabytes).
const MAX_STEP_ROWS = 240;

/** The Kaplan–Meier survival from the MAS diagnosis: the step curve, survival at milestones, the curve's table. */
export const kaplanMeier: Builder<"kaplan-meier"> = (id, title, s: DashboardData["survival"], { t, fmt }) => {
  const km = s.km;
  const months = (days: number) => days / DAYS_PER_MONTH;
  const point = (time: number, survival: number) => ({
    months: round2(months(time)),
    survival: round2(survival * 100),
  });
  const excluded = SURVIVAL_EXCLUSIONS.filter((r) => s.excluded[r] > 0);
  const median =
    km.n === 0
      ? null
      : km.median === null
        ? t("survival.medianNotReached")
        : t("survival.medianValue", { months: fmt.dec(months(km.median)), days: fmt.n(km.median) });
  const se = (x: number | null) => (x === null ? "—" : fmt.pct(x * 100));
  const byMonth = km.steps.length > MAX_STEP_ROWS;
  const stepsTable = {
    testId: "table-survival-steps",
    scrollable: { id: "table-survival-steps" },
    ...(byMonth
      ? {
          caption: t("survival.monthsTitle"),
          rowHeader: t("survival.month"),
          columns: [
            { key: "atRisk", label: t("survival.atRiskStart"), numeric: true },
            { key: "events", label: t("survival.deaths"), numeric: true },
            { key: "censored", label: t("survival.censored"), numeric: true },
            { key: "s", label: t("survival.survivalEnd"), numeric: true },
            { key: "se", label: t("survival.se"), numeric: true },
          ],
          rows: groupSteps(km, DAYS_PER_MONTH).map((r) => ({
            key: String(r.start),
            header: t("survival.monthRange", {
              from: Math.round(r.start / DAYS_PER_MONTH),
              to: Math.round(r.end / DAYS_PER_MONTH),
            }),
            cells: [
              fmt.n(r.atRisk),
              fmt.n(r.events),
              fmt.n(r.censored),
              fmt.pct(r.survival * 100),
              se(r.standardError),
            ],
          })),
        }
      : {
          caption: t("survival.stepsTitle"),
          rowHeader: t("survival.timeDays"),
          columns: [
            { key: "months", label: t("survival.timeMonths"), numeric: true },
            { key: "atRisk", label: t("survival.atRisk"), numeric: true },
            { key: "events", label: t("survival.deaths"), numeric: true },
            { key: "censored", label: t("survival.censored"), numeric: true },
            { key: "s", label: t("survival.survival"), numeric: true },
            { key: "se", label: t("survival.se"), numeric: true },
          ],
          rows: km.steps.map((st) => ({
            key: String(st.time),
            header: fmt.n(st.time),
            cells: [
              fmt.dec(months(st.time)),
              fmt.n(st.atRisk),
              fmt.n(st.events),
              fmt.n(st.censored),
              fmt.pct(st.survival * 100),
              se(st.standardError),
            ],
          })),
        }),
  };
  return figure(id, title, {
    chart: km.n
      ? {
          type: "survival",
          curve: [{ months: 0, survival: 100 }, ...km.steps.map((st) => point(st.time, st.survival))],
          censored: km.steps.filter((st) => st.censored > 0).map((st) => point(st.time, st.survival)),
          label: t("chartLabel", { title }),
          timeAxisLabel: t("survival.monthsAxis"),
          survivalName: t("survival.survival"),
          censoredName: t("survival.censoredMark"),
          locale: fmt.locale,
          testId: `chart-${id}`,
        }
      : null,
    tables: [
      {
        caption: t("survival.milestonesTitle"),
        rowHeader: t("survival.years"),
        columns: [
          { key: "atRisk", label: t("survival.atRisk"), numeric: true },
          { key: "s", label: t("survival.survival"), numeric: true },
        ],
        rows: s.milestones.map((m) => ({
          key: String(m.years),
          header: t("survival.yearsValue", { years: m.years }),
          cells: [fmt.n(m.atRisk), km.n ? fmt.pct(m.survival * 100) : "—"],
        })),
        testId: "table-survival-milestones",
      },
    ],
    notes: [
      t("survival.included", { n: km.n, events: km.events, censored: km.censored }),
      median ? t("survival.median", { median }) : null,
      excluded.length
        ? t("survival.excluded", { count: excluded.reduce((a, r) => a + s.excluded[r], 0) }) +
          " " +
          excluded.map((r) => t(`survival.reasons.${r}`, { count: s.excluded[r] })).join(t("listSeparator"))
        : null,
      s.imputed ? t("survival.imputed", { count: s.imputed }) : null,
    ],
    extras: [
      { type: "paragraph", text: t("survival.method") },
      ...(km.steps.length
        ? [
            {
              type: "details" as const,
              summary: t(byMonth ? "survival.monthsSummary" : "survival.stepsSummary", { count: km.steps.length }),
              table: stepsTable,
            },
          ]
        : []),
    ],
  });
};
