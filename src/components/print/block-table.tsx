// A repeating block (treatment lines, infections, relapses…) printed as tables:
// one column per field (a wide block is split into several tables that share
// the row numbers), empty rows to fill in on the blank form, the case's rows
// when printing a case. Options too long for a cell go to a legend under the
// table, with the fields' help.
import type { Locale } from "@/domain/locale";
import { hasValue, type BlockRow } from "@/domain/crf/answers";
import { isVisible, rowLookup, topLookup } from "@/domain/crf/visibility";
import type { BlockDef, FieldDef } from "@/domain/crf/types";
import {
  blankRowCount,
  boxesFitInCell,
  cellText,
  chunkFields,
  dateFormatText,
  fieldHints,
  isDrugChoice,
  optionsOf,
  shownIfText,
  type Tr,
} from "./print-model";
import { Hints, IfLine, OptionBoxes, type SheetContext } from "./sheet-parts";

/** Columns per table, row number excluded: what fits across an A4 page at a readable size. */
const MAX_COLUMNS = 7;

interface LegendEntry {
  readonly field: FieldDef;
  readonly n: number;
  readonly text: string;
}

function legendOf(block: BlockDef, lang: Locale, t: Tr): LegendEntry[] {
  const out: LegendEntry[] = [];
  for (const field of block.fields) {
    const parts: string[] = [];
    if (optionsOf(field).length > 0 && !boxesFitInCell(field, lang) && !isDrugChoice(field))
      parts.push(
        optionsOf(field)
          .map((o) => o.label[lang])
          .join(" · "),
      );
    if (field.help) parts.push(field.help[lang]);
    if (parts.length) out.push({ field, n: out.length + 1, text: parts.join(" — ") });
  }
  return out;
}

/** The small print under a column's label: its condition, format, limits. */
function columnNotes(field: FieldDef, block: BlockDef, lang: Locale, t: Tr): string[] {
  const notes: string[] = [];
  const condition = shownIfText(field.showIf, lang, t, block.fields);
  if (condition) notes.push(condition);
  if (field.type === "date") notes.push(dateFormatText(field, t));
  notes.push(...fieldHints(field, lang, t));
  return notes;
}

/** Width hints for a column (the stylesheet sizes dates, yes/no, numbers; free text takes the rest). */
function columnClass(field: FieldDef, lang: Locale): string {
  return `pr-col pr-col--${field.type}${boxesFitInCell(field, lang) ? " pr-col--boxes" : ""}`;
}

export function BlockTables({ block, ctx }: { block: BlockDef; ctx: SheetContext }) {
  const { lang, t, answers } = ctx;
  const hidden = answers !== undefined && !isVisible(block, topLookup(answers));
  const rows: readonly (BlockRow | undefined)[] = answers
    ? (answers.blocks[block.id] ?? [])
    : Array.from({ length: blankRowCount(block.maxRows) }, () => undefined);
  const legend = legendOf(block, lang, t);
  const marker = new Map(legend.map((e) => [e.field.id, e.n]));
  const chunks = chunkFields(block.fields, MAX_COLUMNS);
  return (
    <div className={`pr-block${hidden ? " pr-field--na" : ""}`} data-block={block.id}>
      <IfLine text={shownIfText(block.showIf, lang, t)} />
      <h3 className="pr-block-title">{block.label[lang]}</h3>
      {block.help ? <p className="pr-help">{block.help[lang]}</p> : null}
      {hidden ? (
        <p className="pr-na">{t("print.sheet.blockNotApplicable")}</p>
      ) : answers && rows.length === 0 ? (
        <p className="pr-help">{t("print.sheet.noRows")}</p>
      ) : (
        <>
          {!answers ? <Hints items={[t("print.sheet.blockRows", { max: block.maxRows })]} /> : null}
          {chunks.map((fields, i) => (
            <table key={i} className="pr-table" data-part={i + 1}>
              {chunks.length > 1 ? (
                <caption>
                  {block.label[lang]} ({i + 1}/{chunks.length}){i > 0 ? ` — ${t("print.sheet.blockPart")}` : ""}
                </caption>
              ) : null}
              <thead>
                <tr>
                  <th scope="col" className="pr-rownum">
                    {t("print.sheet.rowNumber")}
                  </th>
                  {fields.map((f) => (
                    <th key={f.id} scope="col" className={columnClass(f, lang)}>
                      <span className="pr-th-label">
                        {f.label[lang]}
                        {marker.has(f.id) ? <sup>{marker.get(f.id)}</sup> : null}
                      </span>
                      {columnNotes(f, block, lang, t).map((n) => (
                        <span key={n} className="pr-th-note">
                          {n}
                        </span>
                      ))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, r) => (
                  <tr key={row?.id ?? r}>
                    <td className="pr-rownum">{r + 1}</td>
                    {fields.map((f) => (
                      <td key={f.id}>
                        <Cell field={f} row={row} ctx={ctx} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </>
      )}
      {!hidden && legend.length > 0 && (!answers || rows.length > 0) ? (
        <dl className="pr-legend">
          {legend.map((e) => (
            <div key={e.field.id}>
              <dt>
                <sup>{e.n}</sup> {e.field.label[lang]}
              </dt>
              <dd>{e.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function Cell({ field, row, ctx }: { field: FieldDef; row: BlockRow | undefined; ctx: SheetContext }) {
  const { lang, t, answers } = ctx;
  const fits = boxesFitInCell(field, lang);
  if (!row || !answers) return fits ? <OptionBoxes options={optionsOf(field)} chosen={[]} lang={lang} /> : null;
  if (!isVisible(field, rowLookup(answers, row))) return <span className="pr-na">NA</span>;
  const answer = row.values[field.id];
  if (fits && (hasValue(answer) || !answer)) {
    const chosen = hasValue(answer) ? (Array.isArray(answer.v) ? answer.v.map(String) : [String(answer.v)]) : [];
    return <OptionBoxes options={optionsOf(field)} chosen={chosen} lang={lang} />;
  }
  const text = cellText(field, answer, lang, t);
  return <span className={`pr-value${field.type === "text" ? " pr-value--text" : ""}`}>{text}</span>;
}
