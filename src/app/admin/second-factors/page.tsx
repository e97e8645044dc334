import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { can } from "@/domain/roles";
import { listSecondFactors } from "@/server/auth/mfa-admin.server";
import { ssoConfigured } from "@/server/auth/oidc.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";
import { SecondFactorsAdmin } from "./second-factors-admin";

// Access: coordinators only ("user.manage", checked in listSecondFactors and in each action's server function).
export default async function SecondFactorsPage() {
  const actor = await requireActor();
  if (!can(actor.role, "user.manage")) notFound();
  const users = await listSecondFactors(db(), actor);
  const t = await getTranslations();
  return (
    <section className="panel">
      <h1>{t("mfa.admin.title")}</h1>
      <p>{t("mfa.admin.intro")}</p>
      <SecondFactorsAdmin
        sso={ssoConfigured()}
        rows={users.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: u.displayName,
          roleLabel: t(`roles.${u.role}`),
          required: u.required,
          totp: u.totp,
          passkeys: u.passkeys,
          recoveryLeft: u.recoveryLeft,
          ssoLinked: u.ssoLinked,
          isSelf: u.id === actor.id,
        }))}
      />
    </section>
  );
}
