"use client";
import { countRender } from "./render-probe";
import { useTranslations } from "next-intl";
import { useFormContext, useFormState, useWatch } from "react-hook-form";
import { conversionFactor, entryUnitsOf, findDrug, isDoseUnitId, mgUnitOf, DOSE_UNITS } from "@/domain/doses";
import type { FieldAnswer } from "@/domain/crf/answers";
import type { BlockFieldId } from "@/domain/crf/definition";
import { checkFieldAnswer, allowsMissingCodes } from "@/domain/crf/field-rules";
import { IDENTIFIER_GUARD_KEYS } from "@/domain/identifier-guard";
import type { FieldIssue } from "@/domain/crf/issues";
import type { FieldDef } from "@/domain/crf/types";
import { useErrorText } from "../use-error-text";
import { useCrf, useIssues } from "./form-context";
import { IdentifierFindings } from "./identifier-findings";
import { stateToAnswer, type FieldState } from "./form-model";

interface Props {
  field: FieldDef;
  /** react-hook-form path of the field's state: "f.ferritin", "b.treatment_lines.0.values.dose_value". */
  name: string;
  /** Record path for issues and links: "ferritin", "treatment_lines.<rowId>.dose_value". */
  path: string;
  /** For row fields: the row's react-hook-form path ("b.treatment_lines.0"). */
  rowName?: string;
}

export const inputId = (path: string) => `in-${path.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** Hard errors of one field's current state (parse error, refused value), for blur and autosave. */
export function fieldErrorsOf(field: FieldDef, state: FieldState | undefined, today: string): FieldIssue[] {
  const c = stateToAnswer(field, state);
  if (!c.ok) return [{ level: "error", ...c.error }];
  return checkFieldAnswer(field, c.answer ?? undefined, { today }).filter((i) => i.level === "error");
}

export function FieldControl({ field, name, path, rowName }: Props) {
  countRender(`field:${path}`);
  const { caseId, locale, today, editable, queries } = useCrf();
  const query = queries[path];
  const t = useTranslations("form");
  const text = useErrorText();
  const { register, setValue, setError, clearErrors, getValues } = useFormContext();
  const state = useWatch({ name }) as FieldState | undefined;
  const { errors } = useFormState({ name: `${name}.value` });
  const recordIssues = useIssues(path);
  const id = inputId(path);
  const label = field.label[locale];
  const help = field.help?.[locale];
  const coded = Boolean(state?.code) && state?.code !== "NA";
  const disabled = !editable || coded;

  const hardError = readError(errors, `${name}.value`);
  const converted = stateToAnswer(field, state);
  const softWarnings = converted.ok
    ? checkFieldAnswer(field, converted.answer ?? undefined, { today }).filter((i) => i.level === "warning")
    : [];
  const warnings = [...softWarnings, ...recordIssues.filter((i) => i.level === "warning")];
  const recordErrors = recordIssues.filter((i) => i.level === "error");
  const confirmable = warnings.some((w) => w.confirmable);

  const validate = () => {
    const issues = fieldErrorsOf(field, getValues(name) as FieldState, today);
    if (issues[0]) setError(`${name}.value`, { type: "rule", message: text(issues[0]) });
    else clearErrors(`${name}.value`);
    if (field.type === "text") reportIdentifiers(caseId, path, issues);
  };

  const setCode = (code: "NK" | "ND") => {
    const next = state?.code === code ? "" : code;
    setValue(`${name}.code`, next, { shouldDirty: true });
    if (next) {
      setValue(`${name}.value`, field.type === "multi" ? [] : "", { shouldDirty: true });
      setValue(`${name}.confirmed`, false, { shouldDirty: true });
      clearErrors(`${name}.value`);
    }
  };

  const describedBy =
    [help ? `${id}-help` : "", hardError || recordErrors.length ? `${id}-err` : "", warnings.length ? `${id}-warn` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const aria = { "aria-invalid": Boolean(hardError || recordErrors.length), "aria-describedby": describedBy };
  // A confirmation ("valeur vérifiée") is for the value confirmed: a new value needs its own.
  const unconfirm = () => {
    if (getValues(`${name}.confirmed`)) setValue(`${name}.confirmed`, false, { shouldDirty: true });
  };
  const valueReg = register(`${name}.value`, {
    onBlur: validate,
    onChange: () => {
      unconfirm();
      if (hardError) validate();
    },
  });
  const isGroup =
    field.type === "yesno" || field.type === "multi" || (field.type === "choice" && field.options.length <= 4);

  let input: React.ReactNode;
  switch (field.type) {
    case "yesno":
    case "choice":
    case "multi": {
      const options =
        field.type === "yesno"
          ? [
              { value: "yes", label: { fr: "Oui", en: "Yes" } },
              { value: "no", label: { fr: "Non", en: "No" } },
            ]
          : field.options;
      if (isGroup) {
        input = (
          <div
            className="crf-options"
            role={field.type === "multi" ? "group" : "radiogroup"}
            aria-labelledby={`${id}-label`}
            {...aria}
          >
            {options.map((o) => (
              <label key={o.value} className="crf-option">
                <input
                  type={field.type === "multi" ? "checkbox" : "radio"}
                  value={o.value}
                  disabled={disabled}
                  {...valueReg}
                />
                {o.label[locale]}
              </label>
            ))}
          </div>
        );
      } else {
        const allowed =
          rowName && field.id === ("dose_unit" satisfies BlockFieldId) ? <DoseUnitOptions rowName={rowName} /> : null;
        input = (
          <select id={id} disabled={disabled} {...aria} {...valueReg}>
            <option value="">{t("choose")}</option>
            {allowed ??
              field.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label[locale]}
                </option>
              ))}
          </select>
        );
      }
      break;
    }
    case "number":
    case "dose":
      input = (
        <span className="crf-number">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="input--number"
            disabled={disabled}
            {...aria}
            {...valueReg}
          />
          {field.type === "number" && field.unit && (field.altUnits?.length ?? 0) > 0 ? (
            <select
              aria-label={t("unitOf", { field: label })}
              disabled={disabled}
              {...register(`${name}.unit`, { onChange: () => (unconfirm(), validate()) })}
            >
              {[field.unit, ...(field.altUnits ?? [])].map((u) => (
                <option key={u.id} value={u.id}>
                  {u.label[locale]}
                </option>
              ))}
            </select>
          ) : field.type === "number" && field.unit ? (
            <span className="unit">{field.unit.label[locale]}</span>
          ) : null}
          <ConvertedValue field={field} answer={converted.ok ? converted.answer : null} rowName={rowName} />
        </span>
      );
      break;
    case "date":
      input = (
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t(`datePlaceholder.${field.precisions[field.precisions.length - 1]}`)}
          className="input--date"
          disabled={disabled}
          {...aria}
          {...valueReg}
        />
      );
      break;
    case "text":
      input = field.multiline ? (
        <textarea id={id} rows={3} maxLength={field.maxLength} disabled={disabled} {...aria} {...valueReg} />
      ) : (
        <input id={id} type="text" maxLength={field.maxLength} disabled={disabled} {...aria} {...valueReg} />
      );
      break;
  }

  return (
    <div
      className={`crf-field${hardError || recordErrors.length ? " crf-field--error" : warnings.length ? " crf-field--warning" : ""}`}
      id={`field-${path}`}
      data-field={path}
    >
      {isGroup ? (
        <span className="crf-label" id={`${id}-label`}>
          {label}
        </span>
      ) : (
        <label className="crf-label" htmlFor={id} id={`${id}-label`}>
          {label}
        </label>
      )}
      <div className="crf-input-row">
        {input}
        {allowsMissingCodes(field) && editable ? (
          <span className="crf-codes" role="group" aria-label={t("missingCodes", { field: label })}>
            {(["NK", "ND"] as const).map((code) => (
              <button
                key={code}
                type="button"
                className="code-toggle"
                aria-pressed={state?.code === code}
                title={t(`code.${code}.title`)}
                onClick={() => setCode(code)}
              >
                {t(`code.${code}.short`)}
              </button>
            ))}
          </span>
        ) : null}
      </div>
      {query ? (
        <p className="query-flag" data-testid={`query-on-${path}`}>
          <span className="badge badge--query-open">{t("query")}</span> {query}
        </p>
      ) : null}
      {help ? (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {hardError || recordErrors.length ? (
        <p className="error" id={`${id}-err`} role="alert">
          {[...new Set([hardError, ...recordErrors.map(text)].filter(Boolean))].join(" ")}
        </p>
      ) : null}
      {field.type === "text" && !disabled ? <IdentifierFindings name={`${name}.value`} onReplaced={validate} /> : null}
      {warnings.length ? (
        <div className="warning" id={`${id}-warn`}>
          {warnings.map((w) => (
            <p key={w.key}>{text(w)}</p>
          ))}
          {confirmable && editable ? (
            <label className="crf-confirm">
              <input type="checkbox" {...register(`${name}.confirmed`)} /> {t("confirmValue")}
            </label>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

const KIND_OF_KEY = new Map<string, string>(Object.entries(IDENTIFIER_GUARD_KEYS).map(([kind, key]) => [key, kind]));
const reported = new Set<string>();

/**
 * Tells the server that the identifier guard blocked a value (the kinds found,
 * never the text), once per field and kinds, so the coordinator can count them.
 */
function reportIdentifiers(caseId: string, path: string, issues: readonly FieldIssue[]): void {
  const kinds = issues.map((i) => KIND_OF_KEY.get(i.key)).filter((k): k is string => k !== undefined);
  const signature = `${caseId}:${path}:${kinds.join(",")}`;
  if (kinds.length === 0 || reported.has(signature)) return;
  reported.add(signature);
  void fetch(`/api/cases/${caseId}/identifier-blocked`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path, kinds }),
  }).catch(() => reported.delete(signature));
}

function readError(errors: object, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  const message = node && typeof node === "object" ? (node as { message?: unknown }).message : undefined;
  return typeof message === "string" ? message : undefined;
}

/**
 * What is stored when it differs from what was typed: "= 3,39 mmol/L" next to
 * 3 g/L of triglycerides, "= 0,02 mg/kg/j" next to 20 µg/kg/j.
 */
function ConvertedValue({ field, answer, rowName }: { field: FieldDef; answer: FieldAnswer | null; rowName?: string }) {
  const { locale } = useCrf();
  const unitId = useWatch({
    name: rowName && field.type === "dose" ? `${rowName}.values.dose_unit.value` : "__none__",
  }) as unknown;
  if (typeof answer?.v !== "number") return null;
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  const number = (n: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(n);
  const dose = (n: number) => new Intl.NumberFormat(tag, { maximumSignificantDigits: 4 }).format(n);
  if (field.type === "number" && field.unit && answer.unit && answer.unit !== field.unit.id) {
    return (
      <span className="converted" data-testid="converted-value">
        = {number(answer.v)} {field.unit.label[locale]}
      </span>
    );
  }
  const mg = field.type === "dose" && isDoseUnitId(unitId) ? mgUnitOf(unitId) : undefined;
  if (!mg || !isDoseUnitId(unitId)) return null;
  return (
    <span className="converted" data-testid="converted-value">
      = {dose(answer.v * conversionFactor(unitId, mg, 1, 1))} {DOSE_UNITS[mg].labels[locale]}
    </span>
  );
}

/** Dose units offered for the row's drug (all units for "other"). */
function DoseUnitOptions({ rowName }: { rowName: string }) {
  const { locale } = useCrf();
  const drugId = useWatch({ name: `${rowName}.values.drug.value` }) as string | undefined;
  const drug = drugId ? findDrug(drugId) : undefined;
  const units = drug ? entryUnitsOf(drug) : (Object.keys(DOSE_UNITS) as string[]);
  return (
    <>
      {units.filter(isDoseUnitId).map((u) => (
        <option key={u} value={u}>
          {DOSE_UNITS[u].labels[locale]}
        </option>
      ))}
    </>
  );
}
