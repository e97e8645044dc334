"use client";
// The last resort, when the root layout itself failed (the database is down,
// say): it replaces the whole document, so it brings its own <html>, styles
// and texts, and needs nothing from the server. The language is this
// browser's choice (the language cookie), else French.
import { useSyncExternalStore } from "react";
import { LOCALE_COOKIE, parseLocale, type Locale } from "@/i18n/locales";
import en from "@/i18n/messages/features/error-page.en.json";
import fr from "@/i18n/messages/features/error-page.fr.json";
import "./globals.css";

const TEXTS = { fr: fr.errorPage, en: en.errorPage } as const;

function cookieLocale(): Locale {
  const value = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return parseLocale(value) ?? "fr";
}

const noSubscription = () => () => {};

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  // French on the server and while hydrating, then the cookie's language: no hydration mismatch.
  const locale = useSyncExternalStore(noSubscription, cookieLocale, (): Locale => "fr");
  const t = TEXTS[locale];
  return (
    <html lang={locale}>
      <body>
        <main id="main">
          <section className="panel" data-testid="error-page">
            <h1>{t.title}</h1>
            <p>{t.text}</p>
            {error.digest ? <p className="help">{t.reference.replace("{digest}", error.digest)}</p> : null}
            <p className="button-row">
              <button type="button" className="button" onClick={() => retry()}>
                {t.retry}
              </button>
              {/* A full page load: the app's client state may be what failed. */}
              <a href="/">{t.home}</a>
            </p>
          </section>
        </main>
      </body>
    </html>
  );
}
