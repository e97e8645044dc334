// The values the application computes. On the blank form: what they are and how
// they are computed (nothing to fill in). On a printed case: the results, with
// the same wording as the form's "Computed results" panel.
import type { Locale } from "@/domain/locale";
import { CRF } from "@/domain/crf/definition";
import type { ComputedResults } from "@/domain/crf/computed";
import type { HlhProbability } from "@/domain/scores";
import { printFormatter } from "./print-i18n";
import type { Tr } from "./print-model";

export function ComputedBlank({ lang, t }: { lang: Locale; t: Tr }) {
  return (
    <section className="pr-computed" data-testid="print-computed">
      <h2>{t("print.sheet.computedTitle")}</h2>
      <p className="pr-help">{t("print.sheet.computedBlank")}</p>
      <dl className="pr-defs">
        {CRF.computed.map((c) => (
          <div key={c.id}>
            <dt>
              {c.label[lang]}
              {c.unit
                ? ` (${c.unit === "years" ? t("print.sheet.unitYears") : c.unit === "days" ? t("print.sheet.unitDays") : c.unit})`
                : ""}
            </dt>
            <dd>{c.formula[lang]}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function ComputedValues({ computed: c, lang, t }: { computed: ComputedResults; lang: Locale; t: Tr }) {
  const format = printFormatter(lang);
  const k = (key: string, values?: Record<string, string | number>) => t(`form.computed.${key}`, values);
  const pct = (p: number) => format.number(p, { style: "percent", maximumFractionDigits: 1 });
  const prob = (p: HlhProbability) =>
    p.kind === "below"
      ? "< 1 %"
      : p.kind === "above"
        ? "> 99 %"
        : `${format.number(p.percent, { maximumFractionDigits: 1 })} %`;
  const dash = "—";
  const e = c.eular_acr_2017;
  const h = c.hscore;
  const hlh = c.hlh_2004;
  return (
    <section className="pr-computed" data-testid="print-computed">
      <h2>{t("print.sheet.computedTitle")}</h2>
      <dl className="pr-results">
        <div>
          <dt>{k("ageAtDmDiag")}</dt>
          <dd>
            {c.age_at_dm_diag === null ? dash : k("years", { n: c.age_at_dm_diag })}
            {c.juvenile_dm ? ` · ${k("juvenile")}` : ""}
          </dd>
        </div>
        <div>
          <dt>{k("ageAtSam")}</dt>
          <dd>{c.age_at_sam === null ? dash : k("years", { n: c.age_at_sam })}</dd>
        </div>
        <div>
          <dt>{k("delayDmSam")}</dt>
          <dd>{c.delay_dm_diag_to_sam_days === null ? dash : k("days", { n: c.delay_dm_diag_to_sam_days })}</dd>
        </div>
        <div>
          <dt>{k("bsa")}</dt>
          <dd>{c.bsa_m2 === null ? dash : `${format.number(c.bsa_m2, { maximumFractionDigits: 2 })} m²`}</dd>
        </div>
        <div>
          <dt>{k("eularTitle")}</dt>
          <dd data-testid="print-eular">
            {e.score !== null
              ? k("eularExact", {
                  score: format.number(e.score, { maximumFractionDigits: 1 }),
                  probability: pct(e.probability ?? 0),
                })
              : k("eularRange", {
                  min: format.number(e.range.min.score, { maximumFractionDigits: 1 }),
                  max: format.number(e.range.max.score, { maximumFractionDigits: 1 }),
                })}
            {" · "}
            {e.class ? k(`eularClass.${e.class}`) : k("undetermined")}
            {" · "}
            {k(`subgroup.${e.subgroup}`)}
            {e.model === "with_biopsy" ? ` · ${k("withBiopsy")}` : ""}
          </dd>
        </div>
        <div>
          <dt>{k("hscoreTitle")}</dt>
          <dd data-testid="print-hscore">
            {h.complete
              ? k("hscoreExact", { total: h.total.min, probability: prob(h.probability.min) })
              : k("hscoreRange", {
                  min: h.total.min,
                  max: h.total.max,
                  pmin: prob(h.probability.min),
                  pmax: prob(h.probability.max),
                })}
            {" · "}
            {k(`cutoff.${h.atLeast169}`)}
          </dd>
        </div>
        <div>
          <dt>{k("hlhTitle")}</dt>
          <dd data-testid="print-hlh">
            {k("hlhCount", { met: hlh.metCount, unknown: hlh.unknownCount })} · {k(`hlhFulfilled.${hlh.fulfilled}`)}
            <span className="pr-criteria">
              {Object.entries(hlh.criteria).map(([name, state]) => (
                <span key={name}>
                  {state === "met" ? "✔" : state === "not_met" ? "✘" : "?"} {k(`hlhCriteria.${name}`)}
                </span>
              ))}
            </span>
          </dd>
        </div>
        <div>
          <dt>{k("mas2016Title")}</dt>
          <dd>{k(`criterion.${c.mas_2016.result}`)}</dd>
        </div>
      </dl>
    </section>
  );
}
