"use client";
// The side-by-side view of changes overtaken by someone else's save: for a
// field, both values; for a row one person deleted while the other changed
// it, both versions of the row, field by field. Each conflict is settled on
// its own ("keep mine" / "keep theirs"); focus then moves to the next one.
import { useLocale, useTranslations } from "next-intl";
import { useRef } from "react";
import { useFormContext } from "react-hook-form";
import { isAnswered, sameAnswer, type BlockRow, type FieldAnswer } from "@/domain/crf/answers";
import { blockById, fieldById } from "@/domain/crf/definition";
import type { Conflict, RowConflict } from "@/domain/crf/merge";
import type { BlockDef } from "@/domain/crf/types";
import { asLocale, type Locale } from "@/i18n/locales";
import { useConflicts, type SaveStateStore } from "./autosave";
import { conflictSummary } from "./conflict-model";
import { describeAnswer } from "./describe-answer";
import { inputId } from "./field-control";
import { rowsToAnswers, type FormValues } from "./form-model";

type Resolve = (c: Conflict, choice: "mine" | "theirs") => void;

/** The id of a conflict's title in the view. */
export const conflictDomId = (path: string) => `conflict-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** "Treatment line 2 (Anakinra, 01/03/2015)": the row as the user knows it. */
function rowName(block: BlockDef, row: BlockRow | undefined, index: number, locale: Locale, skip?: string): string {
  const name = index >= 0 ? `${block.rowLabel[locale]} ${index + 1}` : block.rowLabel[locale];
  const first = block.fields.find(
    (f) => f.id !== skip && isAnswered(row?.values[f.id]) && row?.values[f.id]?.code !== "NA",
  );
  const summary = first ? describeAnswer(first, row?.values[first.id], locale) : "";
  return summary ? `${name} (${summary})` : name;
}

/** A dose reads with its unit ("250 mg/j"): the unit is another field of the row. */
function withDoseUnit(
  block: BlockDef,
  fieldId: string,
  text: string,
  row: BlockRow | undefined,
  locale: Locale,
): string {
  const field = block.fields.find((f) => f.id === fieldId);
  const unitField = block.fields.find((f) => f.id === "dose_unit");
  const unit = row?.values.dose_unit;
  if (field?.type !== "dose" || !unitField || !isAnswered(unit) || text === "∅" || /^(NK|ND|NA)$/.test(text))
    return text;
  return `${text} ${describeAnswer(unitField, unit, locale)}`;
}

/** Where the keyboard goes once a conflict is settled: the next conflict, else the value that was in conflict. */
function focusAfter(list: HTMLElement | null, c: Conflict) {
  const next = list?.querySelector<HTMLButtonElement>("[data-conflict] button");
  if (next) return next.focus();
  const target =
    c.kind === "row"
      ? (document.querySelector<HTMLElement>(
          `[data-block="${c.block}"] [data-row="${c.rowId}"] :is(input, select, textarea)`,
        ) ?? document.querySelector<HTMLElement>(`[data-block="${c.block}"] button`))
      : document.getElementById(inputId(c.path));
  target?.focus();
}

export function ConflictNotice({ store, onResolve }: { store: SaveStateStore; onResolve: Resolve }) {
  const conflicts = useConflicts(store);
  const t = useTranslations("form.save");
  const tSummary = useTranslations("caseForm.conflicts");
  const locale = asLocale(useLocale());
  const { getValues } = useFormContext<FormValues>();
  const list = useRef<HTMLDivElement>(null);
  if (conflicts.length === 0) return null;
  const resolve: Resolve = (c, choice) => {
    onResolve(c, choice);
    requestAnimationFrame(() => focusAfter(list.current, c));
  };
  /** The row as shown in this user's form, and its position. */
  const shownRow = (block: BlockDef, rowId: string): { row: BlockRow | undefined; index: number } => {
    const states = getValues().b[block.id] ?? [];
    const index = states.findIndex((r) => r.rowId === rowId);
    return { row: index >= 0 ? rowsToAnswers(block.fields, [states[index]!]).rows[0] : undefined, index };
  };
  return (
    <div ref={list} className="notice notice--warning conflicts" role="alert" data-testid="conflicts">
      <p data-testid="conflicts-summary">
        {[...conflictSummary(conflicts).map(({ kind, count }) => tSummary(kind, { count })), tSummary("choose")].join(
          " ",
        )}
      </p>
      {conflicts.map((c) => {
        if (c.kind === "field") {
          const field = fieldById(c.path);
          return (
            <Sides
              key={c.path}
              c={c}
              title={field?.label[locale] ?? c.path}
              mine={describeAnswer(field, c.mine, locale)}
              theirs={describeAnswer(field, c.theirs, locale)}
              onResolve={resolve}
            />
          );
        }
        const block = blockById(c.block);
        if (!block) return null;
        const { row, index } = shownRow(block, c.rowId);
        if (c.kind === "rowField") {
          const field = block.fields.find((f) => f.id === c.field);
          const title = `${t("rowTitle", { block: block.label[locale], row: rowName(block, row, index, locale, c.field) })} › ${field?.label[locale] ?? c.field}`;
          const shown = (a: FieldAnswer | null) =>
            withDoseUnit(block, c.field, describeAnswer(field, a, locale), row, locale);
          return (
            <Sides key={c.path} c={c} title={title} mine={shown(c.mine)} theirs={shown(c.theirs)} onResolve={resolve} />
          );
        }
        return (
          <RowVersions
            key={c.path}
            c={c}
            block={block}
            title={t("rowTitle", {
              block: block.label[locale],
              row: rowName(block, c.mine ?? c.theirs ?? row, index, locale),
            })}
            onResolve={resolve}
          />
        );
      })}
    </div>
  );
}

function Sides({
  c,
  title,
  mine,
  theirs,
  onResolve,
}: {
  c: Conflict;
  title: string;
  mine: string;
  theirs: string;
  onResolve: Resolve;
}) {
  const t = useTranslations("form.save");
  const id = conflictDomId(c.path);
  return (
    <div className="conflict" data-conflict data-testid={`conflict-${c.path}`}>
      <strong id={id}>{title}</strong>
      <div className="conflict-sides">
        <div>
          <span className="muted">{t("mine")}</span> <span data-testid="mine">{mine}</span>
          <button
            type="button"
            className="button button--secondary"
            aria-describedby={id}
            onClick={() => onResolve(c, "mine")}
          >
            {t("keepMine")}
          </button>
        </div>
        <div>
          <span className="muted">{t("theirs")}</span> <span data-testid="theirs">{theirs}</span>
          <button
            type="button"
            className="button button--secondary"
            aria-describedby={id}
            onClick={() => onResolve(c, "theirs")}
          >
            {t("keepTheirs")}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Both versions of a row, one line per field answered on either side; the fields that differ are marked. */
function RowVersions({
  c,
  block,
  title,
  onResolve,
}: {
  c: RowConflict;
  block: BlockDef;
  title: string;
  onResolve: Resolve;
}) {
  const t = useTranslations("form.save");
  const locale = asLocale(useLocale());
  const id = conflictDomId(c.path);
  const why = c.mine === null ? t("rowDeletedByMe") : c.theirs === null ? t("rowDeletedByThem") : t("rowChangedByBoth");
  const answered = (a: FieldAnswer | undefined) => isAnswered(a) && a?.code !== "NA";
  const fields = block.fields.filter((f) => answered(c.mine?.values[f.id]) || answered(c.theirs?.values[f.id]));
  const cell = (row: BlockRow | null, fieldId: string) =>
    row
      ? describeAnswer(
          block.fields.find((f) => f.id === fieldId),
          row.values[fieldId],
          locale,
        )
      : t("rowDeleted");
  return (
    <div className="conflict" data-conflict data-testid={`conflict-${c.path}`}>
      <strong id={id}>{title}</strong>
      <p id={`${id}-why`}>{why}</p>
      <table className="table table--compact" aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t("fieldColumn")}</th>
            <th scope="col">{t("mineColumn")}</th>
            <th scope="col">{t("theirsColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const differs = !c.mine || !c.theirs || !sameAnswer(c.mine.values[f.id], c.theirs.values[f.id]);
            const mine = cell(c.mine, f.id);
            const theirs = cell(c.theirs, f.id);
            return (
              <tr key={f.id} data-field={f.id}>
                <th scope="row">{f.label[locale]}</th>
                <td data-testid="mine">{differs && c.mine ? <mark>{mine}</mark> : mine}</td>
                <td data-testid="theirs">{differs && c.theirs ? <mark>{theirs}</mark> : theirs}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="conflict-sides">
        <div>
          <button
            type="button"
            className="button button--secondary"
            aria-describedby={`${id} ${id}-why`}
            onClick={() => onResolve(c, "mine")}
          >
            {c.mine === null ? t("deleteRow") : t("keepMineRow")}
          </button>
        </div>
        <div>
          <button
            type="button"
            className="button button--secondary"
            aria-describedby={`${id} ${id}-why`}
            onClick={() => onResolve(c, "theirs")}
          >
            {c.theirs === null ? t("deleteRow") : t("keepTheirsRow")}
          </button>
        </div>
      </div>
    </div>
  );
}
