// One component for every figure of the figure lists (descriptive-figures.ts,
// outcome-figures.ts): its specification's builder gives the chart, tables and
// notes as data, rendered here the same way for all, then what follows them.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import { BarChartView, SurvivalChartView } from "./charts";
import styles from "./dashboard.module.css";
import { buildFigure } from "./figure-kinds";
import type { ChartModel, Extra, FigureContext, FigureSpec, SectionSpec, TableModel } from "./figure-model";
import type { Fmt } from "./format";
import { DataTable, FigureFrame } from "./parts";

function Chart({ chart }: { chart: ChartModel }) {
  if (chart.type === "survival") {
    const { type: _, ...props } = chart;
    return <SurvivalChartView {...props} />;
  }
  const { type: _, ...props } = chart;
  return <BarChartView {...props} />;
}

function Table({ table }: { table: TableModel }) {
  const columns = table.columns.map((c) => (c.title ? { ...c, label: <abbr title={c.title}>{c.label}</abbr> } : c));
  return <DataTable {...table} columns={columns} />;
}

function After({ extra }: { extra: Extra }) {
  switch (extra.type) {
    case "table":
      return <Table table={extra.table} />;
    case "paragraph":
      return <p className={styles.method}>{extra.text}</p>;
    case "details":
      return (
        <details className={styles.details} open>
          <summary>{extra.summary}</summary>
          <Table table={extra.table} />
        </details>
      );
  }
}

export function Figure({ spec, data, ctx }: { spec: FigureSpec; data: DashboardData; ctx: FigureContext }) {
  const m = buildFigure(spec, data, ctx);
  const notes = m.notes.filter((n) => n !== null);
  if (m.frame === "none")
    return (
      <div>
        {m.tables.map((table) => (
          <Table key={table.caption} table={table} />
        ))}
        {notes.length ? (
          <ul className={styles.notes}>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  return (
    <FigureFrame
      id={m.id}
      title={m.title}
      chart={m.chart ? <Chart chart={m.chart} /> : null}
      table={
        m.tables.length ? (
          m.tables.map((table) => <Table key={table.caption} table={table} />)
        ) : (
          <p className={styles.empty}>{ctx.t("noData")}</p>
        )
      }
      notes={notes}
    >
      {m.extras.length
        ? m.extras.map((extra) => (
            <After key={extra.type === "paragraph" ? extra.text : extra.table.caption} extra={extra} />
          ))
        : null}
    </FigureFrame>
  );
}

/** A section of figures: its title, then each row of its list, side by side in a grid where a row holds several. */
export async function FigureSection({
  section,
  data,
  fmt,
  locale,
}: {
  section: SectionSpec;
  data: DashboardData;
  fmt: Fmt;
  locale: Locale;
}) {
  const status = await getTranslations("status");
  const ctx: FigureContext = { t: await getTranslations("dashboard"), fmt, locale, statusLabel: (s) => status(s) };
  const titleId = `${section.id}-title`;
  return (
    <section className={styles.section} aria-labelledby={titleId}>
      <h2 id={titleId}>{ctx.t(section.title)}</h2>
      {section.rows.map((row) =>
        "id" in row ? (
          <Figure key={row.id} spec={row} data={data} ctx={ctx} />
        ) : (
          <div key={row.map((s) => s.id).join(" ")} className={styles.grid}>
            {row.map((spec) => (
              <Figure key={spec.id} spec={spec} data={data} ctx={ctx} />
            ))}
          </div>
        ),
      )}
    </section>
  );
}
