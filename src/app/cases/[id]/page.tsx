import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { getCase } from "@/server/cases.server";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { requireActor } from "@/server/session.server";

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const found = await getCase(db(), actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!found) notFound();
  const t = await getTranslations("cases");
  const format = await getFormatter();
  const key = `${found.initials} · ${found.birthDate} · ${found.centreCode}`;
  return (
    <section className="panel" data-testid="case-page">
      <div className="panel-head">
        <h1>{t("caseTitle", { key })}</h1>
        <StatusBadge status={found.status} />
      </div>
      <dl className="keyvals">
        <dt>{t("initials")}</dt>
        <dd>{found.initials}</dd>
        <dt>{t("birthDate")}</dt>
        <dd>{found.birthDate}</dd>
        <dt>{t("centre")}</dt>
        <dd>{found.centreCode}</dd>
        <dt>{t("updated")}</dt>
        <dd>{format.dateTime(found.updatedAt, { dateStyle: "medium", timeStyle: "short" })}</dd>
      </dl>
      <p className="empty">{t("formComing")}</p>
    </section>
  );
}
