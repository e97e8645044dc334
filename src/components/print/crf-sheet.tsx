// The case report form on paper: the same layout blank (to collect data from
// the medical file) or filled with a case's answers. Everything comes from the
// CRF definition, in the printed language given by the caller.
import type { Locale } from "@/domain/locale";
import { CRF } from "@/domain/crf/definition";
import type { CaseAnswers } from "@/domain/crf/answers";
import type { ComputedResults } from "@/domain/crf/computed";
import { formatDateForInput } from "@/domain/crf/date-input";
import { INCLUSION_WINDOW } from "@/domain/crf/sections/identification";
import { isBlock, type SectionDef } from "@/domain/crf/types";
import { BlockTables } from "./block-table";
import { ComputedBlank, ComputedValues } from "./computed-print";
import { FieldRow } from "./field-row";
import { printFormatter, printTranslator } from "./print-i18n";
import { codeShort, drugPrintRows, type Tr } from "./print-model";
import { BlankLine, Box, Cells, type SheetContext } from "./sheet-parts";

export interface PrintedCase {
  readonly id: string;
  readonly initials: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly centreCode: string;
  readonly status: string;
  readonly answers: CaseAnswers;
  readonly computed: ComputedResults;
  /** "Signé par … le … (version n)" or "Non signé", already in the printed language. */
  readonly signatureLine: string;
  readonly printedBy: string;
  readonly printedAt: Date;
}

export function CrfSheet({ lang, record }: { lang: Locale; record?: PrintedCase }) {
  const t = printTranslator(lang);
  const format = printFormatter(lang);
  const ctx: SheetContext = { lang, t, answers: record?.answers };
  const key = record ? `${record.initials} · ${record.birthDate} · ${record.centreCode}` : undefined;
  return (
    <article className="pr-sheet" lang={lang} data-testid="print-sheet" data-mode={record ? "case" : "blank"}>
      <header className="pr-head">
        <p className="pr-study">{t("print.sheet.studyTitle")}</p>
        <h1>{record && key ? t("print.sheet.filledTitle", { key }) : t("print.sheet.blankTitle")}</h1>
        <p className="pr-sub">{t("print.sheet.studySubtitle")}</p>
        <p className="pr-meta">
          {t("print.sheet.formVersion", { version: CRF.version })}
          {record ? (
            <>
              {" · "}
              <span data-testid="print-status">
                {t("print.sheet.status", { status: statusLabel(record.status, t) })}
              </span>
              {" · "}
              {t("print.sheet.printedBy", {
                date: format.dateTime(record.printedAt, { dateStyle: "short", timeStyle: "short" }),
                name: record.printedBy,
              })}
            </>
          ) : null}
        </p>
      </header>

      <KeyBox record={record} t={t} />

      {record ? null : (
        <div className="pr-intro">
          <section className="pr-rule" data-testid="print-pseudonymisation">
            <h2>{t("print.sheet.pseudoTitle")}</h2>
            <p>{t("print.sheet.pseudoRule")}</p>
            <p>{t("print.sheet.pseudoCorrespondence")}</p>
          </section>
          <section className="pr-rule" data-testid="print-eligibility">
            <h2>{t("print.sheet.eligibilityTitle")}</h2>
            <p>{t("print.sheet.eligibilityIntro")}</p>
            <ul className="pr-checklist">
              {[
                t("print.sheet.eligibilityDm"),
                t("print.sheet.eligibilitySam"),
                t("print.sheet.eligibilityWindow", {
                  from: formatDateForInput(INCLUSION_WINDOW.from),
                  to: formatDateForInput(INCLUSION_WINDOW.to),
                }),
                t("print.sheet.eligibilityFrance"),
              ].map((c) => (
                <li key={c}>
                  <span className="pr-checklist-text">{c}</span>
                  <span className="pr-options">
                    <span className="pr-option">
                      <Box />
                      {t("cases.yes")}
                    </span>
                    <span className="pr-option">
                      <Box />
                      {t("cases.no")}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}

      <HowTo t={t} blank={!record} />

      {CRF.sections.map((section, i) => (
        <SectionSheet key={section.id} section={section} n={i + 1} ctx={ctx} sectionKey={key} />
      ))}

      <div className="pr-section pr-end">
        {record ? <ComputedValues computed={record.computed} lang={lang} t={t} /> : <ComputedBlank lang={lang} t={t} />}
        <section className="pr-signature" data-testid="print-signature">
          <h2>{t("print.sheet.signatureTitle")}</h2>
          {record ? <p data-testid="print-signature-state">{record.signatureLine}</p> : null}
          <div className="pr-sign-lines">
            <span>
              {t("print.sheet.signatureName")} <BlankLine />
            </span>
            <span>
              {t("print.sheet.signatureSign")} <BlankLine />
            </span>
            <span>
              {t("print.sheet.signatureDate")} <BlankLine size="medium" />
            </span>
          </div>
        </section>
      </div>

      {record ? null : <DrugAppendix lang={lang} t={t} />}
    </article>
  );
}

function statusLabel(status: string, t: Tr): string {
  return ["DRAFT", "SUBMITTED", "QUERIED", "VALIDATED", "LOCKED"].includes(status) ? t(`status.${status}`) : status;
}

/** The case key: cells to write in on the blank form, the values on a printed case. */
function KeyBox({ record, t }: { record?: PrintedCase; t: Tr }) {
  return (
    <section className="pr-key" data-testid="print-key">
      <h2>{t("print.sheet.keyTitle")}</h2>
      <div className="pr-key-grid">
        <div>
          <span className="pr-key-label">{t("print.sheet.initials")}</span>
          {record ? <strong className="pr-key-value">{record.initials}</strong> : <Cells count={2} />}
          <span className="pr-key-hint">{t("print.sheet.initialsHint")}</span>
        </div>
        <div>
          <span className="pr-key-label">{t("print.sheet.birthDate")}</span>
          {record ? (
            <strong className="pr-key-value">{formatDateForInput(record.birthDate)}</strong>
          ) : (
            <span className="pr-cells-date">
              <Cells count={2} />/<Cells count={2} />/<Cells count={4} />
            </span>
          )}
          <span className="pr-key-hint">{t("print.sheet.birthDateHint")}</span>
        </div>
        <div>
          <span className="pr-key-label">{t("print.sheet.centre")}</span>
          {record ? <strong className="pr-key-value">{record.centreCode}</strong> : <Cells count={3} />}
          <span className="pr-key-hint">{t("print.sheet.centreHint")}</span>
        </div>
        <div className="pr-key-id">
          <span className="pr-key-label">{t("print.sheet.recordId")}</span>
          {record ? (
            <strong className="pr-key-value pr-mono" data-testid="print-record-id">
              {record.id}
            </strong>
          ) : (
            <BlankLine />
          )}
          <span className="pr-key-hint">{t("print.sheet.recordIdHint")}</span>
        </div>
      </div>
    </section>
  );
}

function HowTo({ t, blank }: { t: Tr; blank: boolean }) {
  const codes = {
    nk: codeShort("NK", t),
    nd: codeShort("ND", t),
    nkTitle: t("form.code.NK.title"),
    ndTitle: t("form.code.ND.title"),
  };
  return (
    <section className="pr-how" data-testid="print-how">
      <h2>{t("print.sheet.howTitle")}</h2>
      <ul>
        {blank ? <li>{t("print.sheet.howBoxes")}</li> : null}
        <li>{t("print.sheet.howCodes", codes)}</li>
        <li>{t("print.sheet.howConditions")}</li>
        {blank ? <li>{t("print.sheet.howDates")}</li> : null}
        {blank ? <li>{t("print.sheet.howNumbers")}</li> : null}
        {blank ? <li>{t("print.sheet.howTables", codes)}</li> : null}
      </ul>
    </section>
  );
}

function SectionSheet({
  section,
  n,
  ctx,
  sectionKey,
}: {
  section: SectionDef;
  n: number;
  ctx: SheetContext;
  sectionKey?: string;
}) {
  const { lang, t } = ctx;
  return (
    <section className="pr-section" data-section={section.id} aria-labelledby={`pr-s-${section.id}`}>
      <div className="pr-section-head">
        <h2 id={`pr-s-${section.id}`}>
          {n}. {section.label[lang]}
        </h2>
        <span className="pr-section-key">
          {t("print.sheet.sectionKey")}{" "}
          {sectionKey ?? (
            <>
              <Cells count={2} /> · <Cells count={2} />/<Cells count={2} />/<Cells count={4} /> · <Cells count={3} />
            </>
          )}
        </span>
      </div>
      {section.items.map((item) => (
        <div key={item.id} className="pr-item">
          {item.type !== "block" && item.group ? <h3 className="pr-group">{item.group[lang]}</h3> : null}
          {isBlock(item) ? <BlockTables block={item} ctx={ctx} /> : <FieldRow field={item} ctx={ctx} />}
        </div>
      ))}
    </section>
  );
}

function DrugAppendix({ lang, t }: { lang: Locale; t: Tr }) {
  return (
    <section className="pr-section pr-appendix" data-testid="print-drugs">
      <h2>{t("print.sheet.drugsTitle")}</h2>
      <p className="pr-help">{t("print.sheet.drugsIntro")}</p>
      <table className="pr-table pr-table--drugs">
        <thead>
          <tr>
            <th scope="col">{t("print.sheet.drugCol")}</th>
            <th scope="col">{t("print.sheet.unitsCol")}</th>
            <th scope="col">{t("print.sheet.limitUnitCol")}</th>
            <th scope="col">{t("print.sheet.usualCol")}</th>
            <th scope="col">{t("print.sheet.hardCol")}</th>
          </tr>
        </thead>
        {/* One body per drug, so that a page break never separates a drug from its units' lines. */}
        {drugPrintRows(lang, t).map((d) => (
          <tbody key={d.id} data-drug={d.id}>
            {d.limits.map((l, i) => (
              <tr key={l.unit} data-unit={l.unit}>
                {i === 0 ? (
                  <>
                    <th scope="rowgroup" rowSpan={d.limits.length}>
                      {d.label}
                    </th>
                    <td rowSpan={d.limits.length}>{d.units}</td>
                  </>
                ) : null}
                <td>{l.unit}</td>
                <td data-testid="usual">{l.usual}</td>
                <td data-testid="hard">{l.hard}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
