"use client";
import { countRender } from "./render-probe";
import { useFormatter, useTranslations } from "next-intl";
import type { HlhProbability } from "@/domain/scores";
import { useLive, type LiveStore } from "./live-record";

/** The computed results, live as values are typed (spec §2, §3). */
export function ComputedPanel({ store }: { store: LiveStore }) {
  countRender("computed");
  const { computed: c } = useLive(store);
  const t = useTranslations("form.computed");
  const format = useFormatter();
  const pct = (p: number) => format.number(p, { style: "percent", maximumFractionDigits: 1 });
  const prob = (p: HlhProbability) => (p.kind === "below" ? "< 1 %" : p.kind === "above" ? "> 99 %" : `${format.number(p.percent, { maximumFractionDigits: 1 })} %`);
  const dash = "—";
  const e = c.eular_acr_2017;
  const h = c.hscore;
  const hlh = c.hlh_2004;
  return (
    <aside className="computed" aria-labelledby="computed-title" aria-live="polite" data-testid="computed-panel">
      <h2 id="computed-title">{t("title")}</h2>
      <dl>
        <dt>{t("ageAtDmDiag")}</dt>
        <dd data-testid="age-dm">{c.age_at_dm_diag === null ? dash : t("years", { n: c.age_at_dm_diag })}{c.juvenile_dm ? ` · ${t("juvenile")}` : ""}</dd>
        <dt>{t("ageAtSam")}</dt>
        <dd>{c.age_at_sam === null ? dash : t("years", { n: c.age_at_sam })}</dd>
        <dt>{t("delayDmSam")}</dt>
        <dd>{c.delay_dm_diag_to_sam_days === null ? dash : t("days", { n: c.delay_dm_diag_to_sam_days })}</dd>
        <dt>{t("bsa")}</dt>
        <dd data-testid="bsa">{c.bsa_m2 === null ? dash : `${format.number(c.bsa_m2, { maximumFractionDigits: 2 })} m²`}</dd>
      </dl>

      <h3>{t("eularTitle")}</h3>
      <p data-testid="eular">
        {e.score !== null
          ? t("eularExact", { score: format.number(e.score, { maximumFractionDigits: 1 }), probability: pct(e.probability ?? 0) })
          : t("eularRange", { min: format.number(e.range.min.score, { maximumFractionDigits: 1 }), max: format.number(e.range.max.score, { maximumFractionDigits: 1 }) })}
        {" · "}
        {e.class ? t(`eularClass.${e.class}`) : t("undetermined")}
        {" · "}
        {t(`subgroup.${e.subgroup}`)}
        {e.model === "with_biopsy" ? ` · ${t("withBiopsy")}` : ""}
      </p>

      <h3>{t("hscoreTitle")}</h3>
      <p data-testid="hscore">
        {h.complete ? t("hscoreExact", { total: h.total.min, probability: prob(h.probability.min) }) : t("hscoreRange", { min: h.total.min, max: h.total.max, pmin: prob(h.probability.min), pmax: prob(h.probability.max) })}
      </p>
      <p className="muted">{t(`cutoff.${h.atLeast169}`)}</p>

      <h3>{t("hlhTitle")}</h3>
      <p data-testid="hlh2004">{t("hlhCount", { met: hlh.metCount, unknown: hlh.unknownCount })} · {t(`hlhFulfilled.${hlh.fulfilled}`)}</p>
      <ul className="criteria">
        {Object.entries(hlh.criteria).map(([name, state]) => (
          <li key={name} className={`criterion criterion--${state}`}>
            <span aria-hidden="true">{state === "met" ? "✔" : state === "not_met" ? "✘" : "?"}</span> {t(`hlhCriteria.${name}`)} — {t(`criterion.${state}`)}
          </li>
        ))}
      </ul>

      <h3>{t("mas2016Title")}</h3>
      <p data-testid="mas2016">{t(`criterion.${c.mas_2016.result}`)}</p>
    </aside>
  );
}
