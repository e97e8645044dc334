import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CasesTable } from "@/components/cases-table";
import { can } from "@/domain/roles";
import { listCases } from "@/server/cases.server";
import { identifierBlocksByCentre, listCentres } from "@/server/centres.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

export default async function HomePage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const cases = await listCases(db(), actor);

  if (actor.role === "COORDINATOR") {
    const [centres, blocked] = await Promise.all([listCentres(db(), actor), identifierBlocksByCentre(db(), actor)]);
    return (
      <section className="panel" data-testid="home-coordinator">
        <h1>{t("home.coordinatorTitle")}</h1>
        <h2>{t("home.perCentre")}</h2>
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t("home.centre")}</th>
              <th scope="col">{t("home.total")}</th>
              <th scope="col">{t("home.identifiersBlocked")}</th>
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.code}>
                <td>
                  {c.code} — {c.name} ({c.city})
                </td>
                <td>{cases.filter((k) => k.centreCode === c.code).length}</td>
                <td data-testid={`blocked-${c.code}`}>{blocked[c.code] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t("cases.listTitle")}</h2>
        <CasesTable cases={cases} showCentre />
      </section>
    );
  }

  return (
    <section className="panel" data-testid="home-centre">
      <div className="panel-head">
        <h1>{t("home.centreTitle", { centre: actor.centreCode ?? "" })}</h1>
        {can(actor.role, "case.create") ? (
          <Link className="button" href="/cases/new">
            {t("nav.newCase")}
          </Link>
        ) : null}
      </div>
      {cases.length > 0 ? <p>{t("home.casesCount", { count: cases.length })}</p> : null}
      <CasesTable cases={cases} showCentre={false} />
    </section>
  );
}
