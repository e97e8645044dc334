import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { todayIso } from "@/domain/dates";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { entryOpenFor } from "@/server/study.server";
import { NewCaseForm } from "./new-case-form";

export default async function NewCasePage() {
  const actor = await requireActor();
  if (!can(actor.role, "case.create") || !actor.centreCode) notFound();
  const t = await getTranslations("cases");
  // After the closing date and grace period: said at once, not only when the form is sent (createCase refuses too).
  const entry = await entryOpenFor(db(), actor);
  if (!entry.open) {
    const tErrors = await getTranslations("errors");
    const { closing, graceEnd, graceDays } = entry.calendar;
    return (
      <section className="panel panel--narrow">
        <h1>{t("newTitle")}</h1>
        <p className="notice notice--warning" role="status" data-testid="new-case-closed">
          {tErrors("study.closed", { closing, graceEnd, grace: graceDays > 0 ? "yes" : "no" })}
        </p>
      </section>
    );
  }
  return (
    <section className="panel panel--narrow">
      <h1>{t("newTitle")}</h1>
      <p className="notice">{t("newIntro")}</p>
      <NewCaseForm centreCode={actor.centreCode} today={todayIso()} />
    </section>
  );
}
