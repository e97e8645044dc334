import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { safeCallbackPath } from "@/domain/safe-callback";
import { getActor } from "@/server/session.server";
import { ClearBrowserState } from "@/components/clear-browser-state";
import { LoginForm } from "./login-form";
import { parseSecondStep, parseSsoError } from "@/domain/mfa/sign-in-codes";
import { db } from "@/server/db/db.server";
import { ssoConfigured, ssoDisplayName } from "@/server/auth/oidc.server";
import { ticketInfo } from "@/server/auth/second-factor.server";
import { SecondFactorStep } from "./second-factor-step";
import { describeSignInError } from "./sign-in-error";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // The sign-in page must render even when the database is unreachable (it then says so on sign-in, not a 500).
  if (await getActor().catch(() => null)) redirect("/");
  const t = await getTranslations("login");
  const account = await getTranslations("account");
  const ts = await getTranslations("security.login");
  const format = await getFormatter();
  // Single sign-on's outcomes come back in `error`: a second-step ticket, or why no account was reached.
  const errorCode = typeof params.error === "string" ? params.error : null;
  const second = parseSecondStep(errorCode);
  const secondInfo = second ? await ticketInfo(db(), second.ticket, { fromAddress: true }).catch(() => null) : null;
  const ssoCause = parseSsoError(errorCode);
  const mfa = await getTranslations("mfa");
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  return (
    <section className="panel panel--narrow">
      <ClearBrowserState />
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.expired ? (
        <p className="notice" role="status">
          {t("expired")}
        </p>
      ) : null}
      {params.passwordSet ? (
        <p className="notice notice--ok" role="status">
          {t("passwordSet")}
        </p>
      ) : null}
      {ssoCause ? (
        <p className="form-errors" role="alert" data-testid="login-error">
          {mfa(`sso.refused.${ssoCause === "unverified_email" || ssoCause === "throttled" ? ssoCause : "no_account"}`)}
        </p>
      ) : null}
      {second && !secondInfo ? (
        <p className="form-errors" role="alert" data-testid="login-error">
          {mfa("signIn.expired")}
        </p>
      ) : null}
      {typeof params.error === "string" && !second && !ssoCause ? (
        <p className="form-errors" role="alert" data-testid="login-error">
          {describeSignInError(params.error, {
            invalid: t("invalid"),
            unavailable: ts("unavailable"),
            throttled: (until) =>
              ts("throttled", { time: format.dateTime(until, { hour: "2-digit", minute: "2-digit" }) }),
          })}
        </p>
      ) : null}
      {/* Only same-site paths are followed after sign-in (no open redirect). */}
      {second && secondInfo ? (
        <SecondFactorStep ticket={second.ticket} info={secondInfo} callbackUrl={callbackUrl} />
      ) : (
        <LoginForm callbackUrl={callbackUrl} ssoName={ssoConfigured() ? ssoDisplayName() : null} />
      )}
      <p>
        <Link href="/forgot-password" data-testid="forgot-password-link">
          {account("forgot.link")}
        </Link>
      </p>
    </section>
  );
}
