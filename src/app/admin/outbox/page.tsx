import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { listOutbox, mailDeliveryConfigured } from "@/server/outbox.server";
import { requireActor } from "@/server/session.server";

const KINDS = ["invitation", "password_reset", "reminder", "security_notice"] as const;
const kindKey = (kind: string) => ((KINDS as readonly string[]).includes(kind) ? kind : "other");

// That a mail exists — to, subject, kind, time, status — and its text with every
// link that grants access masked (listOutbox): a coordinator never sees a link
// that would let them choose someone else's password (docs/security.md).
export default async function OutboxPage() {
  const actor = await requireActor();
  if (!can(actor.role, "outbox.read")) notFound();
  const mails = await listOutbox(db(), actor);
  const t = await getTranslations("outbox");
  const ts = await getTranslations("security.outbox");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p>{ts("intro")}</p>
      {mailDeliveryConfigured() ? null : (
        <p className="notice" role="status" data-testid="outbox-no-delivery">
          {ts("noDelivery")}
        </p>
      )}
      {mails.length === 0 ? <p className="empty">{t("empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="mail" data-testid="outbox-mail" data-kind={m.kind}>
          <header>
            <strong>{m.subject}</strong>
            <span>
              {t("to")} {m.to} · {ts("kind", { kind: ts(`kinds.${kindKey(m.kind)}`) })} · {when(m.createdAt)} ·{" "}
              {m.sentAt ? t("sent", { date: when(m.sentAt) }) : t("pending")}
            </span>
          </header>
          <pre>{m.body}</pre>
        </article>
      ))}
    </section>
  );
}
