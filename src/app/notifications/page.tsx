import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { fieldPathLabel } from "@/components/field-path-label";
import { casePath } from "@/domain/notifications";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { db } from "@/server/db/db.server";
import { getNotificationPrefs, myNotifications } from "@/server/notifications.server";
import { requireActor } from "@/server/session.server";
import { NotificationPrefsForm } from "./prefs-form";

// Access: every signed-in user, their own preferences and notifications only ("notifications.own").
export default async function NotificationsPage() {
  const actor = await requireActor();
  const [prefs, items] = await Promise.all([getNotificationPrefs(db(), actor), myNotifications(db(), actor)]);
  const t = await getTranslations("collab");
  const format = await getFormatter();
  const locale = asLocale(await getLocale());
  // Statisticians see no case page: the list names the event only.
  const linksToCases = can(actor.role, "case.read");
  return (
    <section className="panel" data-testid="notifications-page">
      <h1>{t("prefs.title")}</h1>
      <NotificationPrefsForm initial={prefs} />
      <h2>{t("list.title")}</h2>
      {items.length === 0 ? <p className="empty">{t("list.empty")}</p> : null}
      {items.length ? (
        <table className="table table--compact" data-testid="my-notifications">
          <thead>
            <tr>
              <th scope="col">{t("list.when")}</th>
              <th scope="col">{t("list.what")}</th>
              <th scope="col">{t("list.where")}</th>
              <th scope="col">{t("list.how")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.id}>
                <td>{format.dateTime(n.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                <td>{t(`kinds.${n.kind}`)}</td>
                <td>
                  {n.caseKey} ·{" "}
                  {linksToCases ? (
                    <Link href={casePath(n.caseId, n.fieldPath)}>
                      {fieldPathLabel(n.fieldPath, locale, t("list.wholeCase"))}
                    </Link>
                  ) : (
                    fieldPathLabel(n.fieldPath, locale, t("list.wholeCase"))
                  )}
                </td>
                <td>{t(`states.${n.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
