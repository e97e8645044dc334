// /print — the printable forms: the blank case report form in French and in
// English (every signed-in user, "print.blank"), and the centre's
// correspondence list ("print.correspondence"; a coordinator picks the centre).
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can, isCentreScoped } from "@/domain/roles";
import { listCentres } from "@/server/centres.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

export async function generateMetadata() {
  const t = await getTranslations("print.index");
  return { title: t("title") };
}

export default async function PrintIndexPage() {
  const actor = await requireActor();
  if (!can(actor.role, "print.blank")) notFound();
  const t = await getTranslations("print.index");
  const correspondence = can(actor.role, "print.correspondence");
  const centres = correspondence && !isCentreScoped(actor.role) ? await listCentres(db(), actor) : [];
  return (
    <section className="panel print-index" data-testid="print-index">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>

      <h2>{t("blankTitle")}</h2>
      <p className="help">{t("blankText")}</p>
      <ul>
        <li>
          <Link href="/print/blank?lang=fr" hrefLang="fr" lang="fr">
            {t("blankFr")}
          </Link>
        </li>
        <li>
          <Link href="/print/blank?lang=en" hrefLang="en" lang="en">
            {t("blankEn")}
          </Link>
        </li>
      </ul>

      {correspondence ? (
        <>
          <h2>{t("correspondenceTitle")}</h2>
          <p className="help">{t("correspondenceText")}</p>
          {isCentreScoped(actor.role) ? (
            <p>
              <Link href="/print/correspondence">{t("correspondenceOwn", { centre: actor.centreCode ?? "" })}</Link>
            </p>
          ) : (
            <form action="/print/correspondence" method="get" className="inline-form">
              <div className="field">
                <label htmlFor="print-centre">{t("centre")}</label>
                <select id="print-centre" name="centre" required defaultValue="">
                  <option value="" disabled>
                    {t("chooseCentre")}
                  </option>
                  {centres.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} — {c.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                {t("show")}
              </button>
            </form>
          )}
          <h2>{t("filledTitle")}</h2>
          <p className="help">{t("filledText")}</p>
        </>
      ) : null}
    </section>
  );
}
