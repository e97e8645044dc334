import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CaseForm } from "@/components/crf/case-form";
import { StatusBadge } from "@/components/status-badge";
import { todayIso } from "@/domain/dates";
import { can } from "@/domain/roles";
import { getCaseRecord } from "@/server/case-answers.server";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { requireActor } from "@/server/session.server";

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const record = await getCaseRecord(db(), actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!record) notFound();
  const t = await getTranslations();
  const editable = can(actor.role, "case.edit") && record.status === "DRAFT";
  const key = `${record.initials} · ${record.birthDate} · ${record.centreCode}`;
  return (
    <div className="case-page" data-testid="case-page">
      <div className="panel-head case-head">
        <h1>{t("cases.caseTitle", { key })}</h1>
        <StatusBadge status={record.status} />
      </div>
      {!editable ? <p className="notice">{t("form.readOnly")}</p> : null}
      <CaseForm caseId={record.id} version={record.version} answers={record.answers} birthDate={record.birthDate} editable={editable} today={todayIso()} />
    </div>
  );
}
