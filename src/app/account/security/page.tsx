import { getFormatter, getTranslations } from "next-intl/server";
import { securityOverview } from "@/server/auth/account-security.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { SecurityPanel } from "./security-panel";

// Access: every signed-in user, their own second factors only.
export default async function AccountSecurityPage() {
  const actor = await requireActor();
  const overview = await securityOverview(db(), actor);
  const t = await getTranslations("mfa.account");
  const format = await getFormatter();
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "short", timeStyle: "short" }) : null);
  return (
    <section className="panel">
      <h1>{t("title")}</h1>
      <p data-testid="mfa-requirement">{overview.required ? t("required") : t("optional")}</p>
      {overview.ssoLinked ? <p>{t("ssoLinked")}</p> : null}
      <SecurityPanel
        totpSince={when(overview.totp)}
        recoveryLeft={overview.recoveryLeft}
        passkeys={overview.passkeys.map((p) => ({
          id: p.id,
          name: p.name,
          createdAt: when(p.createdAt)!,
          lastUsedAt: when(p.lastUsedAt),
        }))}
      />
    </section>
  );
}
