"use client";
// Sign, validate, lock and unlock a case, beside the case page that shows them:
// what the actor's role allows in the case's state, and the problems a refusal lists.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ATTESTATION } from "@/domain/attestation";
import type { FieldErrors } from "@/domain/messages";
import type { Role } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { useErrorText } from "@/components/use-error-text";
import { lockCaseAction, signCaseAction, unlockCaseAction, validateCaseAction } from "./actions";

interface Props {
  caseId: string;
  role: Role;
  status: string;
  openQueries: number;
  canSign: boolean;
  /** Does the last signature cover the answers as they are? Validation needs "current". */
  signature: "none" | "current" | "stale";
}

/**
 * Problems listed at the top, each linking to its field. The signing form
 * heads them with their count; the coordinator's refusal carries its own
 * summary ("Validation impossible : …") as the form-level message.
 */
function ProblemList({ errors, heading = true }: { errors: FieldErrors; heading?: boolean }) {
  const text = useErrorText();
  const t = useTranslations("workflow");
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="form-errors" role="alert" data-testid={heading ? "sign-problems" : "workflow-problems"}>
      {heading ? <p>{t("problems", { count: entries.length })}</p> : null}
      <ul>
        {entries.map(([path, refs]) => (
          <li key={path}>
            {path.startsWith("_") || ["password", "attest", "reason"].includes(path) ? (
              refs.map(text).join(" ")
            ) : (
              <a href={`#field-${path}`}>{refs.map(text).join(" ")}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function WorkflowActions({ caseId, role, status, openQueries, canSign, signature }: Props) {
  const t = useTranslations("workflow");
  const text = useErrorText();
  const locale = asLocale(useLocale());
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [signing, setSigning] = useState(false);
  const [busy, setBusy] = useState(false);

  const done = (result: { ok: true } | { ok: false; fieldErrors: FieldErrors }) => {
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setSigning(false);
      router.refresh();
    } else setErrors(result.fieldErrors);
  };

  const sign = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    done(
      await signCaseAction(caseId, {
        password: String(data.get("password") ?? ""),
        attest: data.get("attest") === "on",
        locale,
      }),
    );
  };

  return (
    <div className="workflow-actions" data-testid="workflow-actions">
      {role === "CLINICIAN" && canSign ? (
        signing ? (
          <form className="form sign-form" onSubmit={sign} noValidate>
            <h2>{t("signTitle")}</h2>
            <ProblemList errors={errors} />
            <label className="crf-confirm">
              <input type="checkbox" name="attest" /> {ATTESTATION[locale]}
            </label>
            <div className="field">
              <label htmlFor="sign-password">{t("password")}</label>
              <input
                id="sign-password"
                name="password"
                type="password"
                autoComplete="current-password"
                maxLength={256}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {t("signSubmit")}
              </button>
              <button type="button" className="link-button" onClick={() => setSigning(false)}>
                {t("cancel")}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button" onClick={() => setSigning(true)}>
            {status === "DRAFT" ? t("sign") : t("signAgain")}
          </button>
        )
      ) : null}
      {role === "RESEARCH_ASSISTANT" && status === "DRAFT" ? <p className="muted">{t("onlyClinicianSigns")}</p> : null}
      {role === "COORDINATOR" ? (
        <div className="button-row">
          <ProblemList errors={errors} heading={false} />
          {status === "SUBMITTED" && openQueries === 0 && signature === "current" ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                done(await validateCaseAction(caseId));
              }}
            >
              {t("validate")}
            </button>
          ) : null}
          {status === "SUBMITTED" && openQueries === 0 && signature === "stale" ? (
            <p className="muted" data-testid="validate-needs-signature">
              {text({ key: "lifecycle.signatureStale" })}
            </p>
          ) : null}
          {status === "VALIDATED" ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                done(await lockCaseAction(caseId));
              }}
            >
              {t("lock")}
            </button>
          ) : null}
          {status === "LOCKED" ? <UnlockForm caseId={caseId} onDone={done} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function UnlockForm(props: {
  caseId: string;
  onDone: (r: { ok: true } | { ok: false; fieldErrors: FieldErrors }) => void;
}) {
  const { caseId, onDone } = props;
  const t = useTranslations("workflow");
  const [reason, setReason] = useState("");
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        onDone(await unlockCaseAction(caseId, { reason }));
      }}
    >
      <label htmlFor="unlock-reason">{t("unlockReason")}</label>
      <input id="unlock-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <button type="submit" className="button button--secondary">
        {t("unlock")}
      </button>
    </form>
  );
}
