// /cases/<id>/print?lang=fr|en — a case printed with its answers, computed
// scores, status and signature. Access exactly as the case page: a case of
// another centre is "not found" (404), like a missing one. Each rendering is
// audited ("case.printed"): printing is a disclosure of the case's data.
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { CrfSheet } from "@/components/print/crf-sheet";
import { noteTargetLabel, noteTargets } from "@/components/notes/note-targets";
import { CrossSiteNotice } from "@/components/print/cross-site-notice";
import { printFormatter, printTranslator } from "@/components/print/print-i18n";
import { printLang } from "@/components/print/print-model";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { computeResults } from "@/domain/crf/computed";
import { asLocale } from "@/i18n/locales";
import { getCaseRecord } from "@/server/case-answers.server";
import { caseWorkflow, recordCasePrinted } from "@/server/case-views.server";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { isOwnNavigation } from "@/server/http.server";
import { requireActor } from "@/server/session.server";
import { listValueNotes } from "@/server/value-notes.server";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ lang?: string | string[] }> };

export async function generateMetadata({ params, searchParams }: Props) {
  const lang = printLang((await searchParams).lang, asLocale(await getLocale()));
  const t = printTranslator(lang);
  return { title: `${t("print.sheet.studyTitle")} — ${(await params).id}` };
}

export default async function CasePrintPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireActor();
  const loaded = await Promise.all([
    getCaseRecord(db(), actor, id),
    caseWorkflow(db(), actor, id),
    listValueNotes(db(), actor, id),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!loaded) notFound();
  const [record, workflow, notes] = loaded;
  const lang = printLang((await searchParams).lang, asLocale(await getLocale()));
  // A link from another site records nothing: the user confirms from here (docs/security.md).
  if (!(await isOwnNavigation())) return <CrossSiteNotice href={`/cases/${record.id}/print?lang=${lang}`} />;
  // Printing discloses the case's data: audited as the page is rendered.
  await recordCasePrinted(db(), actor, record.id, lang);
  const t = printTranslator(lang);
  const format = printFormatter(lang);
  const sig = workflow.signature;
  const signatureLine = sig
    ? `${t("workflow.signedBy", { name: sig.signedBy, date: format.dateTime(sig.signedAt, { dateStyle: "short", timeStyle: "short" }), version: sig.version })}${sig.changedSince ? ` — ${t("workflow.changedSince")}` : ""}`
    : t("workflow.notSigned");
  return (
    <div className="print-page">
      <PrintToolbar lang={lang} path={`/cases/${record.id}/print`} />
      <CrfSheet
        lang={lang}
        record={{
          id: record.id,
          initials: record.initials,
          birthDate: record.birthDate,
          centreCode: record.centreCode,
          status: record.status,
          answers: record.answers,
          // Recomputed from the stored answers: the same function the save path stores in Case.computed.
          computed: computeResults(record.answers, record.birthDate),
          signatureLine,
          printedBy: actor.displayName,
          printedAt: new Date(),
        }}
      />
      {/* Notes on values (ADR 0016), after the form: where each value came from, in the printed language. */}
      {notes.length ? (
        <section className="print-notes" data-testid="print-notes">
          <h2>{t("collab.notes.printTitle")}</h2>
          <ul>
            {notes.map((n) => (
              <li key={n.id}>
                <strong>
                  {noteTargetLabel(n.fieldPath, noteTargets(record.answers, lang, t("collab.notes.row")))}
                </strong>{" "}
                : {n.body} ({n.author}, {format.dateTime(n.at, { dateStyle: "short" })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
