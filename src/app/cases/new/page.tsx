import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { todayIso } from "@/domain/dates";
import { can } from "@/domain/roles";
import { requireActor } from "@/server/session.server";
import { NewCaseForm } from "./new-case-form";

export default async function NewCasePage() {
  const actor = await requireActor();
  if (!can(actor.role, "case.create") || !actor.centreCode) notFound();
  const t = await getTranslations("cases");
  return (
    <section className="panel panel--narrow">
      <h1>{t("newTitle")}</h1>
      <p className="notice">{t("newIntro")}</p>
      <NewCaseForm centreCode={actor.centreCode} today={todayIso()} />
    </section>
  );
}
