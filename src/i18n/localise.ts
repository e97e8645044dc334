import type { MessageParam } from "@/domain/messages";
import type { Locale } from "./locales";

/** Message parameters with every bilingual label resolved to the reader's language. */
export function localiseParams(params: Record<string, MessageParam> | undefined, locale: Locale): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === "object" ? v[locale] : v;
  return out;
}
