import "server-only";
// The API's refusals as RFC 9457 problem details, in the caller's language
// (Accept-Language, French by default as for the rest of the app), with a
// stable `code` for scripts to test. Never the data, never a stack.
import { apiMessage, type ApiProblemKey } from "@/domain/api/api.messages";
import type { Locale } from "@/domain/locale";

/** A refusal raised by an endpoint's body (bad paging, unknown block…). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: ApiProblemKey,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = "ApiProblem";
  }
}

/** The preferred of French and English in an Accept-Language header (French when neither is asked for). */
export function langOf(acceptLanguage: string | null): Locale {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...rest] = part.trim().toLowerCase().split(";");
      const q = rest.map((r) => /^\s*q=([0-9.]+)\s*$/.exec(r)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0 && (x.tag.startsWith("fr") || x.tag.startsWith("en")))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.tag.startsWith("en") ? "en" : "fr";
}

export const NO_STORE: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

export function problemResponse(
  lang: Locale,
  problem: ApiProblem,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const body = {
    type: "about:blank",
    title: problem.code,
    status: problem.status,
    code: problem.code,
    detail: apiMessage(lang, problem.key, problem.params),
    ...(problem.field ? { field: problem.field } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      ...NO_STORE,
      "Content-Type": "application/problem+json; charset=utf-8",
      "Content-Language": lang,
      ...headers,
    },
  });
}
