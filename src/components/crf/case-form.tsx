"use client";
import { countRender } from "./render-probe";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo, useRef, type KeyboardEvent } from "react";
import { FormProvider, useForm } from "react-hook-form";
import type { CaseAnswers } from "@/domain/crf/answers";
import { CRF } from "@/domain/crf/definition";
import { isBlock } from "@/domain/crf/types";
import { asLocale } from "@/i18n/locales";
import { useErrorText } from "../use-error-text";
import { useAutosave, type SaveStateStore } from "./autosave";
import { BlockControl } from "./block-control";
import { ComputedPanel } from "./computed-panel";
import { ConflictNotice } from "./conflict-notice";
import { FieldControl } from "./field-control";
import { CrfContext, type CrfContextValue } from "./form-context";
import { toFormValues, type FormValues } from "./form-model";
import { createIssueStore } from "./issue-store";
import { LeaveGuard } from "./leave-guard";
import { PrefillEntry } from "./prefill/prefill-entry";
import { createLiveStore, LiveRecord, snapshotOf } from "./live-record";
import { SectionNav } from "./section-nav";
import { ShowIf } from "./show-if";
import { useStore } from "./store";

export interface CaseFormProps {
  caseId: string;
  version: number;
  answers: CaseAnswers;
  birthDate: string;
  editable: boolean;
  today: string;
  /** The case was submitted: every change needs a reason (spec §7). */
  needsReason?: boolean;
  /** Open queries by field path (last message). */
  queries?: Readonly<Record<string, string>>;
}

/**
 * The case report form. Inputs are uncontrolled (react-hook-form): typing in
 * a field re-renders that field only; scores, completeness and cross-field
 * checks are recomputed after a pause by LiveRecord and read from stores.
 */
export function CaseForm({
  caseId,
  version,
  answers,
  birthDate,
  editable,
  today,
  needsReason = false,
  queries = {},
}: CaseFormProps) {
  countRender("form");
  const locale = asLocale(useLocale());
  const text = useErrorText();
  const form = useForm<FormValues>({ defaultValues: toFormValues(answers), mode: "onBlur" });
  const ctx = useMemo<CrfContextValue>(
    () => ({ caseId, locale, today, editable, issues: createIssueStore(), queries }),
    [caseId, locale, today, editable, queries],
  );
  const reason = useRef("");
  const store = useMemo(() => createLiveStore(snapshotOf(answers, birthDate)), [answers, birthDate]);
  const {
    store: saveState,
    resolveConflict,
    flush,
  } = useAutosave({
    form,
    caseId,
    version,
    answers,
    today,
    text,
    reason: needsReason ? () => reason.current : undefined,
  });

  // Enter moves on instead of submitting (there is nothing to submit: drafts save themselves).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
  };

  return (
    <CrfContext.Provider value={ctx}>
      <FormProvider {...form}>
        <LiveRecord store={store} birthDate={birthDate} />
        <LeaveGuard store={saveState} />
        {editable ? <PrefillEntry /> : null}
        <div className="crf-layout">
          <SectionNav store={store} />
          <form
            className="crf-form"
            noValidate
            onSubmit={(e) => e.preventDefault()}
            onKeyDown={onKeyDown}
            aria-describedby="save-status"
          >
            <SaveStatusLine store={saveState} onRetry={() => void flush()} />
            {needsReason && editable ? <ReasonInput onChange={(v) => ((reason.current = v), void flush())} /> : null}
            <ConflictNotice store={saveState} onResolve={resolveConflict} />
            {CRF.sections.map((section) => (
              <section
                key={section.id}
                id={`section-${section.id}`}
                className="crf-section"
                aria-labelledby={`h-${section.id}`}
              >
                <h2 id={`h-${section.id}`}>{section.label[locale]}</h2>
                {section.items.map((item) => (
                  <ShowIf key={item.id} condition={item.showIf}>
                    {!isBlock(item) && item.group ? <h3 className="crf-group">{item.group[locale]}</h3> : null}
                    {isBlock(item) ? (
                      <BlockControl block={item} saveState={saveState} />
                    ) : (
                      <FieldControl field={item} name={`f.${item.id}`} path={item.id} />
                    )}
                  </ShowIf>
                ))}
              </section>
            ))}
          </form>
          <ComputedPanel store={store} />
        </div>
      </FormProvider>
    </CrfContext.Provider>
  );
}

function ReasonInput({ onChange }: { onChange: (reason: string) => void }) {
  const t = useTranslations("form");
  return (
    <div className="field reason-field">
      <label htmlFor="change-reason">{t("reasonLabel")}</label>
      <input
        id="change-reason"
        maxLength={500}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t("reasonPlaceholder")}
      />
    </div>
  );
}

function SaveStatusLine({ store, onRetry }: { store: SaveStateStore; onRetry: () => void }) {
  const status = useStore(store, (s) => s.status);
  const unsent = useStore(store, (s) => s.unsent);
  const t = useTranslations("form.save");
  const tx = useTranslations("caseForm.save");
  const text = useErrorText();
  const format = useFormatter();
  let message: string;
  switch (status.kind) {
    case "idle":
      message = t("idle");
      break;
    case "pending":
      message = t("pending");
      break;
    case "saving":
      message = t("saving");
      break;
    case "saved":
      message = t("saved", { time: format.dateTime(new Date(status.at), { hour: "2-digit", minute: "2-digit" }) });
      break;
    case "invalid":
      message = t("invalid");
      break;
    case "reason":
      message = t("reasonNeeded");
      break;
    case "error":
      message = `${text(status.message)}${status.retrying ? ` ${t("retrying")}` : ""}`;
      break;
  }
  return (
    <>
      <p id="save-status" className={`save-status save-status--${status.kind}`} role="status" data-testid="save-status">
        {message}
        {status.kind === "error" && status.retrying ? (
          <>
            {" "}
            <button type="button" className="link-button" onClick={onRetry} data-testid="save-retry">
              {tx("retry")}
            </button>
          </>
        ) : null}
      </p>
      {unsent?.restored ? (
        <p className="notice" role="status" data-testid="unsent-restored">
          {tx("restored", { count: unsent.restored })}
        </p>
      ) : null}
      {unsent?.overtaken ? (
        <p className="notice notice--warning" role="alert" data-testid="unsent-overtaken">
          {tx("overtaken", { count: unsent.overtaken })}
        </p>
      ) : null}
    </>
  );
}
