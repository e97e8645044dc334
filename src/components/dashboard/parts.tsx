// Building blocks of the dashboard, rendered on the server: a figure's frame (title,
// chart, then the same numbers as a table) and an accessible data table
// (caption, column headers and row headers with their scope).
import type { ReactNode } from "react";
import styles from "./dashboard.module.css";

export interface Column {
  readonly key: string;
  readonly label: ReactNode;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

export interface TableRow {
  readonly key: string;
  /** The row's header cell (th scope="row"). */
  readonly header: ReactNode;
  readonly cells: readonly ReactNode[];
}

export interface RowGroup {
  readonly key: string;
  /** Shown as a header across the group (th scope="rowgroup"). */
  readonly label?: ReactNode;
  readonly rows: readonly TableRow[];
}

export function DataTable(props: {
  caption: ReactNode;
  /** The first column's header (the row headers' column). */
  rowHeader: ReactNode;
  columns: readonly Column[];
  rows?: readonly TableRow[];
  groups?: readonly RowGroup[];
  footer?: TableRow;
  testId?: string;
  /**
   * Wide table that may scroll sideways on narrow screens: its container is a
   * focusable, named region so that keyboard users can scroll it (needs `id`).
   */
  scrollable?: { id: string };
}) {
  const { caption, rowHeader, columns, footer } = props;
  const groups: readonly RowGroup[] = props.groups ?? [{ key: "all", rows: props.rows ?? [] }];
  const cellsOf = (row: TableRow) =>
    row.cells.map((cell, i) => (
      <td key={columns[i]?.key ?? i} className={columns[i]?.numeric ? styles.num : undefined}>
        {cell}
      </td>
    ));
  const captionId = props.scrollable ? `${props.scrollable.id}-caption` : undefined;
  const region = props.scrollable ? { role: "region", tabIndex: 0, "aria-labelledby": captionId } : {};
  return (
    <div className={styles.tableWrap} {...region}>
      <table className={styles.dataTable} data-testid={props.testId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? styles.num : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.key}>
            {g.label ? (
              <tr className={styles.group}>
                <th scope="rowgroup" colSpan={columns.length + 1}>
                  {g.label}
                </th>
              </tr>
            ) : null}
            {g.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.header}</th>
                {cellsOf(row)}
              </tr>
            ))}
          </tbody>
        ))}
        {footer ? (
          <tfoot>
            <tr>
              <th scope="row">{footer.header}</th>
              {cellsOf(footer)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A titled figure's frame: the chart, then its table (always in the page), then notes. */
export function FigureFrame(props: {
  id: string;
  title: ReactNode;
  chart?: ReactNode;
  table: ReactNode;
  notes?: readonly ReactNode[];
  children?: ReactNode;
}) {
  const notes = (props.notes ?? []).filter((n) => n !== null && n !== undefined && n !== false);
  return (
    <figure className={styles.figure} aria-labelledby={`${props.id}-title`} data-testid={`figure-${props.id}`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.chart}
      {props.table}
      {notes.length ? (
        <ul className={styles.notes}>
          {notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {props.children}
    </figure>
  );
}
