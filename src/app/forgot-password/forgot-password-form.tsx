"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/components/apply-field-errors";
import { Field } from "@/components/field";
import { FormErrors } from "@/components/form-errors";
import { messageResolver } from "@/components/message-resolver";
import { useErrorText } from "@/components/use-error-text";
import {
  forgotPasswordSchema,
  RESET_LINK_MINUTES,
  RESET_REQUEST_INTERVAL_MINUTES,
  type ForgotPasswordInput,
} from "@/domain/forgot-password-input";
import { requestPasswordResetAction } from "./actions";

const FIELDS = ["email"] as const;

export function ForgotPasswordForm() {
  const t = useTranslations();
  const text = useErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ForgotPasswordInput>({
    resolver: messageResolver(forgotPasswordSchema, text),
    defaultValues: { email: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setSentTo(null);
    const done = await submitToAction(() => requestPasswordResetAction(values), {
      fields: FIELDS,
      setError,
      text,
      unexpected: t("common.unexpected"),
      setFormErrors,
    });
    if (done) setSentTo(values.email.trim());
  });
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {sentTo ? (
        <p className="notice notice--ok" role="status" data-testid="forgot-password-sent">
          {t("account.forgot.sent", {
            email: sentTo,
            minutes: RESET_LINK_MINUTES,
            interval: RESET_REQUEST_INTERVAL_MINUTES,
          })}
        </p>
      ) : null}
      <FormErrors messages={formErrors} />
      <Field
        id="email"
        label={t("account.forgot.email")}
        error={formState.errors.email?.message}
        required
        requiredLabel={t("common.required")}
      >
        {(aria) => <input {...aria} {...register("email")} type="email" autoComplete="username" maxLength={320} />}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("account.forgot.submitting") : t("account.forgot.submit")}
      </button>
    </form>
  );
}
