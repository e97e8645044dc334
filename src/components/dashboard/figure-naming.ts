// How a figure names its chart and its table, in one place: the chart is one
// image labelled with the figure's title, the table under it is captioned
// with the same title, and both carry test ids derived from the figure's id.
import type { getTranslations } from "next-intl/server";

type DashboardT = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

export const chartNaming = (t: DashboardT, id: string, title: string, locale: string) => ({
  label: t("chartLabel", { title }),
  testId: `chart-${id}`,
  locale,
});

export const tableNaming = (t: DashboardT, id: string, title: string) => ({
  caption: t("tableCaption", { title }),
  testId: `table-${id}`,
});
