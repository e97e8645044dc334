// The dashboard's inclusion figures, as a list (see descriptive-figures.ts):
// inclusions per month of MAS diagnosis, per month of entry, per month of entry
// and centre, and the progress of data entry per centre.
import { CASE_STATUSES } from "@/domain/lifecycle";
import type { FigureSpec, SectionSpec } from "./figure-model";
import { COLOURS } from "./format";

const diagnosisMonth: FigureSpec = {
  id: "diagnosis-month",
  title: "inclusions.byDiagnosisMonth",
  kind: "monthly",
  select: ({ inclusions }, { t }) => ({
    series: inclusions.byDiagnosisMonth,
    notes: inclusions.diagnosisMonthUnknown
      ? [t("inclusions.diagnosisUnknown", { count: inclusions.diagnosisMonthUnknown })]
      : [],
  }),
};

const entryMonth: FigureSpec = {
  id: "entry-month",
  title: "inclusions.byEntryMonth",
  kind: "monthly",
  select: ({ inclusions }) => ({ series: inclusions.byEntryMonth }),
};

const entryMonthByCentre: FigureSpec = {
  id: "entry-month-centre",
  title: "inclusions.byEntryMonthAndCentre",
  kind: "month-by-category",
  select: (data, { t }) => ({
    table: data.inclusions.byEntryMonthAndCentre,
    names: new Map(data.centres.map((c) => [c.code, c.name])),
    notes: [t("inclusions.byCentreNote")],
  }),
};

/** Cases per centre and status, with open queries and mean completeness; every centre in the footer. */
const centres: FigureSpec = {
  id: "centres",
  title: "centres.title",
  kind: "categories",
  select: (data, { t, fmt, statusLabel }) => {
    const { overall } = data;
    const series = CASE_STATUSES.map((s) => ({ key: s, name: statusLabel(s), color: COLOURS.status[s] }));
    return {
      series,
      rowHeader: t("centres.centre"),
      columns: [
        ...series.map((s) => ({ key: s.key, label: s.name, numeric: true })),
        { key: "total", label: t("total"), numeric: true },
        { key: "queries", label: t("centres.openQueries"), numeric: true },
        { key: "completeness", label: t("centres.completeness"), numeric: true },
      ],
      rows: data.centres.map((c) => ({
        key: c.code,
        label: `${c.code} — ${c.name}`,
        chartLabel: c.code,
        values: c.byStatus,
        cells: [
          ...CASE_STATUSES.map((s) => fmt.n(c.byStatus[s])),
          fmt.n(c.total),
          fmt.n(c.openQueries),
          fmt.pct(c.meanCompleteness),
        ],
      })),
      size: { height: 240 },
      columnsChart: true,
      scrollable: true,
      footer: {
        key: "all",
        header: t("centres.all"),
        cells: [
          ...CASE_STATUSES.map((s) => fmt.n(overall.byStatus[s])),
          fmt.n(data.totalCases),
          fmt.n(overall.openQueries),
          fmt.pct(overall.meanCompleteness),
        ],
      },
      notes: [t("centres.note")],
    };
  },
};

export const INCLUSIONS_SECTION: SectionSpec = {
  id: "inclusions",
  title: "inclusions.title",
  rows: [diagnosisMonth, entryMonth, entryMonthByCentre, centres],
};
