"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { applyFieldErrors } from "@/components/apply-field-errors";
import { Field } from "@/components/field";
import { FormErrors } from "@/components/form-errors";
import { messageResolver } from "@/components/message-resolver";
import { useErrorText } from "@/components/use-error-text";
import { caseKeySchema, type CaseKeyInput } from "@/domain/pseudonym-key";
import { createCaseAction } from "../actions";

const FIELDS = ["initials", "birthDate", "centreCode"] as const;

export function NewCaseForm({ centreCode, today }: { centreCode: string; today: string }) {
  const t = useTranslations("cases");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  // The same schema the server applies: the browser only saves a round trip.
  const schema = useMemo(() => caseKeySchema({ centreCodes: [centreCode], today }), [centreCode, today]);
  const { register, handleSubmit, setError, formState } = useForm<CaseKeyInput>({
    resolver: messageResolver(schema, text),
    defaultValues: { initials: "", birthDate: "", centreCode },
    mode: "onBlur",
  });
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setFormErrors([]);
    try {
      const result = await createCaseAction(values);
      if (result.ok) {
        router.push(`/cases/${result.data.id}`);
        return;
      }
      setFormErrors(applyFieldErrors(result.fieldErrors, FIELDS, setError, text));
    } catch {
      setFormErrors([tc("unexpected")]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="new-case-form">
      <FormErrors messages={formErrors} />
      <Field id="initials" label={t("initialsLabel")} help={t("initialsHelp")} error={errorOf("initials")} required requiredLabel={tc("required")}>
        {(aria) => <input {...aria} {...register("initials")} autoComplete="off" maxLength={20} className="input--short" />}
      </Field>
      <Field id="birthDate" label={t("birthDateLabel")} error={errorOf("birthDate")} required requiredLabel={tc("required")}>
        {(aria) => <input {...aria} {...register("birthDate")} type="date" min="1900-01-01" max={today} />}
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
