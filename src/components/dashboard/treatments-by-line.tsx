// Response at day 7–14 by line of treatment (1st, 2nd, 3rd or later): a
// stacked bar per line and the same numbers as a table.
import { getTranslations } from "next-intl/server";
import { knownOf } from "@/domain/stats/counts";
import { NO_LINE, type LineSummary } from "@/domain/stats/dashboard";
import type { Locale } from "@/i18n/locales";
import { BarChartView, type ChartSeries } from "./charts";
import { COLOURS, type Fmt } from "./format";
import { treatmentOptionLabel } from "./labels";
import { chartNaming, tableNaming } from "./figure-naming";
import { DataTable, Figure } from "./parts";

const RESPONSES = ["complete", "partial", "none", "not_assessable"] as const;

export async function TreatmentsByLineFigure({
  lines,
  fmt,
  locale,
}: {
  lines: readonly LineSummary[];
  fmt: Fmt;
  locale: Locale;
}) {
  const t = await getTranslations("dashboard");
  const id = "treatment-lines";
  const title = t("treatments.byLineTitle");
  const label = (line: string) =>
    line === NO_LINE ? t("treatments.noLine") : treatmentOptionLabel("line", line, locale);
  const series: ChartSeries[] = [
    ...RESPONSES.map((r) => ({
      key: r,
      name: treatmentOptionLabel("response_d7_14", r, locale),
      color: COLOURS.response[r],
    })),
    { key: "missing", name: t("answers.missing"), color: COLOURS.response.missing },
  ];
  const missing = (l: LineSummary) => l.responses.total - knownOf(l.responses);
  return (
    <Figure
      id={id}
      title={title}
      chart={
        <BarChartView
          data={lines.map((l) => ({
            label: label(l.line),
            ...Object.fromEntries(RESPONSES.map((r) => [r, l.responses.options[r] ?? 0])),
            missing: missing(l),
          }))}
          categoryKey="label"
          series={series}
          orientation="bars"
          stacked
          height={70 + lines.length * 34}
          categoryWidth={170}
          {...chartNaming(t, id, title, fmt.locale)}
        />
      }
      table={
        <DataTable
          {...tableNaming(t, id, title)}
          rowHeader={t("treatments.line")}
          columns={[
            { key: "lines", label: t("treatments.lines"), numeric: true },
            { key: "patients", label: t("treatments.patients"), numeric: true },
            ...series.map((s) => ({ key: s.key, label: s.name, numeric: true })),
          ]}
          rows={lines.map((l) => ({
            key: l.line,
            header: label(l.line),
            cells: [
              fmt.n(l.lines),
              fmt.n(l.patients),
              ...RESPONSES.map((r) => fmt.np(l.responses.options[r] ?? 0, l.lines)),
              fmt.np(missing(l), l.lines),
            ],
          }))}
          scrollable={{ id: `table-${id}` }}
        />
      }
      notes={[t("treatments.byLineNote")]}
    />
  );
}
