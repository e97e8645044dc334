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
import { CENTRE_CITY_MAX, CENTRE_NAME_MAX, newCentreSchema, type NewCentreInput } from "@/domain/centre-input";
import { createCentreAction } from "./actions";

const FIELDS = ["code", "name", "city"] as const;

export function NewCentreForm() {
  const t = useTranslations("admin.centres");
  const tc = useTranslations("common");
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<NewCentreInput>({
    resolver: messageResolver(newCentreSchema, text),
    defaultValues: { code: "", name: "", city: "" },
  });
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setCreated(null);
    const done = await submitToAction(() => createCentreAction(values), {
      fields: FIELDS,
      setError,
      text,
      unexpected: tc("unexpected"),
      setFormErrors,
    });
    if (!done) return;
    setCreated(done.data.code);
    reset();
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="new-centre-form">
      {created ? (
        <p className="notice notice--ok" role="status">
          {t("created", { code: created })}
        </p>
      ) : null}
      <FormErrors messages={formErrors} />
      <Field
        id="code"
        label={t("code")}
        help={t("codeHelp")}
        error={errorOf("code")}
        required
        requiredLabel={tc("required")}
      >
        {(aria) => (
          <input
            {...aria}
            {...register("code")}
            maxLength={3}
            autoComplete="off"
            className="input--short"
            style={{ textTransform: "uppercase" }}
          />
        )}
      </Field>
      <Field id="name" label={t("name")} error={errorOf("name")} required requiredLabel={tc("required")}>
        {(aria) => <input {...aria} {...register("name")} maxLength={CENTRE_NAME_MAX} />}
      </Field>
      <Field id="city" label={t("city")} error={errorOf("city")} required requiredLabel={tc("required")}>
        {(aria) => <input {...aria} {...register("city")} maxLength={CENTRE_CITY_MAX} />}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("creating") : t("create")}
      </button>
    </form>
  );
}
