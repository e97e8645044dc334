"use client";
// « Pré-remplir depuis un document »: the pasted text is analysed here, in the
// browser (src/domain/prefill), kept in this component's state only — never
// sent, stored or logged — and erased on close or when the page is left.
// Accepted values are set into the form's own state, so the same rules, the
// same autosave and the same audit apply as to typed values.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFormContext } from "react-hook-form";
import type { FieldAnswer } from "@/domain/crf/answers";
import { CRF } from "@/domain/crf/definition";
import { rowPath } from "@/domain/crf/field-path";
import { extract } from "@/domain/prefill/extract";
import { describeAnswer } from "../describe-answer";
import { answerToState, newRowId, stateToAnswer, type FormValues, type RowState } from "../form-model";
import { prefillItems, type PrefillItem } from "./proposals";
import { PREFILL_ACCEPTED } from "../prefill-provenance";

type Status = { kind: "pending" } | { kind: "accepted" } | { kind: "rejected" } | { kind: "conflict"; current: string };

const sameValue = (a: FieldAnswer, b: FieldAnswer) =>
  JSON.stringify([a.v ?? null, a.code ?? null]) === JSON.stringify([b.v ?? null, b.code ?? null]);

export function PrefillPanel({ onClose }: { onClose: () => void }) {
  const t = useTranslations("prefill");
  const locale = useLocale() === "en" ? "en" : "fr";
  const form = useFormContext<FormValues>();
  const [text, setText] = useState("");
  const [items, setItems] = useState<PrefillItem[] | null>(null);
  const [status, setStatus] = useState<Record<string, Status>>({});
  const [selected, setSelected] = useState<string | null>(null);
  const markRef = useRef<HTMLElement | null>(null);

  // Leaving the page (sign-out, navigation, closing the tab) erases the text with the component.
  useEffect(() => {
    const erase = () => setText("");
    window.addEventListener("pagehide", erase);
    return () => window.removeEventListener("pagehide", erase);
  }, []);
  useEffect(() => {
    if (selected) markRef.current?.scrollIntoView({ block: "center" });
  }, [selected]);

  const close = () => {
    setText("");
    setItems(null);
    onClose();
  };
  const analyse = () => {
    setItems(prefillItems(extract(text), locale));
    setStatus({});
    setSelected(null);
  };

  const set = (key: string, s: Status) => setStatus((prev) => ({ ...prev, [key]: s }));

  /** Applies one proposal; a different existing answer is never overwritten unless `force`. */
  const accept = (item: PrefillItem, force = false) => {
    const target = item.target;
    // The record path the accepted value lands at (a field, or a whole new row): for provenance.
    let path: string;
    if (target.kind === "field") {
      const name = `f.${target.field.id}` as const;
      path = target.field.id;
      const current = stateToAnswer(target.field, form.getValues(name));
      const existing = current.ok ? current.answer : null;
      if (existing && !sameValue(existing, target.answer) && !force) {
        set(item.key, { kind: "conflict", current: describeAnswer(target.field, existing, locale) });
        return;
      }
      form.setValue(name, answerToState(target.field, target.answer), { shouldDirty: true, shouldTouch: true });
    } else {
      const name = `b.${target.block.id}` as const;
      const rows = (form.getValues(name) ?? []) as RowState[];
      const drug = target.values.drug?.v;
      const other = target.values.drug_other?.v;
      const exists =
        drug !== undefined &&
        rows.some(
          (r) => r.values.drug?.value === drug && (other === undefined || r.values.drug_other?.value === other),
        );
      if (exists && !force) {
        set(item.key, { kind: "conflict", current: item.shown });
        return;
      }
      const row: RowState = {
        rowId: newRowId(),
        values: Object.fromEntries(target.block.fields.map((f) => [f.id, answerToState(f, target.values[f.id])])),
      };
      form.setValue(name, [...rows, row], { shouldDirty: true, shouldTouch: true });
      path = rowPath(target.block.id, row.rowId);
    }
    set(item.key, { kind: "accepted" });
    // Provenance for the audit trail (autosave listens): the record path and the rule, never the text.
    window.dispatchEvent(new CustomEvent(PREFILL_ACCEPTED, { detail: { path, rule: item.rule } }));
  };

  const acceptMany = (list: readonly PrefillItem[]) => {
    for (const item of list) if ((status[item.key]?.kind ?? "pending") === "pending") accept(item);
  };

  const bySection = useMemo(
    () =>
      CRF.sections
        .map((s) => ({ section: s, list: (items ?? []).filter((i) => i.section === s.id) }))
        .filter((g) => g.list.length),
    [items],
  );
  const counts = useMemo(() => {
    const all = Object.values(status);
    return {
      accepted: all.filter((s) => s.kind === "accepted").length,
      conflicts: all.filter((s) => s.kind === "conflict").length,
    };
  }, [status]);
  const chosen = items?.find((i) => i.key === selected);

  return (
    <section
      className="prefill-panel"
      aria-labelledby="prefill-title"
      data-testid="prefill-panel"
      style={{ border: "1px solid #8a94a6", borderRadius: 6, padding: "1rem", margin: "1rem 0" }}
    >
      <h2 id="prefill-title">{t("title")}</h2>
      <p className="notice">{t("privacy")}</p>
      {items === null ? (
        <>
          <label htmlFor="prefill-text">{t("textLabel")}</label>
          <textarea
            id="prefill-text"
            rows={12}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            style={{ width: "100%" }}
            data-testid="prefill-text"
          />
          <p>
            <button type="button" onClick={analyse} disabled={text.trim() === ""} data-testid="prefill-analyse">
              {t("analyse")}
            </button>{" "}
            <button type="button" className="button-secondary" onClick={close} data-testid="prefill-close">
              {t("close")}
            </button>
          </p>
        </>
      ) : (
        <>
          <p role="status" data-testid="prefill-summary">
            {items.length ? t("count", { count: items.length }) : t("none")}{" "}
            {items.length
              ? t("summary", {
                  accepted: counts.accepted,
                  pending:
                    items.length -
                    counts.accepted -
                    Object.values(status).filter((s) => s.kind === "rejected").length -
                    counts.conflicts,
                  conflicts: counts.conflicts,
                })
              : null}
          </p>
          <p>
            {items.length ? (
              <button type="button" onClick={() => acceptMany(items)} data-testid="prefill-accept-all">
                {t("acceptAll")}
              </button>
            ) : null}{" "}
            <button type="button" className="button-secondary" onClick={close} data-testid="prefill-close">
              {t("close")}
            </button>
          </p>
          <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr)", gap: "1rem" }}>
            <div>
              {bySection.map(({ section, list }) => (
                <section key={section.id} aria-labelledby={`prefill-h-${section.id}`}>
                  <h3 id={`prefill-h-${section.id}`}>
                    {section.label[locale]}{" "}
                    <button type="button" className="link-button" onClick={() => acceptMany(list)}>
                      {t("acceptSection")}
                    </button>
                  </h3>
                  <ul style={{ listStyle: "none", padding: 0 }}>
                    {list.map((item) => (
                      <Proposal
                        key={item.key}
                        item={item}
                        status={status[item.key] ?? { kind: "pending" }}
                        selected={item.key === selected}
                        onAccept={(force) => accept(item, force)}
                        onReject={() => set(item.key, { kind: "rejected" })}
                        onShow={() => setSelected(item.key)}
                      />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
            <div>
              <h3>{t("evidenceTitle")}</h3>
              <div
                style={{
                  whiteSpace: "pre-wrap",
                  maxHeight: "32rem",
                  overflow: "auto",
                  fontSize: "0.85rem",
                  border: "1px solid #ccd",
                  padding: "0.5rem",
                }}
                data-testid="prefill-evidence"
              >
                {chosen ? (
                  <>
                    {text.slice(0, chosen.evidence.start)}
                    <mark ref={markRef}>{text.slice(chosen.evidence.start, chosen.evidence.end)}</mark>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => document.getElementById(`prefill-item-${chosen.key}`)?.focus()}
                    >
                      {t("backToProposal")}
                    </button>
                    {text.slice(chosen.evidence.end)}
                  </>
                ) : (
                  text
                )}
              </div>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Proposal(props: {
  item: PrefillItem;
  status: Status;
  selected: boolean;
  onAccept: (force: boolean) => void;
  onReject: () => void;
  onShow: () => void;
}) {
  const t = useTranslations("prefill");
  const { item, status } = props;
  return (
    <li
      id={`prefill-item-${item.key}`}
      tabIndex={-1}
      data-testid={`prefill-item-${item.key}`}
      data-status={status.kind}
      style={{
        padding: "0.4rem 0",
        borderBottom: "1px solid #e3e6ec",
        background: props.selected ? "#fff8d6" : undefined,
      }}
    >
      <strong>{item.label}</strong> : {item.shown}
      {item.note ? <span className="hint"> ({item.note})</span> : null}{" "}
      <button type="button" className="link-button" onClick={props.onShow}>
        {t("showEvidence")}
      </button>
      <br />
      {status.kind === "pending" ? (
        <>
          <button type="button" onClick={() => props.onAccept(false)}>
            {t("accept")}
          </button>{" "}
          <button type="button" className="button-secondary" onClick={props.onReject}>
            {t("reject")}
          </button>
        </>
      ) : status.kind === "conflict" ? (
        <span role="alert">
          {item.target.kind === "field"
            ? t("conflict", { current: status.current, proposed: item.shown })
            : t("rowExists", { drug: item.shown })}{" "}
          <button type="button" onClick={() => props.onAccept(true)}>
            {t("useProposed")}
          </button>{" "}
          <button type="button" className="button-secondary" onClick={props.onReject}>
            {t("keepCurrent")}
          </button>
        </span>
      ) : (
        <em>{status.kind === "accepted" ? t("accepted") : t("rejected")}</em>
      )}
      <span className="hint" style={{ marginLeft: "0.5rem" }}>
        {t("rule", { rule: item.rule })}
      </span>
    </li>
  );
}
