// One builder per kind of figure: the kind's selection (figure-model.ts) in,
// the figure's chart, tables and notes out, as plain data for figure.tsx.
import { knownOf, missingOf, percentOf, type ChoiceCounts } from "@/domain/stats/counts";
import { DAYS_PER_MONTH } from "@/domain/stats/dashboard";
import { groupSteps } from "@/domain/stats/kaplan-meier";
import { SURVIVAL_EXCLUSIONS } from "@/domain/stats/survival-data";
import type { DashboardData } from "@/server/dashboard.server";
import type { ChartSeries } from "./charts";
import { chartNaming, tableNaming } from "./figure-naming";
import type {
  CategoriesInput,
  CountsTableInput,
  DistributionInput,
  FigureContext,
  FigureKind,
  FigureModel,
  FigureSpec,
  KindInputs,
  ProportionInput,
} from "./figure-model";
import { COLOURS } from "./format";
import { fieldLabel } from "./labels";

type Builder<K extends FigureKind> = (
  id: string,
  title: string,
  input: KindInputs[K],
  ctx: FigureContext,
) => FigureModel;

const figure = (id: string, title: string, parts: Partial<FigureModel>): FigureModel => ({
  id,
  title,
  frame: "figure",
  chart: null,
  tables: [],
  notes: [],
  extras: [],
  ...parts,
});

const proportion: Builder<"proportion"> = (id, title, input: ProportionInput, { t, fmt, locale }) => {
  const all = input.groups.flatMap((g) => g.fields);
  const withNa = all.some((f) => f.counts.NA > 0);
  const series: ChartSeries[] = [
    { key: "yes", name: t("answers.yes"), color: COLOURS.yesNo.yes },
    { key: "no", name: t("answers.no"), color: COLOURS.yesNo.no },
    { key: "missing", name: t("answers.missing"), color: COLOURS.yesNo.missing },
    ...(withNa ? [{ key: "NA", name: t("answers.notApplicable"), color: COLOURS.yesNo.NA }] : []),
  ];
  const yes = (c: ChoiceCounts) => c.options.yes ?? 0;
  const no = (c: ChoiceCounts) => c.options.no ?? 0;
  return figure(id, title, {
    chart: {
      type: "bars",
      data: all.map((f) => ({
        label: fieldLabel(f.field, locale),
        yes: yes(f.counts),
        no: no(f.counts),
        missing: missingOf(f.counts),
        NA: f.counts.NA,
      })),
      categoryKey: "label",
      series,
      orientation: "bars",
      stacked: true,
      height: 60 + all.length * 34,
      categoryWidth: 260,
      ...chartNaming(t, id, title, fmt.locale),
    },
    tables: [
      {
        ...tableNaming(t, id, title),
        rowHeader: input.rowHeader,
        columns: [
          { key: "yes", label: t("answers.yes"), numeric: true },
          { key: "no", label: t("answers.no"), numeric: true },
          { key: "missing", label: t("answers.missing"), numeric: true },
          ...(withNa ? [{ key: "NA", label: t("answers.notApplicable"), numeric: true }] : []),
          { key: "pct", label: t("answers.yesAmongKnown"), numeric: true },
        ],
        groups: input.groups.map((g) => ({
          key: g.key,
          label: g.label,
          rows: g.fields.map((f) => ({
            key: f.field,
            header: fieldLabel(f.field, locale),
            cells: [
              fmt.n(yes(f.counts)),
              fmt.n(no(f.counts)),
              fmt.n(missingOf(f.counts)),
              ...(withNa ? [fmt.n(f.counts.NA)] : []),
              fmt.pct(percentOf(yes(f.counts), knownOf(f.counts))),
            ],
          })),
        })),
        scrollable: { id: `table-${id}` },
      },
    ],
    notes: [input.note],
  });
};

const categories: Builder<"categories"> = (id, title, input: CategoriesInput, { t, fmt }) =>
  figure(id, title, {
    chart:
      input.noData || input.noChart
        ? null
        : {
            type: "bars",
            data: input.rows.map((r) => ({ label: r.label, ...r.values })),
            categoryKey: "label",
            series: input.series,
            orientation: "bars",
            stacked: !input.unstacked,
            height: input.size.base + input.rows.length * input.size.rowHeight,
            categoryWidth: input.size.categoryWidth,
            ...chartNaming(t, id, title, fmt.locale),
          },
    tables: input.noData
      ? []
      : [
          {
            ...tableNaming(t, id, title),
            rowHeader: input.rowHeader,
            columns: input.columns,
            rows: input.rows.map((r) => ({ key: r.key, header: r.label, cells: r.cells })),
            footer: input.footer,
            scrollable: input.scrollable ? { id: `table-${id}` } : undefined,
          },
        ],
    notes: input.notes ?? [],
    extras: input.extras ?? [],
  });

const distribution: Builder<"distribution"> = (id, title, input: DistributionInput, { t, fmt }) =>
  figure(id, title, {
    chart: {
      type: "bars",
      data: input.bins.map((b) => ({ label: b.label, cases: b.count })),
      categoryKey: "label",
      sparseTicks: input.sparseTicks,
      series: [{ key: "cases", name: t("inclusions.cases"), color: COLOURS.primary }],
      ...chartNaming(t, id, title, fmt.locale),
    },
    tables: [
      {
        ...tableNaming(t, id, title),
        rowHeader: input.rowHeader,
        columns: [{ key: "n", label: t("inclusions.cases"), numeric: true }],
        rows: input.bins.map((b) => ({ key: b.key, header: b.label, cells: [b.cell] })),
        footer: input.footer,
      },
    ],
    notes: input.notes ?? [],
    extras: input.extras ?? [],
  });

const countsTable: Builder<"counts-table"> = (id, title, input: CountsTableInput) =>
  figure(id, title, { frame: "none", tables: input.tables, notes: input.notes ?? [] });

const round2 = (x: number) => Math.round(x * 100) / 100;

// Up to this many distinct times the table lists each one; beyond, it reads the
// curve month by month (a study of a rare disease stays far below; a table of
// thousands of rows helps no reader and weighs megabytes).
const MAX_STEP_ROWS = 240;

/** The Kaplan–Meier survival from the MAS diagnosis: the step curve, survival at milestones, the curve's table. */
const kaplanMeier: Builder<"kaplan-meier"> = (id, title, s: DashboardData["survival"], { t, fmt }) => {
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

const BUILDERS: { readonly [K in FigureKind]: Builder<K> } = {
  proportion,
  categories,
  distribution,
  "counts-table": countsTable,
  "kaplan-meier": kaplanMeier,
};

/** A specification's figure over these data. */
export function buildFigure(spec: FigureSpec, data: DashboardData, ctx: FigureContext): FigureModel {
  const build = BUILDERS[spec.kind] as Builder<typeof spec.kind>;
  return build(spec.id, ctx.t(spec.title), spec.select(data, ctx) as never, ctx);
}
