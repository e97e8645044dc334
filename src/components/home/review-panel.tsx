import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReviewHome } from "@/server/home.server";

/** The coordinating centre's (or a monitor's) follow-up: queries by centre and age, cases to validate, quiet centres. */
export async function ReviewPanel({ data, canValidate }: { data: ReviewHome; canValidate: boolean }) {
  const t = await getTranslations("collab.home");
  const format = await getFormatter();
  const days = (d: number | null) => (d === null ? "—" : t("days", { count: Math.round(d * 10) / 10 }));
  return (
    <>
      <h2>{t("queriesTitle")}</h2>
      <table className="table table--compact" data-testid="home-query-stats">
        <thead>
          <tr>
            <th scope="col">{t("centre")}</th>
            <th scope="col">{t("open")}</th>
            <th scope="col">{t("age.lt7")}</th>
            <th scope="col">{t("age.d7to30")}</th>
            <th scope="col">{t("age.gt30")}</th>
            <th scope="col">{t("answered")}</th>
            <th scope="col">{t("median")}</th>
          </tr>
        </thead>
        <tbody>
          {data.queries.map((s) => (
            <tr key={s.centreCode || "total"} data-testid={`query-stats-${s.centreCode || "total"}`}>
              <th scope="row">{s.centreCode || t("total")}</th>
              <td>{s.open}</td>
              <td>{s.openByAge.lt7}</td>
              <td>{s.openByAge.d7to30}</td>
              <td>{s.openByAge.gt30}</td>
              <td>{s.answered}</td>
              <td>{days(s.medianDaysToAnswer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("awaitingTitle", { count: data.awaitingValidation.length })}</h2>
      {data.awaitingValidation.length === 0 ? <p className="empty">{t("noneAwaiting")}</p> : null}
      {data.awaitingValidation.length ? (
        <ul data-testid="home-awaiting-validation">
          {data.awaitingValidation.map((c) => (
            <li key={c.id}>
              <Link href={`/cases/${c.id}`}>{c.key}</Link>{" "}
              <span className="muted">({t("since", { date: format.dateTime(c.since, { dateStyle: "short" }) })})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canValidate ? null : <p className="muted">{t("monitorNoValidation")}</p>}
      <h2>{t("questionsTitle", { count: data.openQuestions.length })}</h2>
      {data.openQuestions.length === 0 ? <p className="empty">{t("noQuestions")}</p> : null}
      {data.openQuestions.length ? (
        <ul data-testid="home-open-questions">
          {data.openQuestions.map((q) => (
            <li key={q.id}>
              <Link href={`/cases/${q.caseId}#questions-title`}>{q.key}</Link>{" "}
              <span className="muted">
                ({t("askedOn", { date: format.dateTime(q.since, { dateStyle: "short" }) })})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <h2>{t("quietTitle")}</h2>
      <p data-testid="home-quiet">
        {data.quiet === null
          ? t("quietNotYet", { date: data.reminderDate ?? "—", hasDate: data.reminderDate ? "yes" : "no" })
          : data.quiet.length === 0
            ? t("quietNone", { date: data.reminderDate ?? "" })
            : t("quietList", { date: data.reminderDate ?? "", centres: data.quiet.join(", ") })}
      </p>
    </>
  );
}
