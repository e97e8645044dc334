// Small printed pieces: tick boxes, blank lines to write on, date blanks, the
// missing-data boxes. Server components: nothing here runs in the browser.
import type { Locale } from "@/domain/locale";
import type { ReactNode } from "react";
import type { CaseAnswers } from "@/domain/crf/answers";
import type { OptionDef } from "@/domain/crf/types";
import { codeShort, type Tr } from "./print-model";

/** What every printed part needs: the language, its texts, and the answers when printing a case. */
export interface SheetContext {
  readonly lang: Locale;
  readonly t: Tr;
  /** Present when printing a case; absent for the blank form. */
  readonly answers?: CaseAnswers;
}

/** A tick box; a ticked one carries an X (drawn by the stylesheet, so the option's text stays its label). */
export function Box({ checked = false }: { checked?: boolean }) {
  return (
    <span
      className={`pr-box${checked ? " pr-box--checked" : ""}`}
      data-checked={checked ? "true" : undefined}
      aria-hidden="true"
    />
  );
}

/** Options as boxes: "☐ Oui ☐ Non", the chosen ones ticked. */
export function OptionBoxes({
  options,
  chosen,
  lang,
  stacked = false,
}: {
  options: readonly OptionDef[];
  chosen: readonly string[];
  lang: Locale;
  stacked?: boolean;
}) {
  return (
    <span className={`pr-options${stacked ? " pr-options--stacked" : ""}`}>
      {options.map((o) => {
        const checked = chosen.includes(o.value);
        return (
          <span key={o.value} className={`pr-option${checked ? " pr-option--chosen" : ""}`}>
            <Box checked={checked} />
            {o.label[lang]}
          </span>
        );
      })}
    </span>
  );
}

/** A line to write on. */
export function BlankLine({ size = "full" }: { size?: "short" | "medium" | "full" }) {
  return <span className={`pr-blank pr-blank--${size}`} aria-hidden="true" />;
}

/** Several lines for a longer text. */
export function BlankLines({ count }: { count: number }) {
  return (
    <span className="pr-lines" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="pr-blank pr-blank--full" />
      ))}
    </span>
  );
}

/** "__ / __ / ____" with the accepted format under it. */
export function DateBlank({ format }: { format: string }) {
  return (
    <span className="pr-date">
      <span className="pr-date-parts" aria-hidden="true">
        <span className="pr-blank pr-blank--dd" />/<span className="pr-blank pr-blank--dd" />/
        <span className="pr-blank pr-blank--yyyy" />
      </span>
      <span className="pr-format">{format}</span>
    </span>
  );
}

/** Character cells to write a key into: initials, birth date, centre code. */
export function Cells({ count }: { count: number }) {
  return (
    <span className="pr-cells" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className="pr-cell" />
      ))}
    </span>
  );
}

/** NR / NF (NK / ND) boxes, the stored code ticked. */
export function CodeBoxes({ code, t }: { code: string | undefined; t: Tr }) {
  return (
    <span className="pr-codes-boxes">
      {(["NK", "ND"] as const).map((c) => (
        <span
          key={c}
          className={`pr-option${code === c ? " pr-option--chosen" : ""}`}
          title={t(`form.code.${c}.title`)}
        >
          <Box checked={code === c} />
          {codeShort(c, t)}
        </span>
      ))}
    </span>
  );
}

/** "↳ si « … » = Oui" before a conditional question. */
export function IfLine({ text }: { text: string | undefined }) {
  return text ? <p className="pr-if">↳ {text}</p> : null;
}

export function Hints({ items, children }: { items: readonly string[]; children?: ReactNode }) {
  if (items.length === 0 && !children) return null;
  return (
    <p className="pr-hints">
      {items.join(" · ")}
      {children}
    </p>
  );
}
