// Outcomes: MAS resolution, relapses, death and its cause, DM status at last
// follow-up, and the Kaplan–Meier survival from the MAS diagnosis.
import { getTranslations } from "next-intl/server";
import { knownOf, missingOf, type ChoiceCounts } from "@/domain/stats/counts";
import { DAYS_PER_MONTH } from "@/domain/stats/dashboard";
import { groupSteps } from "@/domain/stats/kaplan-meier";
import { SURVIVAL_EXCLUSIONS } from "@/domain/stats/survival-data";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import { BarChartView, SurvivalChartView } from "./charts";
import styles from "./dashboard.module.css";
import { COLOURS, type Fmt } from "./format";
import { fieldLabel, optionLabel } from "./labels";
import { chartNaming, tableNaming } from "./figure-naming";
import { DataTable, Figure, type RowGroup } from "./parts";

const round2 = (x: number) => Math.round(x * 100) / 100;

// Up to this many distinct times the table lists each one; beyond, it reads the
// curve month by month (a study of a rare disease stays far below; a table of
// thousands of rows helps no reader and weighs megabytes).
const MAX_STEP_ROWS = 240;

export async function OutcomesSection({ data, fmt, locale }: { data: DashboardData; fmt: Fmt; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const o = data.outcomes;
  const N = data.totalCases;

  // Resolution, death, DM status: each option, then the missing answers, over all cases.
  const choiceGroup = (field: string, counts: ChoiceCounts): RowGroup => ({
    key: field,
    label: fieldLabel(field, locale),
    rows: [
      ...Object.entries(counts.options).map(([value, n]) => ({
        key: value,
        header: optionLabel(field, value, locale),
        cells: [fmt.np(n, counts.total)],
      })),
      { key: "missing", header: t("answers.missing"), cells: [fmt.np(missingOf(counts) + counts.NA, counts.total)] },
    ],
  });

  const deaths = o.deathCause.total;
  const causes = Object.entries(o.deathCause.options);
  const causeMissing = o.deathCause.total - knownOf(o.deathCause);

  // Survival.
  const s = data.survival;
  const km = s.km;
  const months = (days: number) => days / DAYS_PER_MONTH;
  const curve = [
    { months: 0, survival: 100 },
    ...km.steps.map((st) => ({ months: round2(months(st.time)), survival: round2(st.survival * 100) })),
  ];
  const censored = km.steps
    .filter((st) => st.censored > 0)
    .map((st) => ({ months: round2(months(st.time)), survival: round2(st.survival * 100) }));
  const excluded = SURVIVAL_EXCLUSIONS.filter((r) => s.excluded[r] > 0);
  const median =
    km.n === 0
      ? null
      : km.median === null
        ? t("survival.medianNotReached")
        : t("survival.medianValue", { months: fmt.dec(months(km.median)), days: fmt.n(km.median) });

  return (
    <section className={styles.section} aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t("outcomes.title")}</h2>
      <div className={styles.grid}>
        <div>
          <DataTable
            caption={t("outcomes.summaryTitle")}
            rowHeader={t("outcomes.answer")}
            columns={[{ key: "n", label: t("outcomes.casesPct"), numeric: true }]}
            groups={[
              choiceGroup("sam_resolution", o.resolution),
              choiceGroup("death", o.death),
              choiceGroup("dm_status_last", o.dmStatusLast),
            ]}
            testId="table-outcomes"
          />
          <DataTable
            caption={t("outcomes.relapsesTitle")}
            rowHeader={t("outcomes.relapses")}
            columns={[{ key: "n", label: t("outcomes.casesPct"), numeric: true }]}
            rows={o.relapses.distribution.map((n, k) => ({
              key: String(k),
              header: k === 3 ? t("outcomes.relapsesOrMore", { count: 3 }) : fmt.n(k),
              cells: [fmt.np(n, N)],
            }))}
            testId="table-relapses"
          />
          <ul className={styles.notes}>
            <li>{t("outcomes.relapsesNote", { patients: o.relapses.patients, total: o.relapses.total })}</li>
          </ul>
        </div>
        <Figure
          id="death-causes"
          title={t("outcomes.causesTitle")}
          chart={
            deaths ? (
              <BarChartView
                data={[
                  ...causes.map(([value, n]) => ({ label: optionLabel("death_cause", value, locale), deaths: n })),
                  { label: t("answers.missing"), deaths: causeMissing },
                ]}
                categoryKey="label"
                series={[{ key: "deaths", name: t("outcomes.deaths"), color: COLOURS.primary }]}
                orientation="bars"
                height={60 + (causes.length + 1) * 28}
                categoryWidth={170}
                {...chartNaming(t, "death-causes", t("outcomes.causesTitle"), fmt.locale)}
              />
            ) : null
          }
          table={
            <DataTable
              {...tableNaming(t, "death-causes", t("outcomes.causesTitle"))}
              rowHeader={fieldLabel("death_cause", locale)}
              columns={[{ key: "n", label: t("outcomes.deathsPct"), numeric: true }]}
              rows={[
                ...causes.map(([value, n]) => ({
                  key: value,
                  header: optionLabel("death_cause", value, locale),
                  cells: [fmt.np(n, deaths)],
                })),
                { key: "missing", header: t("answers.missing"), cells: [fmt.np(causeMissing, deaths)] },
              ]}
              footer={{ key: "total", header: t("outcomes.deaths"), cells: [fmt.n(deaths)] }}
            />
          }
        />
      </div>

      <Figure
        id="survival"
        title={t("survival.title")}
        chart={
          km.n ? (
            <SurvivalChartView
              curve={curve}
              censored={censored}
              label={t("chartLabel", { title: t("survival.title") })}
              timeAxisLabel={t("survival.monthsAxis")}
              survivalName={t("survival.survival")}
              censoredName={t("survival.censoredMark")}
              locale={fmt.locale}
              testId="chart-survival"
            />
          ) : null
        }
        table={
          <DataTable
            caption={t("survival.milestonesTitle")}
            rowHeader={t("survival.years")}
            columns={[
              { key: "atRisk", label: t("survival.atRisk"), numeric: true },
              { key: "s", label: t("survival.survival"), numeric: true },
            ]}
            rows={s.milestones.map((m) => ({
              key: String(m.years),
              header: t("survival.yearsValue", { years: m.years }),
              cells: [fmt.n(m.atRisk), km.n ? fmt.pct(m.survival * 100) : "—"],
            }))}
            testId="table-survival-milestones"
          />
        }
        notes={[
          t("survival.included", { n: km.n, events: km.events, censored: km.censored }),
          median ? t("survival.median", { median }) : null,
          excluded.length
            ? t("survival.excluded", { count: excluded.reduce((a, r) => a + s.excluded[r], 0) }) +
              " " +
              excluded.map((r) => t(`survival.reasons.${r}`, { count: s.excluded[r] })).join(t("listSeparator"))
            : null,
          s.imputed ? t("survival.imputed", { count: s.imputed }) : null,
        ]}
      >
        <p className={styles.method}>{t("survival.method")}</p>
        {km.steps.length > MAX_STEP_ROWS ? (
          <details className={styles.details} open>
            <summary>{t("survival.monthsSummary", { count: km.steps.length })}</summary>
            <DataTable
              caption={t("survival.monthsTitle")}
              rowHeader={t("survival.month")}
              columns={[
                { key: "atRisk", label: t("survival.atRiskStart"), numeric: true },
                { key: "events", label: t("survival.deaths"), numeric: true },
                { key: "censored", label: t("survival.censored"), numeric: true },
                { key: "s", label: t("survival.survivalEnd"), numeric: true },
                { key: "se", label: t("survival.se"), numeric: true },
              ]}
              rows={groupSteps(km, DAYS_PER_MONTH).map((r) => ({
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
                  r.standardError === null ? "—" : fmt.pct(r.standardError * 100),
                ],
              }))}
              testId="table-survival-steps"
              scrollable={{ id: "table-survival-steps" }}
            />
          </details>
        ) : km.steps.length ? (
          <details className={styles.details} open>
            <summary>{t("survival.stepsSummary", { count: km.steps.length })}</summary>
            <DataTable
              caption={t("survival.stepsTitle")}
              rowHeader={t("survival.timeDays")}
              columns={[
                { key: "months", label: t("survival.timeMonths"), numeric: true },
                { key: "atRisk", label: t("survival.atRisk"), numeric: true },
                { key: "events", label: t("survival.deaths"), numeric: true },
                { key: "censored", label: t("survival.censored"), numeric: true },
                { key: "s", label: t("survival.survival"), numeric: true },
                { key: "se", label: t("survival.se"), numeric: true },
              ]}
              rows={km.steps.map((st) => ({
                key: String(st.time),
                header: fmt.n(st.time),
                cells: [
                  fmt.dec(months(st.time)),
                  fmt.n(st.atRisk),
                  fmt.n(st.events),
                  fmt.n(st.censored),
                  fmt.pct(st.survival * 100),
                  st.standardError === null ? "—" : fmt.pct(st.standardError * 100),
                ],
              }))}
              testId="table-survival-steps"
              scrollable={{ id: "table-survival-steps" }}
            />
          </details>
        ) : null}
      </Figure>
    </section>
  );
}
