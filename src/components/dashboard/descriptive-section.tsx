// The study's descriptive results: antibody profile, DM features, MAS
// triggers, HScore and HLH-2004 distributions, treatment lines and responses
// (by drug, and by line of treatment).
import { getTranslations } from "next-intl/server";
import { knownOf, missingOf, percentOf, type ChoiceCounts } from "@/domain/stats/counts";
import type { FieldCounts } from "@/domain/stats/dashboard";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import { BarChartView, type ChartSeries } from "./charts";
import styles from "./dashboard.module.css";
import { COLOURS, type Fmt } from "./format";
import { drugLabel, fieldLabel, treatmentOptionLabel } from "./labels";
import { chartNaming, tableNaming } from "./figure-naming";
import { DataTable, Figure, type RowGroup } from "./parts";
import { TreatmentsByLineFigure } from "./treatments-by-line";

type T = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

/** Yes / no / not known / not applicable for yes-no fields, as a stacked bar chart and a table (grouped or not). */
function YesNoFigure(props: {
  id: string;
  title: string;
  rowHeader: string;
  note: string;
  groups: readonly { key: string; label?: string; fields: readonly FieldCounts[] }[];
  fmt: Fmt;
  locale: Locale;
  t: T;
}) {
  const { id, title, groups, fmt, locale, t } = props;
  const all = groups.flatMap((g) => g.fields);
  const withNa = all.some((f) => f.counts.NA > 0);
  const series: ChartSeries[] = [
    { key: "yes", name: t("answers.yes"), color: COLOURS.yesNo.yes },
    { key: "no", name: t("answers.no"), color: COLOURS.yesNo.no },
    { key: "missing", name: t("answers.missing"), color: COLOURS.yesNo.missing },
    ...(withNa ? [{ key: "NA", name: t("answers.notApplicable"), color: COLOURS.yesNo.NA }] : []),
  ];
  const yes = (c: ChoiceCounts) => c.options.yes ?? 0;
  const no = (c: ChoiceCounts) => c.options.no ?? 0;
  const rowGroups: RowGroup[] = groups.map((g) => ({
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
  }));
  return (
    <Figure
      id={id}
      title={title}
      chart={
        <BarChartView
          data={all.map((f) => ({
            label: fieldLabel(f.field, locale),
            yes: yes(f.counts),
            no: no(f.counts),
            missing: missingOf(f.counts),
            NA: f.counts.NA,
          }))}
          categoryKey="label"
          series={series}
          orientation="bars"
          stacked
          height={60 + all.length * 34}
          categoryWidth={260}
          {...chartNaming(t, id, title, fmt.locale)}
        />
      }
      table={
        <DataTable
          {...tableNaming(t, id, title)}
          rowHeader={props.rowHeader}
          columns={[
            { key: "yes", label: t("answers.yes"), numeric: true },
            { key: "no", label: t("answers.no"), numeric: true },
            { key: "missing", label: t("answers.missing"), numeric: true },
            ...(withNa ? [{ key: "NA", label: t("answers.notApplicable"), numeric: true }] : []),
            { key: "pct", label: t("answers.yesAmongKnown"), numeric: true },
          ]}
          groups={rowGroups}
          scrollable={{ id: `table-${id}` }}
        />
      }
      notes={[props.note]}
    />
  );
}

export async function DescriptiveSection({ data, fmt, locale }: { data: DashboardData; fmt: Fmt; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const N = data.totalCases;

  // Antibodies.
  const abSeries: ChartSeries[] = [
    { key: "positive", name: t("antibodies.positive"), color: COLOURS.antibody.positive },
    { key: "negative", name: t("antibodies.negative"), color: COLOURS.antibody.negative },
    { key: "not_tested", name: t("antibodies.notTested"), color: COLOURS.antibody.not_tested },
    { key: "missing", name: t("answers.missing"), color: COLOURS.antibody.missing },
  ];
  const ab = data.antibodies.map((a) => {
    const o = a.counts.options;
    return {
      field: a.field,
      positive: o.positive ?? 0,
      negative: o.negative ?? 0,
      not_tested: o.not_tested ?? 0,
      missing: a.counts.total - knownOf(a.counts),
    };
  });

  // HScore.
  const hs = data.hscore;
  const binLabel = (from: number) => `${from}–${from + hs.bins.width - 1}`;

  // Treatments.
  const tr = data.treatments;
  const responses = ["complete", "partial", "none", "not_assessable"] as const;
  const responseSeries: ChartSeries[] = [
    ...responses.map((r) => ({
      key: r,
      name: treatmentOptionLabel("response_d7_14", r, locale),
      color: COLOURS.response[r],
    })),
    { key: "missing", name: t("answers.missing"), color: COLOURS.response.missing },
  ];
  const noDrug = t("treatments.noDrug");

  return (
    <section className={styles.section} aria-labelledby="descriptive-title">
      <h2 id="descriptive-title">{t("descriptive.title")}</h2>

      <Figure
        id="antibodies"
        title={t("antibodies.title")}
        chart={
          <BarChartView
            data={ab.map((a) => ({ label: fieldLabel(a.field, locale), ...a }))}
            categoryKey="label"
            series={abSeries}
            orientation="bars"
            stacked
            height={60 + ab.length * 28}
            categoryWidth={260}
            {...chartNaming(t, "antibodies", t("antibodies.title"), fmt.locale)}
          />
        }
        table={
          <DataTable
            {...tableNaming(t, "antibodies", t("antibodies.title"))}
            rowHeader={t("antibodies.antibody")}
            columns={[
              ...abSeries.map((s) => ({ key: s.key, label: s.name, numeric: true })),
              { key: "rate", label: t("antibodies.positiveAmongTested"), numeric: true },
            ]}
            rows={ab.map((a) => ({
              key: a.field,
              header: fieldLabel(a.field, locale),
              cells: [
                fmt.np(a.positive, N),
                fmt.np(a.negative, N),
                fmt.np(a.not_tested, N),
                fmt.np(a.missing, N),
                fmt.pct(percentOf(a.positive, a.positive + a.negative)),
              ],
            }))}
            scrollable={{ id: "table-antibodies" }}
          />
        }
        notes={[t("antibodies.note", { total: N })]}
      />

      <YesNoFigure
        id="dm-features"
        title={t("features.title")}
        rowHeader={t("features.feature")}
        note={t("features.note", { total: N })}
        groups={data.dmFeatures.map((g) => ({
          key: g.group,
          label: t(`features.groups.${g.group}`),
          fields: g.fields,
        }))}
        fmt={fmt}
        locale={locale}
        t={t}
      />

      <YesNoFigure
        id="triggers"
        title={t("triggers.title")}
        rowHeader={t("triggers.trigger")}
        note={t("triggers.note", { total: N })}
        groups={[{ key: "triggers", fields: data.triggers }]}
        fmt={fmt}
        locale={locale}
        t={t}
      />

      <div className={styles.grid}>
        <Figure
          id="hscore"
          title={t("hscore.title")}
          chart={
            <BarChartView
              data={hs.bins.from.map((from, i) => ({ bin: binLabel(from), cases: hs.bins.counts[i] ?? 0 }))}
              categoryKey="bin"
              sparseTicks
              series={[{ key: "cases", name: t("inclusions.cases"), color: COLOURS.primary }]}
              {...chartNaming(t, "hscore", t("hscore.title"), fmt.locale)}
            />
          }
          table={
            <DataTable
              {...tableNaming(t, "hscore", t("hscore.title"))}
              rowHeader={t("hscore.bin")}
              columns={[{ key: "n", label: t("inclusions.cases"), numeric: true }]}
              rows={hs.bins.from.map((from, i) => ({
                key: String(from),
                header: binLabel(from),
                cells: [fmt.np(hs.bins.counts[i] ?? 0, hs.complete)],
              }))}
              footer={{ key: "total", header: t("hscore.complete"), cells: [fmt.n(hs.complete)] }}
            />
          }
          notes={[
            t("hscore.incomplete", { count: hs.incomplete }),
            hs.notComputed ? t("hscore.notComputed", { count: hs.notComputed }) : null,
          ]}
        >
          <DataTable
            caption={t("hscore.cutOffTitle")}
            rowHeader={t("hscore.cutOff")}
            columns={[{ key: "n", label: t("inclusions.cases"), numeric: true }]}
            rows={[
              { key: "certain", header: t("hscore.certain"), cells: [fmt.n(hs.cutOff.certain)] },
              { key: "impossible", header: t("hscore.impossible"), cells: [fmt.n(hs.cutOff.impossible)] },
              { key: "undetermined", header: t("hscore.undetermined"), cells: [fmt.n(hs.cutOff.undetermined)] },
            ]}
            testId="table-hscore-cutoff"
          />
        </Figure>

        <Figure
          id="hlh2004"
          title={t("hlh.title")}
          chart={
            <BarChartView
              data={data.hlh2004.metCount.map((n, met) => ({ met: `${met}/8`, cases: n }))}
              categoryKey="met"
              series={[{ key: "cases", name: t("inclusions.cases"), color: COLOURS.primary }]}
              {...chartNaming(t, "hlh2004", t("hlh.title"), fmt.locale)}
            />
          }
          table={
            <DataTable
              {...tableNaming(t, "hlh2004", t("hlh.title"))}
              rowHeader={t("hlh.met")}
              columns={[{ key: "n", label: t("inclusions.cases"), numeric: true }]}
              rows={data.hlh2004.metCount.map((n, met) => ({
                key: String(met),
                header: `${met}/8`,
                cells: [fmt.np(n, N - data.hlh2004.notComputed)],
              }))}
            />
          }
          notes={[
            t("hlh.note"),
            data.hlh2004.notComputed ? t("hscore.notComputed", { count: data.hlh2004.notComputed }) : null,
          ]}
        >
          <DataTable
            caption={t("hlh.fulfilledTitle")}
            rowHeader={t("hlh.fulfilled")}
            columns={[{ key: "n", label: t("inclusions.cases"), numeric: true }]}
            rows={(["yes", "no", "undetermined"] as const).map((k) => ({
              key: k,
              header: t(`hlh.${k}`),
              cells: [fmt.np(data.hlh2004.fulfilled[k], N - data.hlh2004.notComputed)],
            }))}
            testId="table-hlh2004-fulfilled"
          />
        </Figure>
      </div>

      <Figure
        id="treatments"
        title={t("treatments.title")}
        chart={
          tr.drugs.length ? (
            <BarChartView
              data={tr.drugs.map((d) => ({
                label: drugLabel(d.drug, locale, noDrug),
                ...Object.fromEntries(responses.map((r) => [r, d.responses.options[r] ?? 0])),
                missing: d.responses.total - knownOf(d.responses),
              }))}
              categoryKey="label"
              series={responseSeries}
              orientation="bars"
              stacked
              height={70 + tr.drugs.length * 30}
              categoryWidth={230}
              {...chartNaming(t, "treatments", t("treatments.title"), fmt.locale)}
            />
          ) : null
        }
        table={
          tr.drugs.length ? (
            <DataTable
              {...tableNaming(t, "treatments", t("treatments.title"))}
              rowHeader={t("treatments.drug")}
              columns={[
                { key: "lines", label: t("treatments.lines"), numeric: true },
                { key: "patients", label: t("treatments.patients"), numeric: true },
                { key: "first", label: t("treatments.firstLine"), numeric: true },
                ...responseSeries.map((s) => ({ key: s.key, label: s.name, numeric: true })),
              ]}
              rows={tr.drugs.map((d) => ({
                key: d.drug,
                header: drugLabel(d.drug, locale, noDrug),
                cells: [
                  fmt.n(d.lines),
                  fmt.n(d.patients),
                  fmt.n(d.firstLine),
                  ...responses.map((r) => fmt.np(d.responses.options[r] ?? 0, d.lines)),
                  fmt.np(d.responses.total - knownOf(d.responses), d.lines),
                ],
              }))}
              scrollable={{ id: "table-treatments" }}
            />
          ) : (
            <p className={styles.empty}>{t("noData")}</p>
          )
        }
        notes={[t("treatments.note", { cases: tr.casesWithLines, lines: tr.totalLines })]}
      >
        <DataTable
          caption={t("treatments.supportiveTitle")}
          rowHeader={t("treatments.measure")}
          columns={[
            { key: "yes", label: t("answers.yes"), numeric: true },
            { key: "no", label: t("answers.no"), numeric: true },
            { key: "missing", label: t("answers.missing"), numeric: true },
            { key: "pct", label: t("answers.yesAmongKnown"), numeric: true },
          ]}
          rows={tr.supportive.map((f) => ({
            key: f.field,
            header: fieldLabel(f.field, locale),
            cells: [
              fmt.n(f.counts.options.yes ?? 0),
              fmt.n(f.counts.options.no ?? 0),
              fmt.n(missingOf(f.counts) + f.counts.NA),
              fmt.pct(percentOf(f.counts.options.yes ?? 0, knownOf(f.counts))),
            ],
          }))}
          testId="table-supportive"
        />
      </Figure>

      <TreatmentsByLineFigure lines={tr.byLine} fmt={fmt} locale={locale} />
    </section>
  );
}
