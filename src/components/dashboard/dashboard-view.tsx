// The coordinator's dashboard page body: filters, key figures, then the
// inclusions, the descriptive results and the outcomes. Every chart is
// followed by a table holding the same numbers.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CASE_STATUSES } from "@/domain/lifecycle";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import styles from "./dashboard.module.css";
import { FigureSection } from "./figure";
import { DESCRIPTIVE_SECTION } from "./descriptive-figures";
import { OUTCOMES_SECTION } from "./outcome-figures";
import { formatter } from "./format";
import { INCLUSIONS_SECTION } from "./inclusion-figures";

export async function DashboardView({ data, locale }: { data: DashboardData; locale: Locale }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("status");
  const fmt = formatter(locale);
  const filtered = data.filters.centre !== null || data.filters.status !== null;
  const centre = data.centreOptions.find((c) => c.code === data.filters.centre);
  const selection = [
    centre ? `${centre.code} — ${centre.name}` : t("filters.allCentres"),
    data.filters.status ? ts(data.filters.status) : t("filters.allStatuses"),
  ].join(" · ");
  return (
    <div className={styles.page} data-testid="dashboard">
      <div className={`panel ${styles.head}`}>
        <h1>{t("title")}</h1>
        <p className={styles.lead}>{t("lead")}</p>
        <form method="get" action="/dashboard">
          <fieldset className={styles.filters}>
            <legend>{t("filters.legend")}</legend>
            <label>
              {t("filters.centre")}
              <select name="centre" defaultValue={data.filters.centre ?? ""} data-testid="filter-centre">
                <option value="">{t("filters.allCentres")}</option>
                {data.centreOptions.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("filters.status")}
              <select name="status" defaultValue={data.filters.status ?? ""} data-testid="filter-status">
                <option value="">{t("filters.allStatuses")}</option>
                {CASE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ts(s)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button--secondary">
              {t("filters.apply")}
            </button>
            {filtered ? <Link href="/dashboard">{t("filters.reset")}</Link> : null}
          </fieldset>
        </form>
        <p data-testid="dashboard-selection" aria-live="polite">
          {t("selection", { count: data.totalCases, selection })}
        </p>
        <dl className={styles.kpis}>
          <div className={styles.kpi}>
            <dt>{t("kpi.cases")}</dt>
            <dd data-testid="kpi-cases">{fmt.n(data.totalCases)}</dd>
          </div>
          <div className={styles.kpi}>
            <dt>{t("kpi.centres")}</dt>
            <dd>{fmt.n(data.centres.filter((c) => c.total > 0).length)}</dd>
          </div>
          <div className={styles.kpi}>
            <dt>{t("kpi.validated")}</dt>
            <dd>{fmt.n(data.overall.byStatus.VALIDATED + data.overall.byStatus.LOCKED)}</dd>
          </div>
          <div className={styles.kpi}>
            <dt>{t("kpi.openQueries")}</dt>
            <dd>{fmt.n(data.overall.openQueries)}</dd>
          </div>
          <div className={styles.kpi}>
            <dt>{t("kpi.completeness")}</dt>
            <dd>{fmt.pct(data.overall.meanCompleteness)}</dd>
          </div>
        </dl>
      </div>
      {data.totalCases === 0 ? (
        <p className={`panel ${styles.empty}`} data-testid="dashboard-empty">
          {t("empty")}
        </p>
      ) : (
        <>
          <FigureSection section={INCLUSIONS_SECTION} data={data} fmt={fmt} locale={locale} />
          <FigureSection section={DESCRIPTIVE_SECTION} data={data} fmt={fmt} locale={locale} />
          <FigureSection section={OUTCOMES_SECTION} data={data} fmt={fmt} locale={locale} />
        </>
      )}
    </div>
  );
}
