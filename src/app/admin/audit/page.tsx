import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { checkpointStatus } from "@/server/audit-status.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Coordinators only ("case.review"): the last signed checkpoint of the audit chain, kept outside the database (ADR 0009).
export default async function AuditPage() {
  const actor = await requireActor();
  if (!can(actor.role, "case.review")) notFound();
  const status = await checkpointStatus(db(), actor);
  const t = await getTranslations("auditTrail.admin");
  const last = status.last;
  const alert = status.state === "ahead" || status.state === "differs";
  return (
    <section className="panel" data-testid="audit-admin">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <h2>{t("last")}</h2>
      {!status.exists ? (
        <p className="notice notice--error" role="alert">
          {t("missing")}
        </p>
      ) : null}
      {last ? (
        <dl className="facts" data-testid="last-checkpoint">
          <dt>{t("seq")}</dt>
          <dd>{last.seq}</dd>
          <dt>{t("hash")}</dt>
          <dd>
            <code>{last.hash}</code>
          </dd>
          <dt>{t("at")}</dt>
          <dd>{last.at.replace("T", " ").slice(0, 19)}</dd>
          <dt>{t("keyId")}</dt>
          <dd>{last.keyId}</dd>
          <dt>{t("file")}</dt>
          <dd>
            <code>{status.file}</code>
          </dd>
        </dl>
      ) : status.exists ? (
        <p className="empty">{t("none")}</p>
      ) : null}
      <p>{t("head", { seq: status.headSeq })}</p>
      {last ? (
        <p
          className={alert ? "notice notice--error" : "notice notice--ok"}
          role={alert ? "alert" : "status"}
          data-testid="checkpoint-state"
          data-state={status.state}
        >
          {status.state === "agrees"
            ? t("agrees")
            : status.state === "behind"
              ? t("behind", { count: status.headSeq - last.seq })
              : t(status.state === "ahead" ? "ahead" : "differs", { seq: last.seq })}
        </p>
      ) : null}
      <p className="help">{t("verify")}</p>
    </section>
  );
}
