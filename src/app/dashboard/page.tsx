import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { can } from "@/domain/roles";
import { asLocale } from "@/i18n/locales";
import { dashboardData } from "@/server/dashboard.server";
import { db } from "@/server/db/db.server";
import { ForbiddenError } from "@/server/errors";
import { getActor, requireActor } from "@/server/session.server";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

export async function generateMetadata(): Promise<Metadata> {
  // Anyone else gets the plain 404, whose title does not say that a dashboard is there.
  const actor = await getActor();
  if (!actor || !can(actor.role, "dashboard.view")) return {};
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

// Access: "dashboard.view" (coordinators). Anyone else gets the same 404 as for
// a page that does not exist; dashboardData() checks the permission again.
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!can(actor.role, "dashboard.view")) notFound();
  const params = await searchParams;
  const data = await dashboardData(db(), actor, { centre: one(params.centre), status: one(params.status) }).catch(
    (error: unknown) => {
      if (error instanceof ForbiddenError) return null;
      throw error;
    },
  );
  if (!data) notFound();
  return <DashboardView data={data} locale={asLocale(await getLocale())} />;
}
