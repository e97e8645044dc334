import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CentreTodo } from "@/components/home/centre-todo";
import { ReviewPanel } from "@/components/home/review-panel";
import { CasesTable } from "@/components/cases-table";
import { StudyCalendarLine } from "@/components/study/calendar-line";
import { can } from "@/domain/roles";
import { listCases } from "@/server/cases.server";
import { identifierBlocksByCentre, listCentres } from "@/server/centres.server";
import { possibleDuplicates, queryInbox } from "@/server/case-views.server";
import { asLocale } from "@/i18n/locales";
import { CASE_STATUSES } from "@/domain/lifecycle";
import { db } from "@/server/db/db.server";
import { centreHome, reviewHome } from "@/server/home.server";
import { requireActor } from "@/server/session.server";
import { entryOpenFor, getStudyStatus } from "@/server/study.server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const params = await searchParams;

  // The statistician sees no case: their home is the dashboard.
  if (!can(actor.role, "case.list")) {
    if (can(actor.role, "dashboard.view")) redirect("/dashboard");
    notFound();
  }

  // The coordinating centre and the monitors (their centres only; no validation, no duplicates, no guard counts).
  if (can(actor.role, "query.manage")) {
    const reviewer = can(actor.role, "case.review");
    const filters = {
      centre: one(params.centre),
      status: one(params.status),
      openQueries: one(params.queries) === "open",
    };
    const [all, cases, centres, blocked, duplicates, status, review] = await Promise.all([
      listCases(db(), actor),
      listCases(db(), actor, filters),
      listCentres(db(), actor),
      reviewer ? identifierBlocksByCentre(db(), actor) : Promise.resolve(null),
      reviewer ? possibleDuplicates(db(), actor) : Promise.resolve([]),
      getStudyStatus(db(), actor),
      reviewHome(db(), actor),
    ]);
    return (
      <section className="panel" data-testid={reviewer ? "home-coordinator" : "home-monitor"}>
        <StudyCalendarLine actor={actor} phase={status.phase} />
        <h1>{reviewer ? t("home.coordinatorTitle") : t("collab.home.monitorTitle")}</h1>
        <ReviewPanel data={review} canValidate={reviewer} />
        <h2>{t("home.perCentre")}</h2>
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t("home.centre")}</th>
              <th scope="col">{t("home.total")}</th>
              {blocked ? <th scope="col">{t("home.identifiersBlocked")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.code}>
                <td>
                  {c.code} — {c.name} ({c.city})
                </td>
                <td>{all.filter((k) => k.centreCode === c.code).length}</td>
                {blocked ? <td data-testid={`blocked-${c.code}`}>{blocked[c.code] ?? 0}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        {duplicates.length ? (
          <>
            <h2>{t("home.duplicates")}</h2>
            <ul data-testid="duplicates">
              {duplicates.map((d) => (
                <li key={`${d.initials}${d.birthDate}`}>
                  {d.initials} · {d.birthDate} —{" "}
                  {d.cases.map((c, i) => (
                    <span key={c.id}>
                      {i ? ", " : ""}
                      <Link href={`/cases/${c.id}`}>{c.centreCode}</Link>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{t("cases.listTitle")}</h2>
        <form className="filters" method="get" aria-label={t("home.filters")}>
          <label>
            {t("home.centre")}{" "}
            <select name="centre" defaultValue={filters.centre ?? ""}>
              <option value="">{t("home.all")}</option>
              {centres.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("cases.status")}{" "}
            <select name="status" defaultValue={filters.status ?? ""}>
              <option value="">{t("home.all")}</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input type="checkbox" name="queries" value="open" defaultChecked={filters.openQueries} />{" "}
            {t("home.withOpenQueries")}
          </label>
          <button type="submit" className="button button--secondary">
            {t("home.filter")}
          </button>
        </form>
        <CasesTable cases={cases} showCentre />
      </section>
    );
  }

  const [cases, entry, status, todo, inbox] = await Promise.all([
    listCases(db(), actor),
    entryOpenFor(db(), actor),
    getStudyStatus(db(), actor),
    centreHome(db(), actor),
    queryInbox(db(), actor),
  ]);
  const locale = asLocale(await getLocale());
  return (
    <section className="panel" data-testid="home-centre">
      <StudyCalendarLine actor={actor} phase={status.phase} />
      <div className="panel-head">
        <h1>{t("home.centreTitle", { centre: actor.centreCode ?? "" })}</h1>
        {/* After the closing date and grace period no case can be created (the calendar line says so). */}
        {can(actor.role, "case.create") && entry.open ? (
          <Link className="button" href="/cases/new">
            {t("nav.newCase")}
          </Link>
        ) : null}
      </div>
      {cases.length > 0 ? <p>{t("home.casesCount", { count: cases.length })}</p> : null}
      <CentreTodo rows={todo} queries={inbox} locale={locale} />
      <h2>{t("cases.listTitle")}</h2>
      <CasesTable cases={cases} showCentre={false} />
    </section>
  );
}
