// One builder per kind of figure: the kind's selection (figure-model.ts) in,
// the figure's chart, tables and notes out, as plain data for figure.tsx. The
// month kinds and the Kaplan–Meier curve have modules of their own (kind-*.ts).
import { knownOf, missingOf, percentOf, type ChoiceCounts } from "@/domain/stats/counts";
import type { ChartSeries } from "./charts";
import { chartNaming, tableNaming } from "./figure-naming";
import type { DashboardData } from "@/server/dashboard.server";
import {
  type Builder,
  type CategoriesInput,
  type CountsTableInput,
  type DistributionInput,
  type FigureContext,
  type FigureKind,
  type FigureModel,
  type FigureSpec,
  figureModel as figure,
  type ProportionInput,
} from "./figure-model";
import { COLOURS } from "./format";
import { kaplanMeier } from "./kind-kaplan-meier";
import { monthByCategory, monthly } from "./kind-months";
import { fieldLabel } from "./labels";

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
            data: input.rows.map((r) => ({ label: r.chartLabel ?? r.label, ...r.values })),
            categoryKey: "label",
            series: input.series,
            orientation: input.columnsChart ? "columns" : "bars",
            stacked: !input.unstacked,
            ...("height" in input.size
              ? { height: input.size.height }
              : {
                  height: input.size.base + input.rows.length * input.size.rowHeight,
                  categoryWidth: input.size.categoryWidth,
                }),
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

const BUILDERS: { readonly [K in FigureKind]: Builder<K> } = {
  monthly,
  "month-by-category": monthByCategory,
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
