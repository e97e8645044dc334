"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/components/apply-field-errors";
import { Field } from "@/components/field";
import { FormErrors } from "@/components/form-errors";
import { useErrorText } from "@/components/use-error-text";
import { REDACTION_REASON_MAX, REDACTION_TEXT_MAX, type RedactionRequester } from "@/domain/redaction";
import type { RedactionResult } from "@/server/redaction.server";
import { redactIdentifierAction } from "./actions";

const FIELDS = ["text", "reason", "requestedBy"] as const;

interface Values {
  text: string;
  reason: string;
  requestedBy: RedactionRequester | "";
}

/** The coordinator's redaction of an identifier from this case (ADR 0010); the server checks everything. */
export function RedactionForm({ caseId }: { caseId: string }) {
  const t = useTranslations("auditTrail.form");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [done, setDone] = useState<RedactionResult | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<Values>({
    defaultValues: { text: "", reason: "", requestedBy: "" },
  });
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setDone(null);
    const sent = await submitToAction(() => redactIdentifierAction({ caseId, ...values }), {
      fields: FIELDS,
      setError,
      text,
      unexpected: tc("unexpected"),
      setFormErrors,
    });
    if (!sent) return;
    setDone(sent.data);
    reset();
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="redaction-form">
      <h2>{t("title")}</h2>
      <p className="help">{t("intro")}</p>
      {done ? (
        <div className="notice notice--ok" role="status" data-testid="redaction-done">
          <p>{t("done", { events: done.events, answers: done.answers.length, messages: done.queryMessages })}</p>
          <p>
            {done.remaining.length
              ? t("remaining", { places: done.remaining.map((r) => `${r.table}.${r.column} (${r.rows})`).join(", ") })
              : t("clean")}
          </p>
        </div>
      ) : null}
      <FormErrors messages={formErrors} />
      <Field
        id="redaction-text"
        label={t("text")}
        help={t("textHelp")}
        error={errorOf("text")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => <input {...aria} {...register("text")} maxLength={REDACTION_TEXT_MAX} autoComplete="off" />}
      </Field>
      <Field
        id="redaction-reason"
        label={t("reason")}
        help={t("reasonHelp")}
        error={errorOf("reason")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => <textarea {...aria} {...register("reason")} maxLength={REDACTION_REASON_MAX} rows={2} />}
      </Field>
      <fieldset
        className={`field${errorOf("requestedBy") ? " field--error" : ""}`}
        aria-describedby={errorOf("requestedBy") ? "redaction-requested-error" : undefined}
      >
        <legend>
          {t("requestedBy")}
          <span className="required"> ({tc("required")})</span>
        </legend>
        <label>
          <input type="radio" value="clinician" {...register("requestedBy")} /> {t("clinician")}
        </label>
        <label>
          <input type="radio" value="coordinator" {...register("requestedBy")} /> {t("coordinator")}
        </label>
        {errorOf("requestedBy") ? (
          <p id="redaction-requested-error" className="error" role="alert">
            {errorOf("requestedBy")}
          </p>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
