"use client";
import { useTranslations } from "next-intl";
import { useFieldArray } from "react-hook-form";
import type { BlockDef } from "@/domain/crf/types";
import { FieldControl } from "./field-control";
import { useCrf } from "./form-context";
import { emptyState, newRowId, type RowState } from "./form-model";
import { ShowIf } from "./show-if";

export function BlockControl({ block }: { block: BlockDef }) {
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
            {block.fields.map((f) => (
              <ShowIf key={f.id} condition={f.showIf} rowName={rowName} rowFields={block.fields}>
                <FieldControl field={f} name={`${rowName}.values.${f.id}`} path={`${block.id}.${rowId}.${f.id}`} rowName={rowName} />
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
      {editable && rows.length < block.maxRows ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => append({ rowId: newRowId(), values: Object.fromEntries(block.fields.map((f) => [f.id, emptyState(f)])) } satisfies RowState)}
        >
          {t("addRow", { row: block.rowLabel[locale] })}
        </button>
      ) : null}
    </section>
  );
}
