// /print/blank?lang=fr|en — the blank case report form, in the language asked
// (independent of the interface language; the interface's by default).
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { CrfSheet } from "@/components/print/crf-sheet";
import { printTranslator } from "@/components/print/print-i18n";
import { printLang } from "@/components/print/print-model";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { requireActor } from "@/server/session.server";

type Props = { searchParams: Promise<{ lang?: string | string[] }> };

export async function generateMetadata({ searchParams }: Props) {
  const lang = printLang((await searchParams).lang, asLocale(await getLocale()));
  const t = printTranslator(lang);
  return { title: `${t("print.sheet.studyTitle")} — ${t("print.sheet.blankTitle")} (${lang.toUpperCase()})` };
}

export default async function BlankCrfPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor.role, "print.blank")) notFound();
  const lang = printLang((await searchParams).lang, asLocale(await getLocale()));
  return (
    <div className="print-page">
      <PrintToolbar lang={lang} path="/print/blank" />
      <CrfSheet lang={lang} />
    </div>
  );
}
