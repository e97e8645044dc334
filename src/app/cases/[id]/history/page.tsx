import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { answerPathLabel, parseAnswerPath } from "@/domain/crf/field-path";
import { asLocale } from "@/i18n/locales";
import { getLocale } from "next-intl/server";
import { getCase } from "@/server/cases.server";
import { caseHistory } from "@/server/case-views.server";
import { db } from "@/server/db/db.server";
import { NotFoundError } from "@/server/errors";
import { requireActor } from "@/server/session.server";
import { can } from "@/domain/roles";
import { RedactionForm } from "./redaction-form";

function show(value: unknown): string {
  if (value === null || value === undefined) return "∅";
  if (typeof value === "object" && value !== null) {
    const a = value as { v?: unknown; code?: string; unit?: string; entered?: number; confirmed?: boolean };
    if (a.code) return a.code;
    if ("v" in a) {
      const v = Array.isArray(a.v) ? a.v.join(", ") : String(a.v);
      return `${a.entered !== undefined ? `${a.entered} (${a.unit}) → ${v}` : v}${a.confirmed ? " ✔" : ""}`;
    }
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

export default async function HistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const loaded = await Promise.all([getCase(db(), actor, id), caseHistory(db(), actor, id)]).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!loaded) notFound();
  const [c, events] = loaded;
  const t = await getTranslations();
  const locale = asLocale(await getLocale());
  const key = `${c.initials} · ${c.birthDate} · ${c.centreCode}`;
  const statusName = (v: unknown) => (typeof v === "string" && t.has(`status.${v}`) ? t(`status.${v}`) : show(v));
  // The lifecycle's own events (printing) are named with its rules' messages (src/domain/lifecycle.messages.ts).
  const eventName = (type: string) =>
    t.has(`history.types.${type}`)
      ? t(`history.types.${type}`)
      : t.has(`auditTrail.eventTypes.${type}`)
        ? t(`auditTrail.eventTypes.${type}`)
        : t.has(`errors.lifecycle.events.${type}`)
          ? t(`errors.lifecycle.events.${type}`)
          : type;
  // A redaction (ADR 0010): how many values, on whose request — never the removed text.
  const redactionSummary = (data: unknown) => {
    const d = data as { targets?: unknown[]; requestedBy?: string } | null;
    const requester = d?.requestedBy === "clinician" ? "clinician" : "coordinator";
    return t("auditTrail.redactionSummary", {
      count: d?.targets?.length ?? 0,
      requester: t(`auditTrail.requester.${requester}`),
    });
  };
  const redactedMark = (e: { redacted: string[] }, ...columns: string[]) =>
    columns.some((c) => e.redacted.includes(c)) ? (
      <span className="badge" data-testid="redacted-mark">
        {" "}
        ({t("auditTrail.redactedMark")})
      </span>
    ) : null;
  const printedIn = (data: unknown) => {
    const lang = (data as { lang?: string } | null)?.lang;
    return lang ? lang.toUpperCase() : "";
  };
  const fieldName = (path: string | null) => {
    if (!path) return "";
    const p = parseAnswerPath(path);
    return `${answerPathLabel(path)[locale]}${p && p.kind !== "field" ? ` (${p.block})` : ""}`;
  };
  return (
    <section className="panel" data-testid="history">
      <div className="panel-head case-head">
        <h1>{t("history.title", { key })}</h1>
        <StatusBadge status={c.status} />
      </div>
      <Link href={`/cases/${c.id}`}>{t("history.back")}</Link>
      <p data-testid="form-version">
        {t("history.formVersion", { entered: c.formVersionEntered, saved: c.formVersionSaved })}
      </p>
      <table className="table history">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t("history.when")}</th>
            <th scope="col">{t("history.who")}</th>
            <th scope="col">{t("history.role")}</th>
            <th scope="col">{t("history.what")}</th>
            <th scope="col">{t("history.field")}</th>
            <th scope="col">{t("history.change")}</th>
            <th scope="col">{t("history.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const data = e.data as { message?: string } | null;
            return (
              <tr key={e.seq} data-type={e.type}>
                <td>{e.seq}</td>
                <td>{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{e.actor}</td>
                <td>{e.role ? t(`roles.${e.role}`) : ""}</td>
                <td>{eventName(e.type)}</td>
                <td>{fieldName(e.fieldPath)}</td>
                <td>
                  {e.type === "case.status_changed"
                    ? `${statusName(e.oldValue)} → ${statusName(e.newValue)}`
                    : e.type === "case.field_changed" || e.type === "case.answer_migrated"
                      ? `${show(e.oldValue)} → ${show(e.newValue)}`
                      : e.type === "case.printed"
                        ? printedIn(e.data)
                        : e.type === "audit.redacted"
                          ? redactionSummary(e.data)
                          : (data?.message ?? "")}
                  {e.type === "case.field_changed" && (e.data as { source?: string } | null)?.source === "prefill" ? (
                    <span className="badge" data-testid="prefilled-mark">
                      {" "}
                      ({t("history.prefilled")})
                    </span>
                  ) : null}
                  {redactedMark(e, "oldValue", "newValue", "data")}
                </td>
                <td>
                  {e.reason ?? ""}
                  {redactedMark(e, "reason")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {can(actor.role, "case.redact") ? <RedactionForm caseId={c.id} /> : null}
    </section>
  );
}
