import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { safeCallbackPath } from "@/domain/safe-callback";
import { getActor } from "@/server/session.server";
import { LoginForm } from "./login-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  if (await getActor()) redirect("/");
  const t = await getTranslations("login");
  const account = await getTranslations("account");
  return (
    <section className="panel panel--narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.expired ? <p className="notice" role="status">{t("expired")}</p> : null}
      {params.passwordSet ? <p className="notice notice--ok" role="status">{t("passwordSet")}</p> : null}
      {/* Only same-site paths are followed after sign-in (no open redirect). */}
      <LoginForm callbackUrl={safeCallbackPath(params.callbackUrl)} />
      <p>
        <Link href="/forgot-password" data-testid="forgot-password-link">
          {account("forgot.link")}
        </Link>
      </p>
    </section>
  );
}
