// The dashboard's outcome figures, as a list (see descriptive-figures.ts): MAS
// resolution, relapses, death and its cause, DM status at last follow-up, and
// the Kaplan–Meier survival from the MAS diagnosis.
import { fieldId, type FieldId } from "@/domain/crf/definition";
import { knownOf, missingOf, type ChoiceCounts } from "@/domain/stats/counts";
import type { FigureSpec, SectionSpec } from "./figure-model";
import { COLOURS } from "./format";
import { fieldLabel, optionLabel } from "./labels";
import type { RowGroup } from "./parts";

/** Resolution, death, DM status at last follow-up (each option, then the missing answers), and relapses. */
const outcomeCounts: FigureSpec = {
  id: "outcomes",
  title: "outcomes.summaryTitle",
  kind: "counts-table",
  select: ({ outcomes: o, totalCases: N }, { t, fmt, locale }) => {
    const choiceGroup = (field: FieldId, counts: ChoiceCounts): RowGroup => ({
      key: field,
      label: fieldLabel(field, locale),
      rows: [
        ...Object.entries(counts.options).map(([value, n]) => ({
          key: value,
          header: optionLabel(field, value, locale),
          cells: [fmt.np(n, counts.total)],
        })),
        { key: "missing", header: t("answers.missing"), cells: [fmt.np(missingOf(counts) + counts.NA, counts.total)] },
      ],
    });
    const columns = [{ key: "n", label: t("outcomes.casesPct"), numeric: true }];
    return {
      tables: [
        {
          caption: t("outcomes.summaryTitle"),
          rowHeader: t("outcomes.answer"),
          columns,
          groups: [
            choiceGroup("sam_resolution", o.resolution),
            choiceGroup("death", o.death),
            choiceGroup("dm_status_last", o.dmStatusLast),
          ],
          testId: "table-outcomes",
        },
        {
          caption: t("outcomes.relapsesTitle"),
          rowHeader: t("outcomes.relapses"),
          columns,
          rows: o.relapses.distribution.map((n, k) => ({
            key: String(k),
            header: k === 3 ? t("outcomes.relapsesOrMore", { count: 3 }) : fmt.n(k),
            cells: [fmt.np(n, N)],
          })),
          testId: "table-relapses",
        },
      ],
      notes: [t("outcomes.relapsesNote", { patients: o.relapses.patients, total: o.relapses.total })],
    };
  },
};

const deathCauses: FigureSpec = {
  id: "death-causes",
  title: "outcomes.causesTitle",
  kind: "categories",
  select: ({ outcomes: { deathCause } }, { t, fmt, locale }) => {
    const deaths = deathCause.total;
    const missing = deathCause.total - knownOf(deathCause);
    return {
      series: [{ key: "deaths", name: t("outcomes.deaths"), color: COLOURS.primary }],
      rowHeader: fieldLabel(fieldId("death_cause"), locale),
      columns: [{ key: "n", label: t("outcomes.deathsPct"), numeric: true }],
      rows: [
        ...Object.entries(deathCause.options).map(([value, n]) => ({
          key: value,
          label: optionLabel("death_cause", value, locale),
          values: { deaths: n },
          cells: [fmt.np(n, deaths)],
        })),
        { key: "missing", label: t("answers.missing"), values: { deaths: missing }, cells: [fmt.np(missing, deaths)] },
      ],
      size: { base: 60, rowHeight: 28, categoryWidth: 170 },
      unstacked: true,
      noChart: deaths === 0,
      footer: { key: "total", header: t("outcomes.deaths"), cells: [fmt.n(deaths)] },
    };
  },
};

const survival: FigureSpec = {
  id: "survival",
  title: "survival.title",
  kind: "kaplan-meier",
  select: (data) => data.survival,
};

export const OUTCOMES_SECTION: SectionSpec = {
  id: "outcomes",
  title: "outcomes.title",
  rows: [[outcomeCounts, deathCauses], survival],
};
