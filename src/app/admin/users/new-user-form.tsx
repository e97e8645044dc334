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
import { isCentreScoped, monitorsSomeCentres, ROLES } from "@/domain/roles";
import { newUserSchema, type NewUserInput } from "@/domain/user-input";
import { createUserAction } from "./actions";

const FIELDS = ["email", "displayName", "role", "centreCode", "monitoredCentres", "locale"] as const;

export function NewUserForm({ centres }: { centres: { code: string; label: string }[] }) {
  const t = useTranslations();
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  // The invitation link goes to the new user by mail only: the form says to whom, never shows it.
  const [mailedTo, setMailedTo] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, watch, formState } = useForm<NewUserInput>({
    resolver: messageResolver(newUserSchema, text),
    defaultValues: {
      email: "",
      displayName: "",
      role: "CLINICIAN",
      centreCode: "",
      monitorsAllCentres: false,
      monitoredCentres: "",
      locale: "fr",
    },
  });
  const role = watch("role");
  const monitorsAll = watch("monitorsAllCentres");
  const errorOf = (name: (typeof FIELDS)[number]) => formState.errors[name]?.message;

  const onSubmit = handleSubmit(async (values) => {
    setMailedTo(null);
    const done = await submitToAction(() => createUserAction(values), {
      fields: FIELDS,
      setError,
      text,
      unexpected: t("common.unexpected"),
      setFormErrors,
    });
    if (!done) return;
    setMailedTo(values.email.trim().toLowerCase());
    reset();
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form" data-testid="new-user-form">
      {mailedTo ? (
        <p className="notice notice--ok" role="status" data-testid="user-created">
          {t("security.users.created", { email: mailedTo })}
        </p>
      ) : null}
      <FormErrors messages={formErrors} />
      <Field id="email" label={t("users.email")} error={errorOf("email")} required requiredLabel={t("common.required")}>
        {(aria) => <input {...aria} {...register("email")} type="email" autoComplete="off" maxLength={320} />}
      </Field>
      <Field
        id="displayName"
        label={t("users.displayName")}
        error={errorOf("displayName")}
        required
        requiredLabel={t("common.required")}
      >
        {(aria) => <input {...aria} {...register("displayName")} maxLength={100} />}
      </Field>
      <Field id="role" label={t("users.role")} error={errorOf("role")} required requiredLabel={t("common.required")}>
        {(aria) => (
          <select {...aria} {...register("role")}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isCentreScoped(role) ? (
        <Field
          id="centreCode"
          label={t("users.centre")}
          error={errorOf("centreCode")}
          required
          requiredLabel={t("common.required")}
        >
          {(aria) => (
            <select {...aria} {...register("centreCode")}>
              <option value="">{t("users.chooseCentre")}</option>
              {centres.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {monitorsSomeCentres(role) ? (
        <>
          <label className="checkbox">
            <input type="checkbox" {...register("monitorsAllCentres")} data-testid="monitors-all" />{" "}
            {t("collab.users.monitorsAll")}
          </label>
          {!monitorsAll ? (
            <Field
              id="monitoredCentres"
              label={t("collab.users.monitoredCentres")}
              error={errorOf("monitoredCentres")}
              required
              requiredLabel={t("common.required")}
            >
              {(aria) => <input {...aria} {...register("monitoredCentres")} maxLength={400} placeholder="REI, PAR" />}
            </Field>
          ) : null}
        </>
      ) : null}
      <Field id="locale" label={t("account.locale.label")} error={errorOf("locale")}>
        {(aria) => (
          <select {...aria} {...register("locale")}>
            <option value="fr">{t("account.locale.fr")}</option>
            <option value="en">{t("account.locale.en")}</option>
          </select>
        )}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("users.creating") : t("users.create")}
      </button>
    </form>
  );
}
