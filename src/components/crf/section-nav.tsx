"use client";
import { countRender } from "./render-probe";
import { useTranslations } from "next-intl";
import { CRF } from "@/domain/crf/definition";
import { percent } from "@/domain/crf/completeness";
import { useCrf } from "./form-context";
import { useLive, type LiveStore } from "./live-record";

export function SectionNav({ store }: { store: LiveStore }) {
  countRender("nav");
  const { locale } = useCrf();
  const t = useTranslations("form");
  const { completeness } = useLive(store);
  return (
    <nav className="section-nav" aria-label={t("sections")}>
      <ol>
        {CRF.sections.map((s) => {
          const c = completeness.find((x) => x.section === s.id);
          const p = c ? percent(c) : 0;
          return (
            <li key={s.id}>
              <a href={`#section-${s.id}`}>{s.label[locale]}</a>
              <span
                className="progress"
                data-testid={`completeness-${s.id}`}
                aria-label={t("completeness", { answered: c?.answered ?? 0, applicable: c?.applicable ?? 0 })}
              >
                <span className="progress-bar" style={{ width: `${p}%` }} />
                <span className="progress-text">{p} %</span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
