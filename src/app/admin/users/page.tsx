import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { listCentres } from "@/server/centres.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { listUsers } from "@/server/users.server";
import { NewUserForm } from "./new-user-form";

export default async function UsersPage() {
  const actor = await requireActor();
  if (!can(actor.role, "user.manage")) notFound();
  const [users, centres] = await Promise.all([listUsers(db(), actor), listCentres(db(), actor)]);
  const t = await getTranslations();
  const format = await getFormatter();
  const now = new Date();
  return (
    <section className="panel">
      <h1>{t("users.title")}</h1>
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t("users.displayName")}</th>
            <th scope="col">{t("users.email")}</th>
            <th scope="col">{t("users.role")}</th>
            <th scope="col">{t("users.centre")}</th>
            <th scope="col">{t("users.state")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.email}</td>
              <td>{t(`roles.${u.role}`)}</td>
              <td>{u.centreCode ?? "—"}</td>
              <td>
                {!u.active
                  ? t("users.inactive")
                  : u.lockedUntil && u.lockedUntil > now
                    ? t("users.lockedUntil", { time: format.dateTime(u.lockedUntil, { timeStyle: "short" }) })
                    : u.hasPassword
                      ? t("users.active")
                      : t("users.invited")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("users.newTitle")}</h2>
      <NewUserForm centres={centres.map((c) => ({ code: c.code, label: `${c.code} — ${c.name}` }))} />
    </section>
  );
}
