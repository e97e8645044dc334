import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { StudyCalendarLine } from "@/components/study/calendar-line";
import { CASE_STATUSES } from "@/domain/lifecycle";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { getStudyOverview } from "@/server/study.server";
import { LockAllValidated } from "./lock-all";
import { StudySettingsForm } from "./settings-form";

// Access: coordinators only ("study.manage", checked in getStudyOverview and the actions).
export default async function StudyPage() {
  const actor = await requireActor();
  if (!can(actor.role, "study.manage")) notFound();
  const overview = await getStudyOverview(db(), actor);
  const t = await getTranslations();
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const { calendar, dates } = overview;
  const byDefault = ` ${t("study.settings.byDefault")}`;
  return (
    <section className="panel" data-testid="study-page">
      <h1>{t("study.settings.title")}</h1>

      <h2>{t("study.settings.standTitle")}</h2>
      <StudyCalendarLine actor={actor} phase={overview.phase} settingsLink={false} />
      <p className="muted">{t("study.settings.today", { date: date(overview.today) })}</p>
      {calendar ? (
        <dl className="keyvals" data-testid="study-dates">
          <dt>{t("study.settings.opening")}</dt>
          <dd>{date(calendar.opening)}</dd>
          <dt>{t("study.settings.reminder")}</dt>
          <dd>
            {date(calendar.reminder)}
            {calendar.defaults.reminder ? byDefault : ""}
          </dd>
          <dt>{t("study.settings.closing")}</dt>
          <dd>
            {date(calendar.closing)}
            {calendar.defaults.closing ? byDefault : ""}
          </dd>
          <dt>{t("study.settings.graceEnd")}</dt>
          <dd>{calendar.graceDays > 0 ? date(calendar.graceEnd) : t("study.settings.none")}</dd>
        </dl>
      ) : null}
      <p>{t("study.settings.remindersSent", { count: overview.remindersSent })}</p>
      <p className="help">{t("study.settings.remindersHelp")}</p>

      <h2>{t("study.settings.formTitle")}</h2>
      <StudySettingsForm
        initial={{
          openingDate: dates.openingDate ?? "",
          closingDate: dates.closingDate ?? "",
          reminderDate: dates.reminderDate ?? "",
          graceDays: String(dates.graceDays),
        }}
      />

      <h2>{t("study.settings.casesTitle")}</h2>
      <table className="table table--compact" data-testid="cases-by-status">
        <thead>
          <tr>
            <th scope="col">{t("study.settings.status")}</th>
            <th scope="col">{t("study.settings.count")}</th>
          </tr>
        </thead>
        <tbody>
          {CASE_STATUSES.map((s) => (
            <tr key={s}>
              <td>{t(`status.${s}`)}</td>
              <td>{overview.casesByStatus[s]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("study.settings.lockTitle")}</h2>
      <p>{t("study.settings.lockIntro")}</p>
      <LockAllValidated validated={overview.casesByStatus.VALIDATED} />
    </section>
  );
}
