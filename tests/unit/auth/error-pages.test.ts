import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ErrorPage from "@/app/error";
import GlobalError from "@/app/global-error";
import type { Locale } from "@/domain/locale";
import en from "@/i18n/messages/features/error-page.en.json";
import fr from "@/i18n/messages/features/error-page.fr.json";

const failure = Object.assign(new Error("SQLITE_ERROR: no such table: User at /work/main/src/server/db.ts:12"), {
  digest: "4171958215",
});
const noop = () => {};

function renderPage(locale: Locale): string {
  const messages = locale === "fr" ? fr : en;
  const page = createElement(ErrorPage, { error: failure, retry: noop });
  const props = { locale, messages, timeZone: "Europe/Paris" };
  // biome-ignore lint/correctness/noChildrenProp: NextIntlClientProvider's props type requires children.
  const provider = createElement(NextIntlClientProvider, { ...props, children: page });
  return renderToStaticMarkup(provider);
}

describe("the error pages", () => {
  it("say what happened in French or English, give the reference, a retry and a way home — never the error itself", () => {
    const html = renderPage("fr");
    expect(html).toContain("Une erreur inattendue est survenue");
    expect(html).toContain("Référence de l’erreur : 4171958215");
    expect(html).toContain(">Réessayer</button>");
    expect(html).toMatch(/<a href="\/">Retour à l’accueil<\/a>/);
    const english = renderPage("en");
    expect(english).toContain("An unexpected error occurred");
    expect(english).toContain(">Try again</button>");
    expect(english).toContain(">Back to home</a>");
    for (const page of [html, english]) {
      expect(page).not.toContain("SQLITE_ERROR");
      expect(page).not.toContain("/work/main");
    }
  });

  it("the root fallback brings its own document, in French until the browser's choice is known", () => {
    const html = renderToStaticMarkup(createElement(GlobalError, { error: failure, retry: noop }));
    expect(html).toMatch(/^<html lang="fr">/);
    expect(html).toContain("<h1>Une erreur inattendue est survenue</h1>");
    expect(html).toContain("Référence de l’erreur : 4171958215");
    expect(html).toContain('<a href="/">Retour à l’accueil</a>');
    expect(html).not.toContain("no such table");
  });
});
