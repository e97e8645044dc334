import { getTranslations } from "next-intl/server";
import { db } from "@/server/db/db.server";
import { invitationState } from "@/server/invitations.server";
import { InviteForm } from "./invite-form";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await invitationState(db(), token);
  const t = await getTranslations("invite");
  if (state.status !== "valid") {
    return (
      <section className="panel panel--narrow" data-testid={`invite-${state.status}`}>
        <h1>{t(`${state.status}Title`)}</h1>
        <p>{t(`${state.status}Text`)}</p>
      </section>
    );
  }
  return (
    <section className="panel panel--narrow">
      <h1>{t("title")}</h1>
      <p>{t("intro", { email: state.email })}</p>
      <InviteForm token={token} />
    </section>
  );
}
