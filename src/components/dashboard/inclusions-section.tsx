// Inclusions over time (month of MAS diagnosis, month of entry, month of
// entry per centre) and the progress of data entry per centre.
import { getTranslations } from "next-intl/server";
import { CASE_STATUSES } from "@/domain/lifecycle";
import { byYearAndMonth, type MonthByCategory, type MonthCount } from "@/domain/stats/counts";
import type { DashboardData } from "@/server/dashboard.server";
import { BarChartView } from "./charts";
import styles from "./dashboard.module.css";
import { centreColour, COLOURS, type Fmt } from "./format";
import { chartNaming, tableNaming } from "./figure-naming";
import { DataTable, FigureFrame as Figure } from "./parts";

function monthNames(locale: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, m) => {
    const d = new Date(Date.UTC(2020, m, 1));
    return { short: short.format(d), long: long.format(d) };
  });
}

async function MonthlyFigure(props: {
  id: string;
  title: string;
  series: readonly MonthCount[];
  fmt: Fmt;
  notes?: string[];
}) {
  const t = await getTranslations("dashboard");
  const { id, title, series, fmt } = props;
  const grid = byYearAndMonth(series);
  const names = monthNames(fmt.locale);
  if (series.length === 0)
    return <Figure id={id} title={title} table={<p className={styles.empty}>{t("noData")}</p>} notes={props.notes} />;
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
          {...chartNaming(t, id, title, fmt.locale)}
        />
      }
      table={
        <DataTable
          {...tableNaming(t, id, title)}
          rowHeader={t("inclusions.year")}
          columns={[
            ...names.map((m, i) => ({ key: `m${i}`, label: <abbr title={m.long}>{m.short}</abbr>, numeric: true })),
            { key: "total", label: t("total"), numeric: true },
          ]}
          rows={grid.years.map((y) => ({
            key: y.year,
            header: y.year,
            cells: [...y.months.map((n) => fmt.n(n)), fmt.n(y.total)],
          }))}
          footer={{
            key: "total",
            header: t("total"),
            cells: [...grid.monthTotals.map((n) => fmt.n(n)), fmt.n(grid.total)],
          }}
          scrollable={{ id: `table-${id}` }}
        />
      }
      notes={props.notes}
    />
  );
}

/** "janvier 2026" / "January 2026" for YYYY-MM. */
function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** Inclusions per month of entry, one stacked bar segment per centre; the table has one column per centre. */
async function MonthByCentreFigure(props: {
  table: MonthByCategory;
  centreNames: ReadonlyMap<string, string>;
  fmt: Fmt;
}) {
  const t = await getTranslations("dashboard");
  const { table, fmt } = props;
  const id = "entry-month-centre";
  const title = t("inclusions.byEntryMonthAndCentre");
  if (table.months.length === 0)
    return <Figure id={id} title={title} table={<p className={styles.empty}>{t("noData")}</p>} />;
  // Series keys are positional: a centre code could clash with the "month" key.
  const series = table.categories.map((code, i) => ({ key: `c${i}`, name: code, color: centreColour(i) }));
  return (
    <Figure
      id={id}
      title={title}
      chart={
        <BarChartView
          data={table.months.map((month, m) => ({
            month,
            ...Object.fromEntries(series.map((s, i) => [s.key, table.counts[m]![i]!])),
          }))}
          categoryKey="month"
          series={series}
          stacked
          months
          {...chartNaming(t, id, title, fmt.locale)}
        />
      }
      table={
        <DataTable
          {...tableNaming(t, id, title)}
          rowHeader={t("inclusions.month")}
          columns={[
            ...table.categories.map((code, i) => ({
              key: `c${i}`,
              label: <abbr title={props.centreNames.get(code) ?? code}>{code}</abbr>,
              numeric: true,
            })),
            { key: "total", label: t("total"), numeric: true },
          ]}
          rows={table.months.map((month, m) => ({
            key: month,
            header: monthLabel(month, fmt.locale),
            cells: [...table.counts[m]!.map((n) => fmt.n(n)), fmt.n(table.monthTotals[m]!)],
          }))}
          footer={{
            key: "total",
            header: t("total"),
            cells: [...table.categoryTotals.map((n) => fmt.n(n)), fmt.n(table.total)],
          }}
          scrollable={{ id: `table-${id}` }}
        />
      }
      notes={[t("inclusions.byCentreNote")]}
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
        notes={
          data.inclusions.diagnosisMonthUnknown
            ? [t("inclusions.diagnosisUnknown", { count: data.inclusions.diagnosisMonthUnknown })]
            : []
        }
      />
      <MonthlyFigure
        id="entry-month"
        title={t("inclusions.byEntryMonth")}
        series={data.inclusions.byEntryMonth}
        fmt={fmt}
      />
      <MonthByCentreFigure
        table={data.inclusions.byEntryMonthAndCentre}
        centreNames={new Map(data.centres.map((c) => [c.code, c.name]))}
        fmt={fmt}
      />
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
            {...chartNaming(t, "centres", t("centres.title"), fmt.locale)}
          />
        }
        table={
          <DataTable
            {...tableNaming(t, "centres", t("centres.title"))}
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
              cells: [
                ...CASE_STATUSES.map((s) => fmt.n(c.byStatus[s])),
                fmt.n(c.total),
                fmt.n(c.openQueries),
                fmt.pct(c.meanCompleteness),
              ],
            }))}
            footer={{
              key: "all",
              header: t("centres.all"),
              cells: [
                ...CASE_STATUSES.map((s) => fmt.n(overall.byStatus[s])),
                fmt.n(data.totalCases),
                fmt.n(overall.openQueries),
                fmt.pct(overall.meanCompleteness),
              ],
            }}
            scrollable={{ id: "table-centres" }}
          />
        }
        notes={[t("centres.note")]}
      />
    </section>
  );
}
