import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/server/session.server";
import { LoginForm } from "./login-form";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeCallback(value: unknown): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  if (await getActor()) redirect("/");
  const t = await getTranslations("login");
  return (
    <section className="panel panel--narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.expired ? <p className="notice" role="status">{t("expired")}</p> : null}
      {params.passwordSet ? <p className="notice notice--ok" role="status">{t("passwordSet")}</p> : null}
      <LoginForm callbackUrl={safeCallback(params.callbackUrl)} />
    </section>
  );
}
