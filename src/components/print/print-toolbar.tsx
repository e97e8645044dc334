// What the screen shows above a printable page, in the interface language, and
// never on paper: the print button, the other printed language, the way back.
import type { Locale } from "@/domain/locale";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PrintButton } from "./print-button";

export async function PrintToolbar({ lang, path }: { lang?: Locale; path?: string }) {
  const t = await getTranslations("print.toolbar");
  return (
    <div className="print-toolbar" data-testid="print-toolbar">
      <PrintButton label={t("print")} />
      {lang && path ? (
        <Link href={`${path}?lang=${lang === "fr" ? "en" : "fr"}`} hrefLang={lang === "fr" ? "en" : "fr"}>
          {lang === "fr" ? t("inEnglish") : t("inFrench")}
        </Link>
      ) : null}
      <Link href="/print">{t("back")}</Link>
      <p className="help">{t("hint")}</p>
    </div>
  );
}
