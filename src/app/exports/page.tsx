import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BLOCKS } from "@/domain/crf/definition";
import { optionsQuery, type ExportFormat } from "@/domain/export/options";
import { CASE_STATUSES } from "@/domain/lifecycle";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { db } from "@/server/db/db.server";
import { exportPreview } from "@/server/exports/index.server";
import { requireActor } from "@/server/session.server";

// Access: coordinators ("export.run", checked in exportPreview and again by each download).
// Anyone else gets the same 404 as the other coordinator pages (/dashboard, /admin/*);
// the API answers them 403.

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) q.append(k, one);
  return q;
}

const FORMATS: readonly { format: ExportFormat; key: string }[] = [
  { format: "cases-csv", key: "casesCsv" },
  { format: "xlsx", key: "xlsx" },
  { format: "package-zip", key: "packageZip" },
  { format: "odm-xml", key: "odmXml" },
  { format: "redcap-dictionary", key: "redcapDictionary" },
  { format: "redcap-data", key: "redcapData" },
];

export default async function ExportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor.role, "export.run")) notFound();
  const t = await getTranslations("exports");
  const locale = asLocale(await getLocale());
  const tStatus = await getTranslations("status");
  const { options, cases, centres } = await exportPreview(db(), actor, toQuery(await searchParams));
  const query = optionsQuery(options);
  const href = (format: ExportFormat, block?: string) => {
    const q = optionsQuery({ ...options, ...(block ? { block } : {}) });
    return `/api/exports/${format}${q ? `?${q}` : ""}`;
  };
  const code = (chunks: ReactNode) => <code>{chunks}</code>;

  return (
    <section className="panel" data-testid="exports-page">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>

      <h2>{t("filters")}</h2>
      <form className="filters" method="get" aria-label={t("filters")}>
        <label>
          {t("centre")}{" "}
          <select name="centre" defaultValue={options.centres[0] ?? ""}>
            <option value="">{t("allCentres")}</option>
            {centres.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t("status")}</legend>
          {CASE_STATUSES.map((s) => (
            <label key={s}>
              <input type="checkbox" name="status" value={s} defaultChecked={options.statuses.includes(s)} />{" "}
              {tStatus(s)}
            </label>
          ))}
          <p className="help">{t("statusHelp")}</p>
        </fieldset>
        <label>
          <input
            type="checkbox"
            name="ageInsteadOfBirthDate"
            value="1"
            defaultChecked={options.ageInsteadOfBirthDate}
          />{" "}
          {t("ageOption")}
        </label>
        <p className="help">{t("ageOptionHelp")}</p>
        <button type="submit" className="button button--secondary">
          {t("apply")}
        </button>
      </form>

      <p data-testid="export-count" data-query={query}>
        {t("count", { count: cases })}
      </p>

      <h2>{t("downloads")}</h2>
      <p className="help">{t("audited")}</p>
      <ul className="export-list">
        {FORMATS.map(({ format, key }) => (
          <li key={format}>
            <a href={href(format)} download data-testid={`download-${format}`}>
              {t(`formats.${key}.title`)}
            </a>{" "}
            — {t(`formats.${key}.description`)}
          </li>
        ))}
        <li>
          {t("formats.blockCsv.title")} — {t("formats.blockCsv.description")}
          <ul>
            {BLOCKS.map((b) => (
              <li key={b.id}>
                <a href={href("block-csv", b.id)} download data-testid={`download-block-csv-${b.id}`}>
                  {b.label[locale]}
                </a>{" "}
                (<code>{b.id}.csv</code>)
              </li>
            ))}
          </ul>
        </li>
      </ul>

      <h2>{t("howTitle")}</h2>
      <ul>
        <li>{t.rich("how.key", { code })}</li>
        <li>{t.rich("how.units", { code })}</li>
        <li>{t.rich("how.missing", { code })}</li>
        <li>{t.rich("how.multi", { code })}</li>
        <li>{t.rich("how.blocks", { code })}</li>
        <li>{t.rich("how.computed", { code })}</li>
        <li>{t.rich("how.encoding", { code })}</li>
        <li>{t.rich("how.formula", { code })}</li>
        <li>{t.rich("how.redcap", { code })}</li>
      </ul>
    </section>
  );
}
