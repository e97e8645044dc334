import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { API_SCOPES, scopeAllowed, TOKEN_DEFAULT_DAYS } from "@/domain/api/policy";
import { can } from "@/domain/roles";
import { listApiTokens } from "@/server/api/tokens.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { NewTokenForm, RevokeButton } from "./tokens-panel";

// Access: coordinators and statisticians ("api.token", checked in listApiTokens): their own tokens;
// a coordinator sees and may revoke everyone's (ADR 0020).
export default async function ApiTokensPage() {
  const actor = await requireActor();
  if (!can(actor.role, "api.token")) notFound();
  const tokens = await listApiTokens(db(), actor);
  const t = await getTranslations("apiTokens");
  const format = await getFormatter();
  const when = (iso: string | null) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : t("never");
  const scopeLabel = (s: string) => t(`scope.${s.split(":")[0] as "cases"}`);
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p>{t("intro", { doc: "docs/api.md, /api/v1/openapi.json" })}</p>
      <h2>{t("newTitle")}</h2>
      <NewTokenForm
        scopes={API_SCOPES.filter((s) => scopeAllowed(actor.role, s)).map((s) => ({ id: s, label: scopeLabel(s) }))}
        defaultDays={TOKEN_DEFAULT_DAYS}
      />
      <h2>{t("list")}</h2>
      {tokens.length === 0 ? <p className="empty">{t("none")}</p> : null}
      {tokens.length > 0 ? (
        <table className="table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("owner")}</th>
              <th scope="col">{t("scopes")}</th>
              <th scope="col">{t("prefix")}</th>
              <th scope="col">{t("created")}</th>
              <th scope="col">{t("expires")}</th>
              <th scope="col">{t("lastUsed")}</th>
              <th scope="col">{t("state")}</th>
              <th scope="col">{t("revoke")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr key={tk.id} data-testid="token-row">
                <td>{tk.name}</td>
                <td>{tk.ownerName}</td>
                <td>{tk.scopes.join(", ")}</td>
                <td>
                  <code>dmsam_{tk.prefix}…</code>
                </td>
                <td>{when(tk.createdAt)}</td>
                <td>{when(tk.expiresAt)}</td>
                <td>{when(tk.lastUsedAt)}</td>
                <td data-testid="token-state">{t(`states.${tk.state}`)}</td>
                <td>{tk.state === "active" ? <RevokeButton id={tk.id} name={tk.name} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
