// Every interface text lives in one pair of files per namespace:
// messages/features/<namespace>.<locale>.json, one top-level key each (the namespace, kebab-cased in the
// file name). Rule messages stay next to their rules in src/domain/**/*.messages.ts and are served under
// "errors" (domain-messages.ts). The mail texts (mail, notify-mail) are not interface texts: the server's
// mail modules read them. tests/unit/i18n/catalogue-parity.test.ts checks every pair is listed here.
import accountEn from "./messages/features/account.en.json";
import accountFr from "./messages/features/account.fr.json";
import adminEn from "./messages/features/admin.en.json";
import adminFr from "./messages/features/admin.fr.json";
import apiTokensEn from "./messages/features/api-tokens.en.json";
import apiTokensFr from "./messages/features/api-tokens.fr.json";
import appEn from "./messages/features/app.en.json";
import appFr from "./messages/features/app.fr.json";
import auditTrailEn from "./messages/features/audit-trail.en.json";
import auditTrailFr from "./messages/features/audit-trail.fr.json";
import caseFormEn from "./messages/features/case-form.en.json";
import caseFormFr from "./messages/features/case-form.fr.json";
import casesEn from "./messages/features/cases.en.json";
import casesFr from "./messages/features/cases.fr.json";
import collabEn from "./messages/features/collab.en.json";
import collabFr from "./messages/features/collab.fr.json";
import commonEn from "./messages/features/common.en.json";
import commonFr from "./messages/features/common.fr.json";
import dashboardEn from "./messages/features/dashboard.en.json";
import dashboardFr from "./messages/features/dashboard.fr.json";
import errorPageEn from "./messages/features/error-page.en.json";
import errorPageFr from "./messages/features/error-page.fr.json";
import errorsEn from "./messages/features/errors.en.json";
import errorsFr from "./messages/features/errors.fr.json";
import exportsEn from "./messages/features/exports.en.json";
import exportsFr from "./messages/features/exports.fr.json";
import formEn from "./messages/features/form.en.json";
import formFr from "./messages/features/form.fr.json";
import historyEn from "./messages/features/history.en.json";
import historyFr from "./messages/features/history.fr.json";
import homeEn from "./messages/features/home.en.json";
import homeFr from "./messages/features/home.fr.json";
import identifierFindingsEn from "./messages/features/identifier-findings.en.json";
import identifierFindingsFr from "./messages/features/identifier-findings.fr.json";
import importsEn from "./messages/features/imports.en.json";
import importsFr from "./messages/features/imports.fr.json";
import inviteEn from "./messages/features/invite.en.json";
import inviteFr from "./messages/features/invite.fr.json";
import loginEn from "./messages/features/login.en.json";
import loginFr from "./messages/features/login.fr.json";
import mfaEn from "./messages/features/mfa.en.json";
import mfaFr from "./messages/features/mfa.fr.json";
import navEn from "./messages/features/nav.en.json";
import navFr from "./messages/features/nav.fr.json";
import outboxEn from "./messages/features/outbox.en.json";
import outboxFr from "./messages/features/outbox.fr.json";
import prefillEn from "./messages/features/prefill.en.json";
import prefillFr from "./messages/features/prefill.fr.json";
import printEn from "./messages/features/print.en.json";
import printFr from "./messages/features/print.fr.json";
import queriesEn from "./messages/features/queries.en.json";
import queriesFr from "./messages/features/queries.fr.json";
import rolesEn from "./messages/features/roles.en.json";
import rolesFr from "./messages/features/roles.fr.json";
import securityEn from "./messages/features/security.en.json";
import securityFr from "./messages/features/security.fr.json";
import statusEn from "./messages/features/status.en.json";
import statusFr from "./messages/features/status.fr.json";
import studyEn from "./messages/features/study.en.json";
import studyFr from "./messages/features/study.fr.json";
import usersEn from "./messages/features/users.en.json";
import usersFr from "./messages/features/users.fr.json";
import workflowEn from "./messages/features/workflow.en.json";
import workflowFr from "./messages/features/workflow.fr.json";
import type { Locale } from "./locales";

const CATALOGUES = {
  fr: [
    accountFr,
    adminFr,
    apiTokensFr,
    appFr,
    auditTrailFr,
    caseFormFr,
    casesFr,
    collabFr,
    commonFr,
    dashboardFr,
    errorPageFr,
    errorsFr,
    exportsFr,
    formFr,
    historyFr,
    homeFr,
    identifierFindingsFr,
    importsFr,
    inviteFr,
    loginFr,
    mfaFr,
    navFr,
    outboxFr,
    prefillFr,
    printFr,
    queriesFr,
    rolesFr,
    securityFr,
    statusFr,
    studyFr,
    usersFr,
    workflowFr,
  ],
  en: [
    accountEn,
    adminEn,
    apiTokensEn,
    appEn,
    auditTrailEn,
    caseFormEn,
    casesEn,
    collabEn,
    commonEn,
    dashboardEn,
    errorPageEn,
    errorsEn,
    exportsEn,
    formEn,
    historyEn,
    homeEn,
    identifierFindingsEn,
    importsEn,
    inviteEn,
    loginEn,
    mfaEn,
    navEn,
    outboxEn,
    prefillEn,
    printEn,
    queriesEn,
    rolesEn,
    securityEn,
    statusEn,
    studyEn,
    usersEn,
    workflowEn,
  ],
} as const;

/** Every interface namespace of `locale`, merged (each file holds one namespace). */
export function featureMessages(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...CATALOGUES[locale]);
}
