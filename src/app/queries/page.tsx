import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { fieldPathLabel } from "@/components/field-path-label";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { queryInbox } from "@/server/case-views.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

export default async function QueryInboxPage() {
  const actor = await requireActor();
  // Statisticians see no case and no query.
  if (!can(actor.role, "case.list")) notFound();
  const items = await queryInbox(db(), actor);
  const t = await getTranslations("queries");
  const format = await getFormatter();
  const locale = asLocale(await getLocale());
  return (
    <section className="panel" data-testid="query-inbox">
      <h1>{t("inboxTitle")}</h1>
      {items.length === 0 ? <p className="empty">{t("inboxEmpty")}</p> : null}
      {items.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("case")}</th>
              <th scope="col">{t("field")}</th>
              <th scope="col">{t("status.OPEN")}</th>
              <th scope="col">{t("last")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <tr key={q.queryId}>
                <td>
                  <Link href={`/cases/${q.caseId}${q.fieldPath ? `#field-${q.fieldPath}` : ""}`}>{q.caseKey}</Link>
                </td>
                <td>{fieldPathLabel(q.fieldPath, locale, t("wholeCase"))}</td>
                <td>{t(`status.${q.status}`)}</td>
                <td>
                  {q.lastMessage}{" "}
                  <span className="muted">({format.dateTime(q.updatedAt, { dateStyle: "short" })})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
