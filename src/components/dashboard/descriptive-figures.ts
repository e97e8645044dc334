// The dashboard's descriptive figures, as a list: each names its kind
// (figure-model.ts) and selects its numbers from the dashboard data; figure.tsx
// renders any of them, in this order. Antibody profile, DM features, MAS
// triggers, HScore and HLH-2004 distributions, treatments by drug and by line.
import { knownOf, missingOf, percentOf, type ChoiceCounts } from "@/domain/stats/counts";
import { NO_LINE } from "@/domain/stats/dashboard";
import type { ChartSeries } from "./charts";
import type { FigureContext, FigureSpec, SectionSpec, TableModel } from "./figure-model";
import { COLOURS } from "./format";
import { drugLabel, fieldLabel, treatmentOptionLabel } from "./labels";

const RESPONSES = ["complete", "partial", "none", "not_assessable"] as const;

/** Response at day 7–14, then the missing answers: the treatment figures' series. */
const responseSeries = ({ t, locale }: FigureContext): ChartSeries[] => [
  ...RESPONSES.map((r) => ({
    key: r,
    name: treatmentOptionLabel("response_d7_14", r, locale),
    color: COLOURS.response[r],
  })),
  { key: "missing", name: t("answers.missing"), color: COLOURS.response.missing },
];

/** The bar segments of a response count. */
const responseValues = (responses: ChoiceCounts) => ({
  ...Object.fromEntries(RESPONSES.map((r) => [r, responses.options[r] ?? 0])),
  missing: responses.total - knownOf(responses),
});

/** Each response (and the missing ones) as "n (p %)" of the lines. */
const responseCells = ({ fmt }: FigureContext, responses: ChoiceCounts, lines: number) => [
  ...RESPONSES.map((r) => fmt.np(responses.options[r] ?? 0, lines)),
  fmt.np(responses.total - knownOf(responses), lines),
];

const numericColumns = (series: readonly ChartSeries[]) =>
  series.map((s) => ({ key: s.key, label: s.name, numeric: true }));

const antibodies: FigureSpec = {
  id: "antibodies",
  title: "antibodies.title",
  kind: "categories",
  select: (data, { t, fmt, locale }) => {
    const N = data.totalCases;
    const series: ChartSeries[] = [
      { key: "positive", name: t("antibodies.positive"), color: COLOURS.antibody.positive },
      { key: "negative", name: t("antibodies.negative"), color: COLOURS.antibody.negative },
      { key: "not_tested", name: t("antibodies.notTested"), color: COLOURS.antibody.not_tested },
      { key: "missing", name: t("answers.missing"), color: COLOURS.antibody.missing },
    ];
    return {
      series,
      rowHeader: t("antibodies.antibody"),
      columns: [...numericColumns(series), { key: "rate", label: t("antibodies.positiveAmongTested"), numeric: true }],
      rows: data.antibodies.map((a) => {
        const o = a.counts.options;
        const v = {
          positive: o.positive ?? 0,
          negative: o.negative ?? 0,
          not_tested: o.not_tested ?? 0,
          missing: a.counts.total - knownOf(a.counts),
        };
        return {
          key: a.field,
          label: fieldLabel(a.field, locale),
          values: v,
          cells: [
            fmt.np(v.positive, N),
            fmt.np(v.negative, N),
            fmt.np(v.not_tested, N),
            fmt.np(v.missing, N),
            fmt.pct(percentOf(v.positive, v.positive + v.negative)),
          ],
        };
      }),
      size: { base: 60, rowHeight: 28, categoryWidth: 260 },
      scrollable: true,
      notes: [t("antibodies.note", { total: N })],
    };
  },
};

const dmFeatures: FigureSpec = {
  id: "dm-features",
  title: "features.title",
  kind: "proportion",
  select: (data, { t }) => ({
    rowHeader: t("features.feature"),
    note: t("features.note", { total: data.totalCases }),
    groups: data.dmFeatures.map((g) => ({ key: g.group, label: t(`features.groups.${g.group}`), fields: g.fields })),
  }),
};

const triggers: FigureSpec = {
  id: "triggers",
  title: "triggers.title",
  kind: "proportion",
  select: (data, { t }) => ({
    rowHeader: t("triggers.trigger"),
    note: t("triggers.note", { total: data.totalCases }),
    groups: [{ key: "triggers", fields: data.triggers }],
  }),
};

const casesTable = (t: FigureContext["t"], caption: string, rowHeader: string): Omit<TableModel, "rows"> => ({
  caption,
  rowHeader,
  columns: [{ key: "n", label: t("inclusions.cases"), numeric: true }],
});

const hscore: FigureSpec = {
  id: "hscore",
  title: "hscore.title",
  kind: "distribution",
  select: ({ hscore: hs }, { t, fmt }) => {
    const binLabel = (from: number) => `${from}–${from + hs.bins.width - 1}`;
    return {
      rowHeader: t("hscore.bin"),
      bins: hs.bins.from.map((from, i) => ({
        key: String(from),
        label: binLabel(from),
        count: hs.bins.counts[i] ?? 0,
        cell: fmt.np(hs.bins.counts[i] ?? 0, hs.complete),
      })),
      sparseTicks: true,
      footer: { key: "total", header: t("hscore.complete"), cells: [fmt.n(hs.complete)] },
      notes: [
        t("hscore.incomplete", { count: hs.incomplete }),
        hs.notComputed ? t("hscore.notComputed", { count: hs.notComputed }) : null,
      ],
      extras: [
        {
          type: "table",
          table: {
            ...casesTable(t, t("hscore.cutOffTitle"), t("hscore.cutOff")),
            rows: (["certain", "impossible", "undetermined"] as const).map((k) => ({
              key: k,
              header: t(`hscore.${k}`),
              cells: [fmt.n(hs.cutOff[k])],
            })),
            testId: "table-hscore-cutoff",
          },
        },
      ],
    };
  },
};

const hlh2004: FigureSpec = {
  id: "hlh2004",
  title: "hlh.title",
  kind: "distribution",
  select: (data, { t, fmt }) => {
    const h = data.hlh2004;
    const scored = data.totalCases - h.notComputed;
    return {
      rowHeader: t("hlh.met"),
      bins: h.metCount.map((n, met) => ({ key: String(met), label: `${met}/8`, count: n, cell: fmt.np(n, scored) })),
      notes: [t("hlh.note"), h.notComputed ? t("hscore.notComputed", { count: h.notComputed }) : null],
      extras: [
        {
          type: "table",
          table: {
            ...casesTable(t, t("hlh.fulfilledTitle"), t("hlh.fulfilled")),
            rows: (["yes", "no", "undetermined"] as const).map((k) => ({
              key: k,
              header: t(`hlh.${k}`),
              cells: [fmt.np(h.fulfilled[k], scored)],
            })),
            testId: "table-hlh2004-fulfilled",
          },
        },
      ],
    };
  },
};

const treatments: FigureSpec = {
  id: "treatments",
  title: "treatments.title",
  kind: "categories",
  select: ({ treatments: tr }, ctx) => {
    const { t, fmt, locale } = ctx;
    const series = responseSeries(ctx);
    const noDrug = t("treatments.noDrug");
    return {
      series,
      rowHeader: t("treatments.drug"),
      columns: [
        { key: "lines", label: t("treatments.lines"), numeric: true },
        { key: "patients", label: t("treatments.patients"), numeric: true },
        { key: "first", label: t("treatments.firstLine"), numeric: true },
        ...numericColumns(series),
      ],
      rows: tr.drugs.map((d) => ({
        key: d.drug,
        label: drugLabel(d.drug, locale, noDrug),
        values: responseValues(d.responses),
        cells: [fmt.n(d.lines), fmt.n(d.patients), fmt.n(d.firstLine), ...responseCells(ctx, d.responses, d.lines)],
      })),
      size: { base: 70, rowHeight: 30, categoryWidth: 230 },
      noData: tr.drugs.length === 0,
      scrollable: true,
      notes: [t("treatments.note", { cases: tr.casesWithLines, lines: tr.totalLines })],
      extras: [
        {
          type: "table",
          table: {
            caption: t("treatments.supportiveTitle"),
            rowHeader: t("treatments.measure"),
            columns: [
              { key: "yes", label: t("answers.yes"), numeric: true },
              { key: "no", label: t("answers.no"), numeric: true },
              { key: "missing", label: t("answers.missing"), numeric: true },
              { key: "pct", label: t("answers.yesAmongKnown"), numeric: true },
            ],
            rows: tr.supportive.map((f) => ({
              key: f.field,
              header: fieldLabel(f.field, locale),
              cells: [
                fmt.n(f.counts.options.yes ?? 0),
                fmt.n(f.counts.options.no ?? 0),
                fmt.n(missingOf(f.counts) + f.counts.NA),
                fmt.pct(percentOf(f.counts.options.yes ?? 0, knownOf(f.counts))),
              ],
            })),
            testId: "table-supportive",
          },
        },
      ],
    };
  },
};

/** Response at day 7–14 by line of treatment (1st, 2nd, 3rd or later). */
const treatmentLines: FigureSpec = {
  id: "treatment-lines",
  title: "treatments.byLineTitle",
  kind: "categories",
  select: ({ treatments: tr }, ctx) => {
    const { t, fmt, locale } = ctx;
    const series = responseSeries(ctx);
    const label = (line: string) =>
      line === NO_LINE ? t("treatments.noLine") : treatmentOptionLabel("line", line, locale);
    return {
      series,
      rowHeader: t("treatments.line"),
      columns: [
        { key: "lines", label: t("treatments.lines"), numeric: true },
        { key: "patients", label: t("treatments.patients"), numeric: true },
        ...numericColumns(series),
      ],
      rows: tr.byLine.map((l) => ({
        key: l.line,
        label: label(l.line),
        values: responseValues(l.responses),
        cells: [fmt.n(l.lines), fmt.n(l.patients), ...responseCells(ctx, l.responses, l.lines)],
      })),
      size: { base: 70, rowHeight: 34, categoryWidth: 170 },
      scrollable: true,
      notes: [t("treatments.byLineNote")],
    };
  },
};

export const DESCRIPTIVE_SECTION: SectionSpec = {
  id: "descriptive",
  title: "descriptive.title",
  rows: [antibodies, dmFeatures, triggers, [hscore, hlh2004], treatments, treatmentLines],
};
