// The domain's rule messages live next to the rules (*.messages.ts); they are
// served under the "errors" namespace with the app's own catalogue.
import { apiMessages } from "@/domain/api/api.messages";
import { collaborationMessages } from "@/domain/collaboration.messages";
import { crfMessages } from "@/domain/crf/crf.messages";
import { doseMessages } from "@/domain/doses";
import { identifierGuardMessages } from "@/domain/identifier-guard.messages";
import { importMessages } from "@/domain/import/import.messages";
import { lifecycleMessages } from "@/domain/lifecycle.messages";
import { mfaMessages } from "@/domain/mfa/mfa.messages";
import { redactionMessages } from "@/domain/redaction.messages";
import { securityMessages } from "@/domain/security.messages";
import { studyMessages } from "@/domain/study.messages";
import type { Locale } from "./locales";

export function domainErrorMessages(locale: Locale) {
  return {
    ...crfMessages[locale],
    ...doseMessages[locale],
    ...identifierGuardMessages[locale],
    ...studyMessages[locale],
    ...lifecycleMessages[locale],
    ...collaborationMessages[locale],
    ...securityMessages[locale],
    ...mfaMessages[locale],
    ...redactionMessages[locale],
    ...importMessages[locale],
    ...apiMessages[locale],
  };
}
