import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { listCentres } from "@/server/centres.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { listUsers } from "@/server/users.server";
import { NewUserForm } from "./new-user-form";
import { UsersAdmin, type UserAdminRow } from "./users-admin";

// Access: coordinators only ("user.manage", checked in listUsers and in each action's server function).
export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor.role, "user.manage")) notFound();
  const [users, centres] = await Promise.all([listUsers(db(), actor), listCentres(db(), actor)]);
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  const rows: UserAdminRow[] = users.map((u) => {
    const locked =
      u.lockedUntil && u.lockedUntil > now
        ? format.dateTime(u.lockedUntil, { dateStyle: "short", timeStyle: "short" })
        : null;
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      roleLabel: t(`roles.${u.role}`),
      // A monitor's centres ("all" or their codes) in the centre column.
      centreCode:
        u.centreCode ?? (u.monitored === "all" ? t("collab.users.allCentres") : (u.monitored?.join(", ") ?? null)),
      stateLabel: !u.active
        ? t("users.inactive")
        : locked
          ? t("users.lockedUntil", { time: locked })
          : u.hasPassword
            ? t("users.active")
            : t("users.invited"),
      active: u.active,
      hasPassword: u.hasPassword,
      isSelf: u.id === actor.id,
      failedAttempts: u.failedAttempts,
      lockedUntil: locked,
    };
  });
  return (
    <section className="panel">
      <h1>{t("users.title")}</h1>
      <UsersAdmin rows={rows} />
      <h2>{t("users.newTitle")}</h2>
      <NewUserForm centres={centres.map((c) => ({ code: c.code, label: `${c.code} — ${c.name}` }))} />
    </section>
  );
}
