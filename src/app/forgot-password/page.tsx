import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RESET_LINK_MINUTES } from "@/domain/forgot-password-input";
import { ForgotPasswordForm } from "./forgot-password-form";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("account.forgot");
  return (
    <section className="panel panel--narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro", { minutes: RESET_LINK_MINUTES })}</p>
      <ForgotPasswordForm />
      <p>
        <Link href="/login">{t("backToLogin")}</Link>
      </p>
    </section>
  );
}
