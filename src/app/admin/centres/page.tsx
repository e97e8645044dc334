import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { listCentresForAdmin } from "@/server/centre-admin.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { NewCentreForm } from "./new-centre-form";

// Access: coordinators only ("centre.manage", checked in listCentresForAdmin and createCentre).
export default async function CentresPage() {
  const actor = await requireActor();
  if (!can(actor.role, "centre.manage")) notFound();
  const centres = await listCentresForAdmin(db(), actor);
  const t = await getTranslations("admin.centres");
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      {centres.length === 0 ? <p className="empty">{t("none")}</p> : null}
      <table className="table" data-testid="centres-table">
        <thead>
          <tr>
            <th scope="col">{t("code")}</th>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("city")}</th>
            <th scope="col">{t("users")}</th>
            <th scope="col">{t("cases")}</th>
          </tr>
        </thead>
        <tbody>
          {centres.map((c) => (
            <tr key={c.id}>
              <td>{c.code}</td>
              <td>{c.name}</td>
              <td>{c.city}</td>
              <td>{c.users}</td>
              <td>{c.cases}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("newTitle")}</h2>
      <NewCentreForm />
    </section>
  );
}
