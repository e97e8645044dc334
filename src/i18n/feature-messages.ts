// Each feature keeps its interface texts in its own pair of files
// (messages/features/<feature>.<locale>.json, one top-level namespace each).
// The mail texts (mail.<locale>.json) are not interface texts: src/server/mail-templates.ts reads them.
import accountEn from "./messages/features/account.en.json";
import accountFr from "./messages/features/account.fr.json";
import auditTrailEn from "./messages/features/audit-trail.en.json";
import auditTrailFr from "./messages/features/audit-trail.fr.json";
import adminEn from "./messages/features/admin.en.json";
import adminFr from "./messages/features/admin.fr.json";
import collabEn from "./messages/features/collab.en.json";
import collabFr from "./messages/features/collab.fr.json";
import caseFormEn from "./messages/features/case-form.en.json";
import caseFormFr from "./messages/features/case-form.fr.json";
import dashboardEn from "./messages/features/dashboard.en.json";
import dashboardFr from "./messages/features/dashboard.fr.json";
import errorPageEn from "./messages/features/error-page.en.json";
import errorPageFr from "./messages/features/error-page.fr.json";
import exportsEn from "./messages/features/exports.en.json";
import exportsFr from "./messages/features/exports.fr.json";
import identifierFindingsEn from "./messages/features/identifier-findings.en.json";
import identifierFindingsFr from "./messages/features/identifier-findings.fr.json";
import importsEn from "./messages/features/imports.en.json";
import importsFr from "./messages/features/imports.fr.json";
import mfaEn from "./messages/features/mfa.en.json";
import mfaFr from "./messages/features/mfa.fr.json";
import prefillEn from "./messages/features/prefill.en.json";
import prefillFr from "./messages/features/prefill.fr.json";
import printEn from "./messages/features/print.en.json";
import printFr from "./messages/features/print.fr.json";
import securityEn from "./messages/features/security.en.json";
import securityFr from "./messages/features/security.fr.json";
import studyEn from "./messages/features/study.en.json";
import studyFr from "./messages/features/study.fr.json";
import type { Locale } from "./locales";

const CATALOGUES = {
  fr: [
    accountFr,
    auditTrailFr,
    adminFr,
    caseFormFr,
    collabFr,
    dashboardFr,
    errorPageFr,
    exportsFr,
    identifierFindingsFr,
    importsFr,
    mfaFr,
    prefillFr,
    printFr,
    securityFr,
    studyFr,
  ],
  en: [
    accountEn,
    auditTrailEn,
    adminEn,
    caseFormEn,
    collabEn,
    dashboardEn,
    errorPageEn,
    exportsEn,
    identifierFindingsEn,
    importsEn,
    mfaEn,
    prefillEn,
    printEn,
    securityEn,
    studyEn,
  ],
} as const;

export function featureMessages(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...CATALOGUES[locale]);
}
