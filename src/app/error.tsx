"use client";
// An unexpected error in a page: a page in the reader's language, with no
// technical detail (the server log has it, under the reference shown), a way
// to try again and a way back home. The header and language switch stay.
import Link from "next/link";
import { useTranslations } from "next-intl";

export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <section className="panel" data-testid="error-page">
      <h1>{t("title")}</h1>
      <p>{t("text")}</p>
      {error.digest ? <p className="help">{t("reference", { digest: error.digest })}</p> : null}
      <p className="button-row">
        <button type="button" className="button" onClick={() => retry()}>
          {t("retry")}
        </button>
        <Link href="/">{t("home")}</Link>
      </p>
    </section>
  );
}
