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
import { newPasswordSchema, type NewPasswordInput } from "@/domain/password-policy";
import { acceptInvitationAction } from "../actions";

const FIELDS = ["password", "confirm"] as const;

export function InviteForm({ token }: { token: string }) {
  const t = useTranslations();
  const text = useErrorText();
  const router = useRouter();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<NewPasswordInput>({
    resolver: messageResolver(newPasswordSchema, text),
    defaultValues: { password: "", confirm: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    const done = await submitToAction(() => acceptInvitationAction(token, values), {
      fields: FIELDS,
      setError,
      text,
      unexpected: t("common.unexpected"),
      setFormErrors,
    });
    if (done) router.push("/login?passwordSet=1");
  });
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <FormErrors messages={formErrors} />
      <Field
        id="password"
        label={t("invite.password")}
        error={formState.errors.password?.message}
        required
        requiredLabel={t("common.required")}
      >
        {(aria) => (
          <input {...aria} {...register("password")} type="password" autoComplete="new-password" maxLength={256} />
        )}
      </Field>
      <Field
        id="confirm"
        label={t("invite.confirm")}
        error={formState.errors.confirm?.message}
        required
        requiredLabel={t("common.required")}
      >
        {(aria) => (
          <input {...aria} {...register("confirm")} type="password" autoComplete="new-password" maxLength={256} />
        )}
      </Field>
      <button type="submit" className="button" disabled={formState.isSubmitting}>
        {t("invite.submit")}
      </button>
    </form>
  );
}
