import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/language-switch";
import { SignOutButton } from "@/components/sign-out-button";
import { can } from "@/domain/roles";
import { db } from "@/server/db/db.server";
import { getActor } from "@/server/session.server";
import { entryOpenFor } from "@/server/study.server";
import "./globals.css";
import { setLocaleAction } from "./locale-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("title"), description: t("subtitle"), robots: { index: false, follow: false } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations();
  const actor = await getActor();
  // The same rule as the home page's button and /cases/new: after the closing date and grace period, no "new case".
  const mayCreate = actor !== null && can(actor.role, "case.create") && (await entryOpenFor(db(), actor)).open;
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <a className="skip-link" href="#main">
            {t("app.skipToContent")}
          </a>
          <header className="topbar">
            <Link href="/" className="brand">
              {t("app.title")}
            </Link>
            {actor ? (
              <nav aria-label={t("app.title")} className="topnav">
                <Link href="/">{t("nav.home")}</Link>
                {mayCreate ? <Link href="/cases/new">{t("nav.newCase")}</Link> : null}
                {can(actor.role, "case.list") ? <Link href="/queries">{t("nav.queries")}</Link> : null}
                {can(actor.role, "dashboard.view") ? <Link href="/dashboard">{t("nav.dashboard")}</Link> : null}
                {can(actor.role, "export.run") ? <Link href="/exports">{t("nav.exports")}</Link> : null}
                {can(actor.role, "case.import") ? <Link href="/imports">{t("nav.imports")}</Link> : null}
                {can(actor.role, "print.blank") ? <Link href="/print">{t("nav.print")}</Link> : null}
                {can(actor.role, "study.manage") ? <Link href="/admin/study">{t("nav.study")}</Link> : null}
                {can(actor.role, "user.manage") ? <Link href="/admin/users">{t("nav.users")}</Link> : null}
                {can(actor.role, "centre.manage") ? <Link href="/admin/centres">{t("nav.centres")}</Link> : null}
                {can(actor.role, "outbox.read") ? <Link href="/admin/outbox">{t("nav.outbox")}</Link> : null}
                {can(actor.role, "case.review") ? <Link href="/admin/audit">{t("auditTrail.nav")}</Link> : null}
                {can(actor.role, "user.manage") ? <Link href="/admin/second-factors">{t("mfa.nav.admin")}</Link> : null}
                {can(actor.role, "api.token") ? <Link href="/account/tokens">{t("apiTokens.nav")}</Link> : null}
                <Link href="/account/security">{t("mfa.nav.account")}</Link>
                <Link href="/notifications">{t("collab.nav.notifications")}</Link>
              </nav>
            ) : null}
            <div className="topbar-right">
              {actor ? (
                <span className="whoami" data-testid="whoami">
                  {t("nav.signedInAs", { name: actor.displayName, role: t(`roles.${actor.role}`) })}
                  {actor.centreCode ? ` · ${actor.centreCode}` : ""}
                </span>
              ) : null}
              <LanguageSwitch setLocaleAction={setLocaleAction} />
              {actor ? <SignOutButton /> : null}
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
