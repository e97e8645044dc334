// Inclusions over time (month of MAS diagnosis, month of entry) and the
// progress of data entry per centre.
import { getTranslations } from "next-intl/server";
import { CASE_STATUSES } from "@/domain/lifecycle";
import { byYearAndMonth, type MonthCount } from "@/domain/stats/counts";
import type { DashboardData } from "@/server/dashboard.server";
import { BarChartView } from "./charts";
import styles from "./dashboard.module.css";
import { COLOURS, type Fmt } from "./format";
import { DataTable, Figure } from "./parts";

function monthNames(locale: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, m) => {
    const d = new Date(Date.UTC(2020, m, 1));
    return { short: short.format(d), long: long.format(d) };
  });
}

async function MonthlyFigure(props: { id: string; title: string; series: readonly MonthCount[]; fmt: Fmt; notes?: string[] }) {
  const t = await getTranslations("dashboard");
  const { id, title, series, fmt } = props;
  const grid = byYearAndMonth(series);
  const names = monthNames(fmt.locale);
  if (series.length === 0) return <Figure id={id} title={title} table={<p className={styles.empty}>{t("noData")}</p>} notes={props.notes} />;
  return (
    <Figure
      id={id}
      title={title}
      chart={
        <BarChartView
          data={series.map((m) => ({ month: m.month, count: m.count }))}
          categoryKey="month"
          series={[{ key: "count", name: t("inclusions.cases"), color: COLOURS.primary }]}
          months
          locale={fmt.locale}
          label={t("chartLabel", { title })}
          testId={`chart-${id}`}
        />
      }
      table={
        <DataTable
          caption={t("tableCaption", { title })}
          rowHeader={t("inclusions.year")}
          columns={[
            ...names.map((m, i) => ({ key: `m${i}`, label: <abbr title={m.long}>{m.short}</abbr>, numeric: true })),
            { key: "total", label: t("total"), numeric: true },
          ]}
          rows={grid.years.map((y) => ({ key: y.year, header: y.year, cells: [...y.months.map((n) => fmt.n(n)), fmt.n(y.total)] }))}
          footer={{ key: "total", header: t("total"), cells: [...grid.monthTotals.map((n) => fmt.n(n)), fmt.n(grid.total)] }}
          testId={`table-${id}`}
          scrollable={{ id: `table-${id}` }}
        />
      }
      notes={props.notes}
    />
  );
}

export async function InclusionsSection({ data, fmt }: { data: DashboardData; fmt: Fmt }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("status");
  const statusSeries = CASE_STATUSES.map((s) => ({ key: s, name: ts(s), color: COLOURS.status[s] }));
  const { overall } = data;
  return (
    <section className={styles.section} aria-labelledby="inclusions-title">
      <h2 id="inclusions-title">{t("inclusions.title")}</h2>
      <MonthlyFigure
          id="diagnosis-month"
          title={t("inclusions.byDiagnosisMonth")}
          series={data.inclusions.byDiagnosisMonth}
          fmt={fmt}
          notes={data.inclusions.diagnosisMonthUnknown ? [t("inclusions.diagnosisUnknown", { count: data.inclusions.diagnosisMonthUnknown })] : []}
        />
      <MonthlyFigure id="entry-month" title={t("inclusions.byEntryMonth")} series={data.inclusions.byEntryMonth} fmt={fmt} />
      <Figure
        id="centres"
        title={t("centres.title")}
        chart={
          <BarChartView
            data={data.centres.map((c) => ({ centre: c.code, ...c.byStatus }))}
            categoryKey="centre"
            series={statusSeries}
            stacked
            height={240}
            locale={fmt.locale}
            label={t("chartLabel", { title: t("centres.title") })}
            testId="chart-centres"
          />
        }
        table={
          <DataTable
            caption={t("tableCaption", { title: t("centres.title") })}
            rowHeader={t("centres.centre")}
            columns={[
              ...statusSeries.map((s) => ({ key: s.key, label: s.name, numeric: true })),
              { key: "total", label: t("total"), numeric: true },
              { key: "queries", label: t("centres.openQueries"), numeric: true },
              { key: "completeness", label: t("centres.completeness"), numeric: true },
            ]}
            rows={data.centres.map((c) => ({
              key: c.code,
              header: `${c.code} — ${c.name}`,
              cells: [...CASE_STATUSES.map((s) => fmt.n(c.byStatus[s])), fmt.n(c.total), fmt.n(c.openQueries), fmt.pct(c.meanCompleteness)],
            }))}
            footer={{
              key: "all",
              header: t("centres.all"),
              cells: [...CASE_STATUSES.map((s) => fmt.n(overall.byStatus[s])), fmt.n(data.totalCases), fmt.n(overall.openQueries), fmt.pct(overall.meanCompleteness)],
            }}
            testId="table-centres"
            scrollable={{ id: "table-centres" }}
          />
        }
        notes={[t("centres.note")]}
      />
    </section>
  );
}
