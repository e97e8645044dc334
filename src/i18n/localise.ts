import type { MessageParam } from "@/domain/messages";
import type { Locale } from "./locales";

/** Message parameters with every bilingual label resolved to the reader's language. */
export function localiseParams(
  params: Record<string, MessageParam> | undefined,
  locale: Locale,
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params))
    out[k] = typeof v === "object" ? v[locale] : locale === "fr" ? frenchDate(v) : v;
  return out;
}

/** An ISO date in a French sentence is written jj/mm/aaaa (mm/aaaa for a month), as the form's inputs are. */
function frenchDate<T extends string | number>(v: T): T | string {
  if (typeof v !== "string") return v;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
  if (!m) return v;
  return m[3] ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[1]}`;
}
