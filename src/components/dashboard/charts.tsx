"use client";
// The dashboard's charts (recharts). Each is drawn in the browser and labelled
// as one image: the numbers it shows are in the table right under it, which
// is what screen readers and keyboard users read (and what prints without
// JavaScript). Everything arrives as plain data from the server component.
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./dashboard.module.css";

export interface ChartSeries {
  readonly key: string;
  readonly name: string;
  readonly color: string;
}

export type ChartRow = Readonly<Record<string, string | number>>;

export interface BarChartViewProps {
  readonly data: readonly ChartRow[];
  /** The category of each row (its label). */
  readonly categoryKey: string;
  readonly series: readonly ChartSeries[];
  /** columns: categories along the x axis; bars: categories down the y axis (long labels). */
  readonly orientation?: "columns" | "bars";
  readonly stacked?: boolean;
  readonly height?: number;
  /** Names the chart for assistive technologies (it is announced as one image). */
  readonly label: string;
  /** Categories are months (YYYY-MM): ticks on Januaries, month names in the tooltip. */
  readonly months?: boolean;
  readonly locale: string;
  readonly categoryWidth?: number;
  /** Many categories: let the axis skip labels that would overlap (every value is in the tooltip and the table). */
  readonly sparseTicks?: boolean;
  readonly testId?: string;
}

const INK = "#1b2330";
const TICK = { fontSize: 12, fill: "#3c4654" };

/** Legend text in the ink colour (light series colours would be unreadable as text), items in series order. */
function legendProps(order: readonly string[]) {
  return {
    wrapperStyle: { fontSize: 12 },
    itemSorter: (item: { dataKey?: unknown }) => order.indexOf(String(item.dataKey)),
    formatter: (value: unknown) => <span style={{ color: INK }}>{String(value)}</span>,
  };
}

function monthName(month: string, locale: string, style: "long" | "short"): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { month: style, year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

export function BarChartView(props: BarChartViewProps) {
  const {
    data,
    categoryKey,
    series,
    orientation = "columns",
    stacked = false,
    height = 260,
    label,
    months = false,
    locale,
    categoryWidth = 180,
    sparseTicks = false,
  } = props;
  const bars = orientation === "bars";
  const number = new Intl.NumberFormat(locale);
  const categories = data.map((d) => String(d[categoryKey]));
  // A long monthly series shows one tick a year (January, or the first month).
  const monthTicks =
    months && categories.length > 12 ? categories.filter((m, i) => i === 0 || m.endsWith("-01")) : undefined;
  const tickFormatter = months
    ? (m: string) => (monthTicks ? m.slice(0, 4) : monthName(m, locale, "short"))
    : undefined;
  const categoryAxis = {
    dataKey: categoryKey,
    type: "category" as const,
    tick: TICK,
    ...(monthTicks
      ? { ticks: monthTicks, interval: 0 as const }
      : sparseTicks
        ? { interval: "preserveStartEnd" as const, minTickGap: 6 }
        : { interval: 0 as const }),
    ...(tickFormatter ? { tickFormatter } : {}),
  };
  // Counts: whole ticks from 0, and no empty headroom above small counts (0–1, not 0–4).
  const valueAxis = {
    type: "number" as const,
    allowDecimals: false,
    domain: [0, (dataMax: number) => Math.max(1, Math.ceil(dataMax))] as [number, (dataMax: number) => number],
    tick: TICK,
    tickFormatter: (v: number) => number.format(v),
  };
  return (
    <div className={styles.chart} role="img" aria-label={label} data-testid={props.testId}>
      <BarChart
        data={[...data]}
        layout={bars ? "vertical" : "horizontal"}
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        accessibilityLayer={false}
        barCategoryGap={months ? 1 : "15%"}
      >
        <CartesianGrid
          strokeDasharray="3 3"
          stroke="#d5dae1"
          {...(bars ? { horizontal: false } : { vertical: false })}
        />
        {bars ? (
          <>
            <XAxis {...valueAxis} />
            <YAxis {...categoryAxis} width={categoryWidth} />
          </>
        ) : (
          <>
            <XAxis {...categoryAxis} />
            <YAxis {...valueAxis} width={48} />
          </>
        )}
        <Tooltip
          formatter={(value) => number.format(Number(value))}
          labelFormatter={(l) => (months ? monthName(String(l), locale, "long") : String(l))}
          isAnimationActive={false}
        />
        {series.length > 1 ? <Legend {...legendProps(series.map((s) => s.key))} /> : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            isAnimationActive={false}
            {...(stacked ? { stackId: "all" } : {})}
          />
        ))}
      </BarChart>
    </div>
  );
}

export interface SurvivalPoint {
  /** Months from the MAS diagnosis. */
  readonly months: number;
  /** S(t) in percent. */
  readonly survival: number;
}

export interface SurvivalChartViewProps {
  /** The step function's corners, from (0, 100). */
  readonly curve: readonly SurvivalPoint[];
  /** Where subjects were censored (drawn as +). */
  readonly censored: readonly SurvivalPoint[];
  readonly label: string;
  readonly timeAxisLabel: string;
  readonly survivalName: string;
  readonly censoredName: string;
  readonly locale: string;
  readonly height?: number;
  readonly testId?: string;
}

export function SurvivalChartView(props: SurvivalChartViewProps) {
  const { curve, censored, label, timeAxisLabel, survivalName, censoredName, locale, height = 300 } = props;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const maxMonths = Math.max(12, ...curve.map((p) => p.months), ...censored.map((p) => p.months));
  const upper = Math.ceil(maxMonths / 12) * 12;
  const ticks = Array.from({ length: upper / 12 + 1 }, (_, i) => i * 12);
  return (
    <div className={styles.chart} role="img" aria-label={label} data-testid={props.testId}>
      <ComposedChart
        responsive
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 24, bottom: 24, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#d5dae1" />
        <XAxis
          dataKey="months"
          type="number"
          domain={[0, upper]}
          ticks={ticks}
          tick={TICK}
          label={{ value: timeAxisLabel, position: "insideBottom", offset: -16, fontSize: 12 }}
        />
        <YAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} unit=" %" width={56} tick={TICK} />
        <Tooltip
          formatter={(value) => `${number.format(Number(value))} %`}
          labelFormatter={(l) => `${number.format(Number(l))} ${timeAxisLabel}`}
          isAnimationActive={false}
        />
        <Legend verticalAlign="top" {...legendProps(["line", "censored"])} />
        <Line
          data={[...curve]}
          dataKey="survival"
          name={survivalName}
          type="stepAfter"
          stroke="#1f5fa8"
          strokeWidth={2}
          dot={false}
          legendType="plainline"
          isAnimationActive={false}
        />
        <Scatter
          data={[...censored]}
          dataKey="survival"
          name={censoredName}
          shape="cross"
          fill="#2f3947"
          legendType="cross"
          isAnimationActive={false}
        />
      </ComposedChart>
    </div>
  );
}
