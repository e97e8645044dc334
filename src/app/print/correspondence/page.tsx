// /print/correspondence?centre=REI — the centre's correspondence list: record
// ids and pseudonymised keys with an EMPTY identity column, filled in by hand on
// paper. The identity is never typed into the application. Centre users see
// their own centre only; a coordinator chooses the centre.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CrossSiteNotice } from "@/components/print/cross-site-notice";
import { PrintToolbar } from "@/components/print/print-toolbar";
import { can, isCentreScoped } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { isOwnNavigation } from "@/server/http.server";
import { requireActor } from "@/server/session.server";
import { correspondenceCentres, correspondenceList, recordCorrespondencePrinted } from "@/server/correspondence.server";

type Props = { searchParams: Promise<{ centre?: string | string[] }> };

export async function generateMetadata() {
  const t = await getTranslations("print.correspondence");
  return { title: t("title") };
}

export default async function CorrespondencePage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor.role, "print.correspondence")) notFound();
  const raw = (await searchParams).centre;
  const requested = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase() || undefined;
  const t = await getTranslations("print.correspondence");
  const tStatus = await getTranslations("status");
  const tIndex = await getTranslations("print.index");
  const format = await getFormatter();

  // A coordinator without a centre chosen yet: the choice first.
  if (!isCentreScoped(actor.role) && !requested) {
    const centres = await correspondenceCentres(db(), actor);
    return (
      <section className="panel" data-testid="correspondence-pick">
        <h1>{t("title")}</h1>
        <p>{t("pick")}</p>
        <form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="print-centre">{tIndex("centre")}</label>
            <select id="print-centre" name="centre" required defaultValue="">
              <option value="" disabled>
                {tIndex("chooseCentre")}
              </option>
              {centres.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {tIndex("show")}
          </button>
        </form>
      </section>
    );
  }

  const list = await correspondenceList(db(), actor, requested).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!list) notFound();
  // A link from another site records nothing: the user confirms from here (docs/security.md).
  if (!(await isOwnNavigation())) return <CrossSiteNotice href={`/print/correspondence?centre=${list.centre.code}`} />;
  await recordCorrespondencePrinted(db(), actor, list);
  const { centre, rows } = list;
  return (
    <div className="print-page">
      <PrintToolbar />
      <article className="pr-sheet pr-sheet--list" data-testid="correspondence">
        <header className="pr-head">
          <h1>{t("title")}</h1>
          <p className="pr-sub" data-testid="correspondence-centre">
            {t("centre", { name: centre.name, code: centre.code })} · {t("count", { count: rows.length })}
          </p>
          <p className="pr-meta">
            {t("printedBy", {
              date: format.dateTime(new Date(), { dateStyle: "short", timeStyle: "short" }),
              name: actor.displayName,
            })}
          </p>
        </header>
        <div className="pr-rule pr-rule--warning">
          <p>
            <strong>{t("confidential")}</strong>
          </p>
          <p data-testid="identity-never">{t("identityNever")}</p>
        </div>
        {rows.length === 0 ? (
          <p className="empty">{t("empty")}</p>
        ) : (
          <table className="pr-table pr-table--correspondence" data-testid="correspondence-table">
            <thead>
              <tr>
                <th scope="col">{t("recordId")}</th>
                <th scope="col">{t("key")}</th>
                <th scope="col">{t("created")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col" className="pr-identity">
                  {t("identity")}
                </th>
                <th scope="col" className="print-hide">
                  {t("printCase")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-case={r.id}>
                  <td className="pr-mono">{r.id}</td>
                  <td className="pr-nowrap">
                    {r.initials} · {r.birthDate} · {r.centreCode}
                  </td>
                  <td className="pr-nowrap">{format.dateTime(r.createdAt, { dateStyle: "short" })}</td>
                  <td>{tStatus.has(r.status) ? tStatus(r.status) : r.status}</td>
                  <td className="pr-identity" data-testid="identity-cell" />
                  <td className="print-hide pr-nowrap">
                    <Link
                      href={`/cases/${r.id}/print?lang=fr`}
                      prefetch={false}
                      hrefLang="fr"
                      aria-label={`${t("printCase")} (FR)`}
                    >
                      FR
                    </Link>
                    {" · "}
                    <Link
                      href={`/cases/${r.id}/print?lang=en`}
                      prefetch={false}
                      hrefLang="en"
                      aria-label={`${t("printCase")} (EN)`}
                    >
                      EN
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </div>
  );
}
