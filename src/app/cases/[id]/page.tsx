import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CaseForm } from "@/components/crf/case-form";
import { noteTargets } from "@/components/notes/note-targets";
import { NotesPanel } from "@/components/notes/notes-panel";
import { QuestionsPanel } from "@/components/notes/questions-panel";
import { StatusBadge } from "@/components/status-badge";
import { todayIso } from "@/domain/dates";
import { canEditAnswers, canRaiseQuery, canSignNow, caseStatusOf, changeNeedsReason } from "@/domain/lifecycle";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { getCaseRecord } from "@/server/case-answers.server";
import { caseWorkflow } from "@/server/case-views.server";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { requireActor } from "@/server/session.server";
import { entryOpenFor } from "@/server/study.server";
import { caseQuestions } from "@/server/questions.server";
import { listValueNotes } from "@/server/value-notes.server";
import * as caseActions from "./actions";
import { QueryPanel } from "./query-panel";
import { WorkflowActions } from "./workflow-actions";

// Shared panels get the route's server actions as props (components import no route: .dependency-cruiser.cjs);
// the workflow panels beside this page (workflow-actions.tsx, query-panel.tsx) import them.
const questionActions = {
  askQuestionAction: caseActions.askQuestionAction,
  answerQuestionAction: caseActions.answerQuestionAction,
  followUpQuestionAction: caseActions.followUpQuestionAction,
  closeQuestionAction: caseActions.closeQuestionAction,
};

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const loaded = await Promise.all([
    getCaseRecord(db(), actor, id),
    caseWorkflow(db(), actor, id),
    listValueNotes(db(), actor, id),
    caseQuestions(db(), actor, id),
  ]).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!loaded) notFound();
  const [record, workflow, notes, questions] = loaded;
  const t = await getTranslations();
  const format = await getFormatter();
  const status = caseStatusOf(record.status);
  // After the study's closing (and grace period) centres only answer open queries and correct what
  // they point at (the server refuses any other change, next to its field).
  const entry = await entryOpenFor(db(), actor, new Date(), record.id);
  const editable = canEditAnswers(status, actor.role) && entry.open;
  const key = `${record.initials} · ${record.birthDate} · ${record.centreCode}`;
  // The flag on each queried field shows the query's latest message (an empty closing comment does not count).
  const latest = (messages: { body: string }[]) => messages.findLast((m) => m.body.trim() !== "")?.body ?? "";
  const openByPath = Object.fromEntries(
    workflow.queries
      .filter((q) => q.status !== "CLOSED" && q.fieldPath)
      .map((q) => [q.fieldPath as string, latest(q.messages)]),
  );
  const sig = workflow.signature;
  const signature = sig ? (sig.changedSince ? "stale" : "current") : "none";
  // Signing again after closing changes no answer: allowed whenever the answers changed since the signature.
  const mayResign = canSignNow(status, signature) && (entry.open || signature === "stale");
  return (
    <div className="case-page" data-testid="case-page">
      <div className="panel-head case-head">
        <h1>{t("cases.caseTitle", { key })}</h1>
        <StatusBadge status={record.status} />
      </div>
      <div className="case-meta">
        <p data-testid="signature">
          {sig
            ? t("workflow.signedBy", {
                name: sig.signedBy,
                date: format.dateTime(sig.signedAt, { dateStyle: "short", timeStyle: "short" }),
                version: sig.version,
              })
            : t("workflow.notSigned")}
          {sig?.changedSince ? <strong className="warning-inline"> — {t("workflow.changedSince")}</strong> : null}
        </p>
        <Link href={`/cases/${record.id}/history`}>{t("workflow.history")}</Link>
        {/* No prefetch: rendering the print page is what records the printing in the audit trail. */}
        <Link href={`/cases/${record.id}/print?lang=fr`} prefetch={false}>
          {t("workflow.printFr")}
        </Link>
        <Link href={`/cases/${record.id}/print?lang=en`} prefetch={false}>
          {t("workflow.printEn")}
        </Link>
      </div>
      <WorkflowActions
        caseId={record.id}
        role={actor.role}
        status={status}
        openQueries={workflow.openQueries}
        canSign={mayResign}
        signature={signature}
      />
      {status !== "DRAFT" || workflow.queries.length > 0 ? (
        <QueryPanel caseId={record.id} role={actor.role} queries={workflow.queries} canRaise={canRaiseQuery(status)} />
      ) : null}
      <NotesPanel
        caseId={record.id}
        notes={notes}
        targets={noteTargets(record.answers, asLocale(await getLocale()), t("collab.notes.row"))}
        canWrite={canEditAnswers(status, actor.role)}
        addValueNoteAction={caseActions.addValueNoteAction}
      />
      <QuestionsPanel
        caseId={record.id}
        questions={questions}
        mayAsk={can(actor.role, "question.ask")}
        mayAnswer={can(actor.role, "question.answer")}
        actions={questionActions}
      />
      {!editable ? <p className="notice">{t("form.readOnly")}</p> : null}
      {editable && entry.open && entry.onlyUnderQuery ? (
        <p className="notice notice--warning" data-testid="only-queried-fields">
          {t("errors.lifecycle.onlyQueriedFields", {
            closing: format.dateTime(new Date(`${entry.onlyUnderQuery.calendar.closing}T12:00:00Z`), {
              dateStyle: "long",
              timeZone: "UTC",
            }),
          })}
        </p>
      ) : null}
      <CaseForm
        key={record.version}
        caseId={record.id}
        version={record.version}
        answers={record.answers}
        birthDate={record.birthDate}
        editable={editable}
        today={todayIso()}
        needsReason={changeNeedsReason(status)}
        queries={openByPath}
      />
    </div>
  );
}
