import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { fieldPathLabel } from "@/components/field-path-label";
import type { CentreCaseRow } from "@/domain/home";
import type { Locale } from "@/i18n/locales";
import type { InboxItem } from "@/server/case-views.server";

const SHOWN = 3;

/** A few of the paths, each a link to its field; "+ n" for the rest. */
function PathLinks({
  caseId,
  paths,
  locale,
  more,
}: {
  caseId: string;
  paths: string[];
  locale: Locale;
  more: (n: number) => string;
}) {
  if (paths.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {paths.slice(0, SHOWN).map((p, i) => (
        <span key={p}>
          {i ? ", " : ""}
          <Link href={`/cases/${caseId}#field-${p}`}>{fieldPathLabel(p, locale, p)}</Link>
        </span>
      ))}
      {paths.length > SHOWN ? ` ${more(paths.length - SHOWN)}` : null}
    </>
  );
}

/** A centre's home: what is left to do on each case, and the queries waiting for the centre. */
export async function CentreTodo({
  rows,
  queries,
  locale,
}: {
  rows: CentreCaseRow[];
  queries: InboxItem[];
  locale: Locale;
}) {
  const t = await getTranslations("collab.home");
  const ts = await getTranslations("status");
  const open = queries.filter((q) => q.status === "OPEN");
  const more = (n: number) => t("more", { count: n });
  return (
    <>
      <h2>{t("openQueriesTitle", { count: open.length })}</h2>
      {open.length === 0 ? <p className="empty">{t("noOpenQueries")}</p> : null}
      {open.length ? (
        <ul data-testid="home-open-queries">
          {open.map((q) => (
            <li key={q.queryId}>
              <Link href={`/cases/${q.caseId}${q.fieldPath ? `#field-${q.fieldPath}` : ""}`}>
                {q.caseKey} — {fieldPathLabel(q.fieldPath, locale, t("wholeCase"))}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <h2>{t("todoTitle")}</h2>
      {rows.length === 0 ? <p className="empty">{t("noCases")}</p> : null}
      {rows.length ? (
        <table className="table table--compact" data-testid="home-todo">
          <thead>
            <tr>
              <th scope="col">{t("case")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("completeness")}</th>
              <th scope="col">{t("missing")}</th>
              <th scope="col">{t("toConfirm")}</th>
              <th scope="col">{t("openQueries")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`todo-${r.id}`}>
                <td>
                  <Link href={`/cases/${r.id}`}>{r.key}</Link>
                </td>
                <td>{ts(r.status)}</td>
                <td>{r.percent} %</td>
                <td data-testid="todo-missing">
                  {r.missing.length ? `${r.missing.length} : ` : null}
                  <PathLinks caseId={r.id} paths={r.missing} locale={locale} more={more} />
                </td>
                <td data-testid="todo-confirm">
                  {r.toConfirm.length ? `${r.toConfirm.length} : ` : null}
                  <PathLinks caseId={r.id} paths={r.toConfirm} locale={locale} more={more} />
                </td>
                <td>{r.openQueries || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
