"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/components/apply-field-errors";
import { Field } from "@/components/field";
import { FormErrors } from "@/components/form-errors";
import { messageResolver } from "@/components/message-resolver";
import { useErrorText } from "@/components/use-error-text";
import { studySettingsSchema, type StudySettingsInput } from "@/domain/study-settings-input";
import { updateStudySettingsAction } from "./actions";

const FIELDS = ["openingDate", "closingDate", "reminderDate", "graceDays"] as const;

type FormValues = StudySettingsInput;

export function StudySettingsForm({
  initial,
}: {
  initial: { openingDate: string; closingDate: string; reminderDate: string; graceDays: string };
}) {
  const t = useTranslations("study.settings");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<FormValues>({
    // The resolver checks with the shared schema; the raw text is what is sent (the server parses it again).
    resolver: async (values, context, options) => {
      const result = await messageResolver<FormValues>(studySettingsSchema, text)(values, context, options);
      return Object.keys(result.errors).length ? result : { values, errors: {} };
    },
    defaultValues: initial,
  });
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setSaved(false);
    const done = await submitToAction(() => updateStudySettingsAction(values), {
      fields: FIELDS,
      setError,
      text,
      unexpected: tc("unexpected"),
      setFormErrors,
    });
    if (!done) return;
    setSaved(true);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="study-settings-form">
      {saved ? (
        <p className="notice notice--ok" role="status">
          {t("saved")}
        </p>
      ) : null}
      <FormErrors messages={formErrors} />
      <Field id="openingDate" label={t("openingDate")} help={t("openingHelp")} error={errorOf("openingDate")}>
        {(aria) => <input {...aria} {...register("openingDate")} type="date" className="input--date" />}
      </Field>
      <Field id="closingDate" label={t("closingDate")} help={t("closingHelp")} error={errorOf("closingDate")}>
        {(aria) => <input {...aria} {...register("closingDate")} type="date" className="input--date" />}
      </Field>
      <Field id="reminderDate" label={t("reminderDate")} help={t("reminderHelp")} error={errorOf("reminderDate")}>
        {(aria) => <input {...aria} {...register("reminderDate")} type="date" className="input--date" />}
      </Field>
      <Field
        id="graceDays"
        label={t("graceDays")}
        help={t("graceHelp")}
        error={errorOf("graceDays")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => (
          <input
            {...aria}
            {...register("graceDays")}
            type="number"
            inputMode="numeric"
            min={0}
            max={365}
            step={1}
            className="input--number input--short"
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("saving") : t("save")}
      </button>
    </form>
  );
}
