// The dashboard's figures as data. A figure specification (descriptive-figures.ts, outcome-figures.ts)
// names a figure, its kind and how it selects its numbers from the dashboard
// data; the kind's builder (figure-kinds.ts) turns that selection into a
// FigureModel — chart, tables, notes, all plain data — that one component
// (figure.tsx) renders. Adding a figure is adding a specification.
import type { getTranslations } from "next-intl/server";
import type { CaseStatus } from "@/domain/lifecycle";
import type { MonthByCategory, MonthCount } from "@/domain/stats/counts";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import type { BarChartViewProps, ChartSeries, SurvivalChartViewProps } from "./charts";
import type { Fmt } from "./format";
import type { RowGroup, TableRow } from "./parts";

export type DashboardT = Awaited<ReturnType<typeof getTranslations<"dashboard">>>;

/** What a selector and a builder need besides the data: the texts and number formats of the page's language. */
export interface FigureContext {
  readonly t: DashboardT;
  readonly fmt: Fmt;
  readonly locale: Locale;
  /** A case status's name. */
  readonly statusLabel: (status: CaseStatus) => string;
}

/** A table column; `title` spells out an abbreviated label (a month, a centre code) in an <abbr>. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly title?: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

export interface TableModel {
  readonly caption: string;
  readonly rowHeader: string;
  readonly columns: readonly Column[];
  readonly rows?: readonly TableRow[];
  readonly groups?: readonly RowGroup[];
  readonly footer?: TableRow;
  readonly testId?: string;
  readonly scrollable?: { readonly id: string };
}

export type ChartModel =
  | ({ readonly type: "bars" } & BarChartViewProps)
  | ({ readonly type: "survival" } & SurvivalChartViewProps);

/** What follows a figure's notes: a secondary table, a paragraph, or a table folded in a <details>. */
export type Extra =
  | { readonly type: "table"; readonly table: TableModel }
  | { readonly type: "paragraph"; readonly text: string }
  | { readonly type: "details"; readonly summary: string; readonly table: TableModel };

export interface FigureModel {
  readonly id: string;
  readonly title: string;
  /** "figure": a titled <figure>; "none": its tables and notes only, in a <div> (a grid cell). */
  readonly frame: "figure" | "none";
  readonly chart: ChartModel | null;
  /** No table: the "no data" line instead. */
  readonly tables: readonly TableModel[];
  readonly notes: readonly (string | null)[];
  readonly extras: readonly Extra[];
}

// ---------------------------------------------------------------------------
// What each kind of figure selects from the data

/** Yes / no / not known / not applicable of yes-no fields (grouped or not): the proportion answering yes. */
export interface ProportionInput {
  readonly rowHeader: string;
  readonly note: string;
  readonly groups: readonly {
    readonly key: string;
    readonly label?: string;
    readonly fields: DashboardData["triggers"];
  }[];
}

/** Counts of categories (antibodies, drugs, causes…), one horizontal bar each, split by series; a row each in the table. */
export interface CategoriesInput {
  readonly series: readonly ChartSeries[];
  readonly rowHeader: string;
  readonly columns: readonly Column[];
  readonly rows: readonly {
    readonly key: string;
    readonly label: string;
    /** The category's name on the chart when shorter than the table's row header (a centre's code). */
    readonly chartLabel?: string;
    /** The bar's segments, by series key. */
    readonly values: Readonly<Record<string, number>>;
    /** The table's cells, in the order of `columns`. */
    readonly cells: readonly string[];
  }[];
  /** Height: base + rows × rowHeight pixels (or a fixed height); the category labels' width. */
  readonly size:
    | { readonly base: number; readonly rowHeight: number; readonly categoryWidth: number }
    | { readonly height: number };
  /** Categories along the x axis (short labels) rather than down the y axis. */
  readonly columnsChart?: boolean;
  /** One series drawn side by side rather than stacked. */
  readonly unstacked?: boolean;
  /** Nothing to draw (the table still shows the zeros). */
  readonly noChart?: boolean;
  /** Nothing to show: no chart, the "no data" line instead of the table. */
  readonly noData?: boolean;
  /** A wide table that may scroll sideways. */
  readonly scrollable?: boolean;
  readonly footer?: TableRow;
  readonly notes?: readonly (string | null)[];
  readonly extras?: readonly Extra[];
}

/** A distribution over ordered bins (score ranges, criteria met): cases per bin. */
export interface DistributionInput {
  readonly rowHeader: string;
  readonly bins: readonly {
    readonly key: string;
    readonly label: string;
    readonly count: number;
    readonly cell: string;
  }[];
  /** Many bins: the axis may skip labels. */
  readonly sparseTicks?: boolean;
  readonly footer?: TableRow;
  readonly notes?: readonly (string | null)[];
  readonly extras?: readonly Extra[];
}

/** Tables of counts with no chart. */
export interface CountsTableInput {
  readonly tables: readonly TableModel[];
  readonly notes?: readonly (string | null)[];
}

/** Cases per month (of diagnosis, of entry): a column a month; the table a row a year, a column a month. */
export interface MonthlyInput {
  readonly series: readonly MonthCount[];
  readonly notes?: readonly (string | null)[];
}

/** Cases per month and category (centre): stacked columns; the table a row a month, a column a category. */
export interface MonthByCategoryInput {
  readonly table: MonthByCategory;
  /** A category's full name, spelled out under its code in the table. */
  readonly names: ReadonlyMap<string, string>;
  readonly notes?: readonly (string | null)[];
}

export interface KindInputs {
  monthly: MonthlyInput;
  "month-by-category": MonthByCategoryInput;
  proportion: ProportionInput;
  categories: CategoriesInput;
  distribution: DistributionInput;
  "counts-table": CountsTableInput;
  "kaplan-meier": DashboardData["survival"];
}

export type FigureKind = keyof KindInputs;

/** A kind's builder: the figure's id and title, the kind's selection, the page's texts and formats. */
export type Builder<K extends FigureKind> = (
  id: string,
  title: string,
  input: KindInputs[K],
  ctx: FigureContext,
) => FigureModel;

/** A figure model with nothing but what is given: a framed figure, no chart, no table, no note. */
export const figureModel = (id: string, title: string, parts: Partial<FigureModel>): FigureModel => ({
  id,
  title,
  frame: "figure",
  chart: null,
  tables: [],
  notes: [],
  extras: [],
  ...parts,
});

interface SpecOf<K extends FigureKind> {
  /** The figure's id: figure-<id>, chart-<id>, table-<id> test ids, and the anchor of its title. */
  readonly id: string;
  /** Its title, a key of the "dashboard" messages. */
  readonly title: string;
  readonly kind: K;
  /** Its numbers from the dashboard data; its texts through the context's translator and formats. */
  readonly select: (data: DashboardData, ctx: FigureContext) => KindInputs[K];
}

export type FigureSpec = { [K in FigureKind]: SpecOf<K> }[FigureKind];

/** A section of the page: a title, then its figures, one a row or side by side (a grid row). */
export interface SectionSpec {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly (FigureSpec | readonly FigureSpec[])[];
}
