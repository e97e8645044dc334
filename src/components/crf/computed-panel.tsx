"use client";
import { countRender } from "./render-probe";
import { useFormatter, useTranslations } from "next-intl";
import { hasValue } from "@/domain/crf/answers";
import type { FieldId } from "@/domain/crf/definition";
import type { AgeRange } from "@/domain/crf/computed";
import type { HlhProbability } from "@/domain/scores";
import { useLive, type LiveStore } from "./live-record";

/** The computed results, live as values are typed (spec §2, §3, §6). */
export function ComputedPanel({ store }: { store: LiveStore }) {
  countRender("computed");
  const { computed: c, answers, stale } = useLive(store);
  const t = useTranslations("form.computed");
  // Texts added with the cancer delay, follow-up and ranges live in the form's own catalogue.
  const tx = useTranslations("caseForm.computed");
  const format = useFormatter();
  const pct = (p: number) => format.number(p, { style: "percent", maximumFractionDigits: 1 });
  const prob = (p: HlhProbability) =>
    p.kind === "below"
      ? "< 1 %"
      : p.kind === "above"
        ? "> 99 %"
        : `${format.number(p.percent, { maximumFractionDigits: 1 })} %`;
  const dash = "—";
  const f = answers.fields;
  /** Dash, or "day-precise dates needed" when the dates are there but only to the month or year. */
  const missingDelay = (...ids: FieldId[]) =>
    ids.every((id) => hasValue(f[id])) ? `${dash} (${tx("needsDays")})` : dash;
  const age = (exact: number | null, range: AgeRange | null) =>
    exact !== null ? t("years", { n: exact }) : range ? tx("yearsRange", { min: range.min, max: range.max }) : dash;
  const cancer = f.cancer?.v === "yes";
  const cancerDelay = c.delay_cancer_to_dm_diag_days;
  const e = c.eular_acr_2017;
  const h = c.hscore;
  const hlh = c.hlh_2004;
  const score = (x: number) => format.number(x, { maximumFractionDigits: 1 });
  return (
    <aside className="computed" aria-labelledby="computed-title" aria-live="polite" data-testid="computed-panel">
      <h2 id="computed-title">{t("title")}</h2>
      {stale ? (
        <p className="notice notice--warning" data-testid="computed-stale">
          {tx("stale")}
        </p>
      ) : null}
      <dl>
        <dt>{t("ageAtDmDiag")}</dt>
        <dd data-testid="age-dm">
          {age(c.age_at_dm_diag, c.age_at_dm_diag_range)}
          {c.juvenile_dm ? ` · ${t("juvenile")}` : ""}
        </dd>
        <dt>{t("ageAtSam")}</dt>
        <dd>{c.age_at_sam === null ? dash : t("years", { n: c.age_at_sam })}</dd>
        <dt>{t("delayDmSam")}</dt>
        <dd>{c.delay_dm_diag_to_sam_days === null ? dash : t("days", { n: c.delay_dm_diag_to_sam_days })}</dd>
        {cancer ? (
          <>
            <dt>{tx("delayCancerDm")}</dt>
            <dd data-testid="cancer-delay">
              {cancerDelay === null
                ? missingDelay("cancer_date", "dm_diag_date")
                : tx("delayCancerDmValue", {
                    days: format.number(cancerDelay),
                    side: cancerDelay > 0 ? "before" : cancerDelay < 0 ? "after" : "same",
                  })}
            </dd>
            <dt>{tx("paraneoplastic")}</dt>
            <dd data-testid="paraneoplastic">
              {c.paraneoplastic_window === null
                ? dash
                : tx("paraneoplasticValue", { inWindow: c.paraneoplastic_window ? "yes" : "no" })}
            </dd>
          </>
        ) : null}
        <dt>{tx("followup")}</dt>
        <dd data-testid="followup">
          {c.followup_days === null
            ? missingDelay("sam_date", "last_followup_date")
            : tx("followupValue", {
                days: format.number(c.followup_days),
                years: format.number(c.followup_days / 365.25, { maximumFractionDigits: 1 }),
              })}
        </dd>
        <dt>{t("bsa")}</dt>
        <dd data-testid="bsa">
          {c.bsa_m2 === null ? dash : `${format.number(c.bsa_m2, { maximumFractionDigits: 2 })} m²`}
        </dd>
      </dl>

      <h3>{t("eularTitle")}</h3>
      <p data-testid="eular">
        {e.score !== null
          ? t("eularExact", { score: score(e.score), probability: pct(e.probability ?? 0) })
          : `${t("eularRange", { min: score(e.range.min.score), max: score(e.range.max.score) })} · ${
              pct(e.range.min.probability) === pct(e.range.max.probability)
                ? tx("eularProbabilitySame", { p: pct(e.range.min.probability) })
                : tx("eularProbabilityRange", {
                    pmin: pct(e.range.min.probability),
                    pmax: pct(e.range.max.probability),
                  })
            }`}
        {" · "}
        {e.class ? t(`eularClass.${e.class}`) : t("undetermined")}
        {/* A subgroup only means something for a patient classified as myositis. */}
        {e.class === "probable" || e.class === "definite" ? ` · ${t(`subgroup.${e.subgroup}`)}` : ""}
        {e.model === "with_biopsy" ? ` · ${t("withBiopsy")}` : ""}
      </p>

      <h3>{t("hscoreTitle")}</h3>
      <p data-testid="hscore">
        {h.complete
          ? t("hscoreExact", { total: h.total.min, probability: prob(h.probability.min) })
          : prob(h.probability.min) === prob(h.probability.max)
            ? tx("hscoreRangeSame", { min: h.total.min, max: h.total.max, p: prob(h.probability.min) })
            : t("hscoreRange", {
                min: h.total.min,
                max: h.total.max,
                pmin: prob(h.probability.min),
                pmax: prob(h.probability.max),
              })}
      </p>
      {h.notDone.includes("haemophagocytosis") ? (
        <p className="muted" data-testid="hscore-marrow-not-done">
          {tx("hscoreMarrowNotDone", { withPositive: h.total.min + 35, maxWithPositive: h.total.max + 35 })}
        </p>
      ) : null}
      <p className="muted">{t(`cutoff.${h.atLeast169}`)}</p>

      <h3>{t("hlhTitle")}</h3>
      <p data-testid="hlh2004">
        {t("hlhCount", { met: hlh.metCount, unknown: hlh.unknownCount })} · {t(`hlhFulfilled.${hlh.fulfilled}`)}
      </p>
      <ul className="criteria">
        {Object.entries(hlh.criteria).map(([name, state]) => (
          <li key={name} className={`criterion criterion--${state}`}>
            <span aria-hidden="true">{state === "met" ? "✔" : state === "not_met" ? "✘" : "?"}</span>{" "}
            {t(`hlhCriteria.${name}`)} — {t(`criterion.${state}`)}
          </li>
        ))}
      </ul>

      <h3>{t("mas2016Title")}</h3>
      <p data-testid="mas2016">{t(`criterion.${c.mas_2016.result}`)}</p>
    </aside>
  );
}
