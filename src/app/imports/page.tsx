import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { importCentres } from "@/server/imports.server";
import { requireActor } from "@/server/session.server";
import { ImportForm } from "./import-form";

// Access: "case.import" — centre users import into their own centre, coordinators choose the centre
// (importCentres, importCases). Anyone else gets the 404 of a page that does not exist.
export default async function ImportsPage() {
  const actor = await requireActor();
  if (!can(actor.role, "case.import")) notFound();
  const t = await getTranslations("imports");
  const centres = await importCentres(db(), actor);
  return (
    <section className="panel" data-testid="imports-page">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ImportForm centres={centres} chooseCentre={actor.centreCode === null} />
    </section>
  );
}
