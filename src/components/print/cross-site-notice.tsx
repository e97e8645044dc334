// Shown instead of a printout when the print page was opened from a link on
// another site: printing is audited (it discloses a case), and a request
// another site made the browser send must not write to the audit trail in the
// user's name. A plain <a> (no prefetch): the user's own click is the print.
import { getTranslations } from "next-intl/server";

export async function CrossSiteNotice({ href }: { href: string }) {
  const t = await getTranslations("security.print");
  return (
    <section className="panel panel--narrow" data-testid="print-cross-site">
      <h1>{t("crossSiteTitle")}</h1>
      <p>{t("crossSiteText")}</p>
      <p>
        <a className="button" href={href}>
          {t("crossSiteOpen")}
        </a>
      </p>
    </section>
  );
}
