// One top-level question of the printed form: label, help, condition and hints
// on the left, the answer area (boxes, blank line with units, date, text lines;
// or the answer of a case) in the middle, the missing-data boxes on the right.
import { hasValue, type FieldAnswer } from "@/domain/crf/answers";
import { allowsMissingCodes } from "@/domain/crf/field-rules";
import { isVisible, topLookup } from "@/domain/crf/visibility";
import type { FieldDef } from "@/domain/crf/types";
import { dateFormatText, fieldHints, optionsOf, shownIfText, unitsOf, valueText } from "./print-model";
import {
  BlankLine,
  BlankLines,
  CodeBoxes,
  DateBlank,
  Hints,
  IfLine,
  OptionBoxes,
  type SheetContext,
} from "./sheet-parts";

export function FieldRow({ field, ctx }: { field: FieldDef; ctx: SheetContext }) {
  const { lang, t, answers } = ctx;
  const answer = answers?.fields[field.id];
  // A case prints a hidden question greyed, as not applicable (spec §0: NA).
  const hidden = answers !== undefined && !isVisible(field, topLookup(answers));
  const condition = shownIfText(field.showIf, lang, t);
  const wide = field.type === "text" && field.multiline;
  const classes = [
    "pr-field",
    condition ? "pr-field--conditional" : "",
    hidden ? "pr-field--na" : "",
    wide ? "pr-field--wide" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={classes} data-field={field.id}>
      <div className="pr-q">
        <IfLine text={condition} />
        <p className="pr-label">{field.label[lang]}</p>
        {field.help ? <p className="pr-help">{field.help[lang]}</p> : null}
        <Hints items={fieldHints(field, lang, t)} />
      </div>
      <div className="pr-a">
        {hidden ? (
          <span className="pr-na">{t("print.sheet.notApplicable")}</span>
        ) : (
          <AnswerArea field={field} answer={answer} ctx={ctx} />
        )}
      </div>
      <div className="pr-codes">
        {allowsMissingCodes(field) && !hidden ? <CodeBoxes code={answer?.code} t={t} /> : null}
      </div>
    </div>
  );
}

function AnswerArea({ field, answer, ctx }: { field: FieldDef; answer: FieldAnswer | undefined; ctx: SheetContext }) {
  const { lang, t } = ctx;
  // NR / NF ticked on the right: nothing to write in the answer area.
  if (answer?.code === "NK" || answer?.code === "ND") return <span className="pr-na">—</span>;
  const value = hasValue(answer) ? answer : undefined;
  const text = valueText(field, value, lang);
  const checked = value?.confirmed ? <span className="pr-verified"> ✔ {t("print.sheet.verified")}</span> : null;
  switch (field.type) {
    case "yesno":
    case "choice":
    case "multi": {
      const chosen = value ? (Array.isArray(value.v) ? value.v.map(String) : [String(value.v)]) : [];
      return <OptionBoxes options={optionsOf(field)} chosen={chosen} lang={lang} />;
    }
    case "number": {
      if (text) {
        return (
          <span className="pr-value">
            {text}
            {checked}
          </span>
        );
      }
      const units = unitsOf(field);
      return (
        <span className="pr-number">
          <BlankLine size="short" />
          {units.length === 1 ? <span className="pr-unit">{units[0]?.label[lang]}</span> : null}
          {units.length > 1 ? (
            <span className="pr-units">
              <OptionBoxes options={units.map((u) => ({ value: u.id, label: u.label }))} chosen={[]} lang={lang} />
            </span>
          ) : null}
        </span>
      );
    }
    case "date":
      return text ? (
        <span className="pr-value">
          {text}
          {checked}
        </span>
      ) : (
        <DateBlank format={dateFormatText(field, t)} />
      );
    case "text":
      if (text) return <span className="pr-value pr-value--text">{text}</span>;
      return field.multiline ? <BlankLines count={field.maxLength > 500 ? 5 : 3} /> : <BlankLine />;
    case "dose":
      return text ? <span className="pr-value">{text}</span> : <BlankLine size="short" />;
  }
}
