"use client";
import { useTranslations } from "next-intl";
import { useFieldArray } from "react-hook-form";
import { rowFieldPath } from "@/domain/crf/field-path";
import type { BlockDef } from "@/domain/crf/types";
import { useConflicts, type SaveStateStore } from "./autosave";
import { conflictDomId } from "./conflict-notice";
import { FieldControl } from "./field-control";
import { useCrf } from "./form-context";
import { emptyState, newRowId, type RowState } from "./form-model";
import { ShowIf } from "./show-if";

export function BlockControl({ block, saveState }: { block: BlockDef; saveState?: SaveStateStore }) {
  const { locale, editable } = useCrf();
  const t = useTranslations("form");
  const { fields: rows, append, remove } = useFieldArray({ name: `b.${block.id}`, keyName: "key" });
  const label = block.label[locale];
  return (
    <section className="crf-block" aria-labelledby={`block-${block.id}`} data-block={block.id}>
      <h3 id={`block-${block.id}`}>{label}</h3>
      {block.help ? <p className="help">{block.help[locale]}</p> : null}
      {rows.length === 0 ? <p className="empty">{t("noRows")}</p> : null}
      {rows.map((row, index) => {
        const rowId = (row as unknown as RowState).rowId;
        const rowName = `b.${block.id}.${index}`;
        return (
          <fieldset key={row.key} className="crf-row" data-row={rowId}>
            <legend>
              {block.rowLabel[locale]} {index + 1}
            </legend>
            {saveState ? <RowConflictNote store={saveState} block={block} rowId={rowId} /> : null}
            {block.fields.map((f) => (
              <ShowIf key={f.id} condition={f.showIf} rowName={rowName} rowFields={block.fields}>
                <FieldControl
                  field={f}
                  name={`${rowName}.values.${f.id}`}
                  path={rowFieldPath(block.id, rowId, f.id)}
                  rowName={rowName}
                />
              </ShowIf>
            ))}
            {editable ? (
              <button type="button" className="link-button" onClick={() => remove(index)}>
                {t("removeRow", { row: `${block.rowLabel[locale]} ${index + 1}` })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {saveState ? <DeletedRowsNote store={saveState} block={block} /> : null}
      {editable && rows.length < block.maxRows ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            append({
              rowId: newRowId(),
              values: Object.fromEntries(block.fields.map((f) => [f.id, emptyState(f)])),
            } satisfies RowState)
          }
        >
          {t("addRow", { row: block.rowLabel[locale] })}
        </button>
      ) : null}
    </section>
  );
}

/** Brings the conflict's two versions (the side-by-side view at the top of the form) to the keyboard. */
function ShowConflict({ path }: { path: string }) {
  const t = useTranslations("form.save");
  const show = () => {
    const conflict = document.getElementById(conflictDomId(path))?.closest("[data-conflict]");
    conflict?.scrollIntoView({ block: "center" });
    conflict?.querySelector<HTMLButtonElement>("button")?.focus();
  };
  return (
    <button type="button" className="link-button" onClick={show}>
      {t("showConflict")}
    </button>
  );
}

/** Says in the row itself that part of it is in conflict, and leads to the choice. */
function RowConflictNote({ store, block, rowId }: { store: SaveStateStore; block: BlockDef; rowId: string }) {
  const { locale } = useCrf();
  const t = useTranslations("form.save");
  const mine = useConflicts(store).filter((c) => c.kind !== "field" && c.block === block.id && c.rowId === rowId);
  const first = mine[0];
  if (!first) return null;
  const fields = mine.flatMap((c) =>
    c.kind === "rowField" ? [block.fields.find((f) => f.id === c.field)?.label[locale] ?? c.field] : [],
  );
  return (
    <p className="notice notice--warning" data-testid="row-conflict">
      {fields.length ? t("rowConflict", { fields: fields.join(", ") }) : t("rowDeletedByThem")}{" "}
      <ShowConflict path={first.path} />
    </p>
  );
}

/** A row this user deleted while someone else changed it is no longer in the form: the block says so. */
function DeletedRowsNote({ store, block }: { store: SaveStateStore; block: BlockDef }) {
  const t = useTranslations("form.save");
  const deleted = useConflicts(store).filter((c) => c.kind === "row" && c.block === block.id && c.mine === null);
  return (
    <>
      {deleted.map((c) => (
        <p key={c.path} className="notice notice--warning" data-testid="deleted-row-conflict">
          {t("rowDeletedByMe")} <ShowConflict path={c.path} />
        </p>
      ))}
    </>
  );
}
