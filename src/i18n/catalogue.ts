import { domainErrorMessages } from "./domain-messages";
import { featureMessages } from "./feature-messages";
import type { Locale } from "./locales";

/**
 * The whole message catalogue of one language, as next-intl reads it: every interface namespace
 * (features/*.json) with the domain's rule messages merged into "errors". The one place both are
 * joined, for the request configuration and for the printed form's own translator.
 */
export function catalogue(locale: Locale): Record<string, unknown> {
  const features = featureMessages(locale);
  const errors = (features.errors ?? {}) as Record<string, unknown>;
  return { ...features, errors: { ...errors, ...domainErrorMessages(locale) } };
}
