import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { listOutbox } from "@/server/users.server";

export default async function OutboxPage() {
  const actor = await requireActor();
  if (!can(actor.role, "outbox.read")) notFound();
  const mails = await listOutbox(db(), actor);
  const t = await getTranslations("outbox");
  const format = await getFormatter();
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {mails.length === 0 ? <p className="empty">{t("empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="mail" data-testid="outbox-mail">
          <header>
            <strong>{m.subject}</strong>
            <span>
              {t("to")} {m.to} · {format.dateTime(m.createdAt, { dateStyle: "short", timeStyle: "short" })} ·{" "}
              {m.sentAt ? t("sent", { date: format.dateTime(m.sentAt, { dateStyle: "short", timeStyle: "short" }) }) : t("pending")}
            </span>
          </header>
          <pre>{m.body}</pre>
        </article>
      ))}
    </section>
  );
}
