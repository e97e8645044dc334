"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/components/apply-field-errors";
import { Field } from "@/components/field";
import { FormErrors } from "@/components/form-errors";
import { messageResolver } from "@/components/message-resolver";
import { useSteadyValidation } from "@/components/steady-validation";
import { useErrorText } from "@/components/use-error-text";
import { parseDateInput } from "@/domain/crf/date-input";
import { fieldId, labelOf } from "@/domain/crf/definition";
import type { EligibilityCriterion } from "@/domain/eligibility";
import { newCaseSchema, type NewCaseInput } from "@/domain/pseudonym-key";
import { asLocale } from "@/i18n/locales";
import { createCaseAction } from "../actions";

/** A day-precise date as typed (12/03/1964, 1964-03-12) → ISO; anything else is passed on for the schema to refuse. */
function dayDateValue(raw: unknown): string {
  const typed = typeof raw === "string" ? raw.trim() : "";
  const iso = parseDateInput(typed);
  return iso !== undefined && iso.length === 10 ? iso : typed;
}

const FIELDS = [
  "elig_dm",
  "elig_sam",
  "sam_date",
  "elig_france",
  "initials",
  "birthDate",
  "centreCode",
] as const satisfies readonly (keyof NewCaseInput)[];
type Criterion = EligibilityCriterion;

export function NewCaseForm({ centreCode, today }: { centreCode: string; today: string }) {
  const t = useTranslations("cases");
  const tc = useTranslations("common");
  const locale = asLocale(useLocale());
  const text = useErrorText();
  const router = useRouter();
  // Messages that belong to no field (a duplicate key, an unexpected failure); the fields' own are read live below.
  const [formErrors, setFormErrors] = useState<string[]>([]);
  // The same schema the server applies: the browser only saves a round trip.
  const schema = useMemo(() => newCaseSchema({ centreCodes: [centreCode], today }), [centreCode, today]);
  const { register, handleSubmit, setError, formState, trigger } = useForm<NewCaseInput>({
    resolver: messageResolver(schema, text),
    defaultValues: {
      elig_dm: "",
      elig_sam: "",
      sam_date: "",
      elig_france: "",
      initials: "",
      birthDate: "",
      centreCode,
    },
    // A field is first checked when it is left, then on every change (a corrected value clears its
    // message as it is typed) — through useSteadyValidation, which waits for a click to be over so
    // that a message appearing never moves the control under the pointer (the click would be lost).
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  const steady = useSteadyValidation<(typeof FIELDS)[number]>(trigger);
  const reg = <N extends (typeof FIELDS)[number]>(name: N, options: { setValueAs?: (raw: unknown) => unknown } = {}) =>
    register(name, { ...options, onBlur: () => steady.onBlur(name), onChange: () => steady.onChange(name) });
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;
  // The summary follows the fields: a corrected field leaves it as its own message goes.
  const summary =
    formState.submitCount > 0
      ? [...new Set([...formErrors, ...FIELDS.map(errorOf).filter((m): m is string => Boolean(m))])]
      : formErrors;

  const onSubmit = handleSubmit(
    async (values) => {
      const done = await submitToAction(() => createCaseAction(values), {
        fields: FIELDS,
        setError,
        text,
        unexpected: tc("unexpected"),
        setFormErrors,
      });
      if (done) router.push(`/cases/${done.data.id}`);
    },
    () => setFormErrors([]),
  );

  const yesNo = (id: Criterion) => (
    <fieldset
      className={`field field--radio${errorOf(id) ? " field--error" : ""}`}
      aria-describedby={errorOf(id) ? `${id}-error` : undefined}
    >
      <legend>
        {labelOf(id)[locale]} <span className="required">({tc("required")})</span>
      </legend>
      <label className="crf-option">
        <input type="radio" value="yes" {...reg(id)} /> {t("yes")}
      </label>
      <label className="crf-option">
        <input type="radio" value="no" {...reg(id)} /> {t("no")}
      </label>
      {errorOf(id) ? (
        <p id={`${id}-error`} className="error" role="alert">
          {errorOf(id)}
        </p>
      ) : null}
    </fieldset>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="new-case-form">
      <FormErrors messages={summary} />
      <h2>{t("eligibilityTitle")}</h2>
      {yesNo("elig_dm")}
      {yesNo("elig_sam")}
      <Field
        id="sam_date"
        label={labelOf(fieldId("sam_date"))[locale]}
        help={t("samDateHelp")}
        error={errorOf("sam_date")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => (
          <input
            {...aria}
            {...reg("sam_date")}
            inputMode="numeric"
            placeholder={t("datePlaceholder")}
            className="input--date"
            autoComplete="off"
          />
        )}
      </Field>
      {yesNo("elig_france")}
      <h2>{t("keyTitle")}</h2>
      <p className="notice">{t("newIntro")}</p>
      <Field
        id="initials"
        label={t("initialsLabel")}
        help={t("initialsHelp")}
        error={errorOf("initials")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => <input {...aria} {...reg("initials")} autoComplete="off" maxLength={20} className="input--short" />}
      </Field>
      <Field
        id="birthDate"
        label={t("birthDateLabel")}
        error={errorOf("birthDate")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => (
          // The project's text date (jj/mm/aaaa, as every date of the form) rather than a native date
          // picker whose order follows the browser's locale; ISO typed or pasted is understood too.
          // The schema receives ISO, as the server expects.
          <input
            {...aria}
            {...reg("birthDate", { setValueAs: dayDateValue })}
            type="text"
            inputMode="numeric"
            placeholder={t("datePlaceholder")}
            className="input--date"
            autoComplete="off"
          />
        )}
      </Field>
      <Field id="centreCode" label={t("centreCodeLabel")} help={t("centreCodeHelpFixed")} error={errorOf("centreCode")}>
        {(aria) => <input {...aria} {...register("centreCode")} readOnly className="input--short" />}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("creating") : t("create")}
      </button>
    </form>
  );
}
