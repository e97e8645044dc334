// The month kinds: cases per month (a column a month; the table a row a year,
// a column a month), and cases per month and category (stacked columns, one
// colour a centre; the table a row a month, a column a category).
import { byYearAndMonth } from "@/domain/stats/counts";
import { chartNaming, tableNaming } from "./figure-naming";
import { type Builder, figureModel as figure } from "./figure-model";
import { centreColour, COLOURS } from "./format";

function monthNames(locale: string): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" });
  const long = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, m) => {
    const d = new Date(Date.UTC(2020, m, 1));
    return { short: short.format(d), long: long.format(d) };
  });
}

/** "janvier 2026" / "January 2026" for YYYY-MM. */
function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

export const monthly: Builder<"monthly"> = (id, title, { series, notes = [] }, { t, fmt }) => {
  if (series.length === 0) return figure(id, title, { notes });
  const grid = byYearAndMonth(series);
  return figure(id, title, {
    chart: {
      type: "bars",
      data: series.map((m) => ({ month: m.month, count: m.count })),
      categoryKey: "month",
      series: [{ key: "count", name: t("inclusions.cases"), color: COLOURS.primary }],
      months: true,
      ...chartNaming(t, id, title, fmt.locale),
    },
    tables: [
      {
        ...tableNaming(t, id, title),
        rowHeader: t("inclusions.year"),
        columns: [
          ...monthNames(fmt.locale).map((m, i) => ({ key: `m${i}`, label: m.short, title: m.long, numeric: true })),
          { key: "total", label: t("total"), numeric: true },
        ],
        rows: grid.years.map((y) => ({
          key: y.year,
          header: y.year,
          cells: [...y.months.map((n) => fmt.n(n)), fmt.n(y.total)],
        })),
        footer: {
          key: "total",
          header: t("total"),
          cells: [...grid.monthTotals.map((n) => fmt.n(n)), fmt.n(grid.total)],
        },
        scrollable: { id: `table-${id}` },
      },
    ],
    notes,
  });
};

export const monthByCategory: Builder<"month-by-category"> = (id, title, { table, names, notes = [] }, { t, fmt }) => {
  if (table.months.length === 0) return figure(id, title, { notes: [] });
  // Series keys are positional: a centre code could clash with the "month" key.
  const series = table.categories.map((code, i) => ({ key: `c${i}`, name: code, color: centreColour(i) }));
  return figure(id, title, {
    chart: {
      type: "bars",
      data: table.months.map((month, m) => ({
        month,
        ...Object.fromEntries(series.map((s, i) => [s.key, table.counts[m]![i]!])),
      })),
      categoryKey: "month",
      series,
      stacked: true,
      months: true,
      ...chartNaming(t, id, title, fmt.locale),
    },
    tables: [
      {
        ...tableNaming(t, id, title),
        rowHeader: t("inclusions.month"),
        columns: [
          ...table.categories.map((code, i) => ({
            key: `c${i}`,
            label: code,
            title: names.get(code) ?? code,
            numeric: true,
          })),
          { key: "total", label: t("total"), numeric: true },
        ],
        rows: table.months.map((month, m) => ({
          key: month,
          header: monthLabel(month, fmt.locale),
          cells: [...table.counts[m]!.map((n) => fmt.n(n)), fmt.n(table.monthTotals[m]!)],
        })),
        footer: {
          key: "total",
          header: t("total"),
          cells: [...table.categoryTotals.map((n) => fmt.n(n)), fmt.n(table.total)],
        },
        scrollable: { id: `table-${id}` },
      },
    ],
    notes,
  });
};
