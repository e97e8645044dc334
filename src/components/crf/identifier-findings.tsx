"use client";
// Shows what the identifier guard found in a free-text field: every kind, the passages
// highlighted in the text, and a button per passage that replaces it by a neutral token
// ("[nom]", "[adresse]"…) in one click. The scan is the same module the server runs
// (src/domain/identifier-guard.ts); the replaced value goes through the ordinary autosave.
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import {
  IDENTIFIER_TOKENS,
  replaceIdentifiers,
  scanForIdentifiers,
  type IdentifierHit,
} from "@/domain/identifier-guard";

interface Props {
  /** react-hook-form path of the text value ("f.comments.value"). */
  name: string;
  /** Called after a replacement (the field re-validates itself). */
  onReplaced?: () => void;
}

export function IdentifierFindings({ name, onReplaced }: Props) {
  const t = useTranslations("identifierFindings");
  const { setValue } = useFormContext();
  const value = useWatch({ name }) as unknown;
  const text = typeof value === "string" ? value : "";
  const hits = useMemo(() => (text ? scanForIdentifiers(text) : []), [text]);
  if (hits.length === 0) return null;

  const kinds = [...new Set(hits.map((h) => h.kind))];
  const replace = (which: readonly IdentifierHit[]) => {
    setValue(name, replaceIdentifiers(text, which), { shouldDirty: true, shouldTouch: true });
    onReplaced?.();
  };

  return (
    <section className="identifier-findings" aria-label={t("title")} data-testid="identifier-findings">
      <p className="identifier-findings__intro">
        {t("intro", { count: kinds.length, kinds: kinds.map((k) => t(`kinds.${k}`)).join(", ") })}
      </p>
      <p className="identifier-findings__text" data-testid="identifier-findings-text">
        {highlighted(text, hits, (k) => t(`kinds.${k}`))}
      </p>
      <ul className="identifier-findings__list" aria-label={t("listLabel")}>
        {hits.map((hit) => {
          const passage = text.slice(hit.start, hit.end);
          const token = IDENTIFIER_TOKENS[hit.kind];
          return (
            <li key={`${hit.start}-${hit.kind}`} data-kind={hit.kind}>
              <span className="identifier-findings__kind">{t(`kinds.${hit.kind}`)}</span> <mark>{passage}</mark>{" "}
              <button
                type="button"
                className="link-button"
                aria-label={t("replaceLabel", { text: passage, kind: t(`kinds.${hit.kind}`), token })}
                onClick={() => replace([hit])}
              >
                {t("replace", { token })}
              </button>
            </li>
          );
        })}
      </ul>
      {hits.length > 1 ? (
        <button type="button" className="link-button" onClick={() => replace(hits)}>
          {t("replaceAll")}
        </button>
      ) : null}
    </section>
  );
}

/** The text with each hit in a <mark> titled with its kind. */
function highlighted(
  text: string,
  hits: readonly IdentifierHit[],
  label: (kind: IdentifierHit["kind"]) => string,
): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const hit of hits) {
    if (hit.start > at) out.push(text.slice(at, hit.start));
    out.push(
      <mark key={hit.start} data-kind={hit.kind} title={label(hit.kind)}>
        {text.slice(hit.start, hit.end)}
      </mark>,
    );
    at = hit.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
