// Who may do what: the study's roles and the permission matrix that every
// server action and page checks (src/server/access.server.ts). Monitors
// (all centres or a list of them) read cases and raise/close queries;
// statisticians see the dashboard and run exports, never a case (ADR 0016).

export const ROLES = ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR", "MONITOR", "STATISTICIAN"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "case.list",
  "case.read",
  "case.create",
  "case.edit",
  "case.sign",
  "case.review",
  "query.manage",
  "user.manage",
  "centre.manage",
  "outbox.read",
  "study.manage",
  "dashboard.view",
  "export.run",
  "print.blank",
  "print.correspondence",
  "notifications.own",
  "case.redact",
  "question.ask",
  "question.answer",
  "case.import",
  "api.token",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Readonly<Record<Permission, readonly Role[]>> = {
  "case.list": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR", "MONITOR"],
  "case.read": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR", "MONITOR"],
  // Coordinators review but never enter or edit clinical answers.
  "case.create": ["CLINICIAN", "RESEARCH_ASSISTANT"],
  "case.edit": ["CLINICIAN", "RESEARCH_ASSISTANT"],
  // Only the clinician in charge signs (protocol: research assistants fill with the clinician).
  "case.sign": ["CLINICIAN"],
  // Validation, locking, duplicates and identifier-guard counts: the coordinating centre only.
  "case.review": ["COORDINATOR"],
  // Raising, closing and reopening queries: coordinators and monitors (source data verification).
  "query.manage": ["COORDINATOR", "MONITOR"],
  "user.manage": ["COORDINATOR"],
  "centre.manage": ["COORDINATOR"],
  "outbox.read": ["COORDINATOR"],
  "study.manage": ["COORDINATOR"],
  "dashboard.view": ["COORDINATOR", "STATISTICIAN"],
  // Exports hold every centre's data: coordinators and the statistician, each one audited.
  "export.run": ["COORDINATOR", "STATISTICIAN"],
  "print.blank": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR", "MONITOR"],
  // The centre's own list of record ids, to keep on paper with the patients' identities.
  "print.correspondence": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
  // One's own notification preferences and list.
  "notifications.own": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR", "MONITOR", "STATISTICIAN"],
  // Questions from centres to the coordinating centre (the other direction of a query).
  "question.ask": ["CLINICIAN", "RESEARCH_ASSISTANT"],
  "question.answer": ["COORDINATOR"],
  // Removing an identifier from a case and its trail (ADR 0010): the coordinator, on the including
  // clinician's request or their own finding; the clinician sees it in the history.
  "case.redact": ["COORDINATOR"],
  // Bulk import of cases in the export's wide format, as drafts: centre users into their centre, the
  // coordinator into the centre they choose (docs/exports.md).
  "case.import": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
  // Tokens for scripts (ADR 0020): the roles that may export hold them for their own scripts; a token
  // reaches no more than its owner's role at the time of each request (src/domain/api/policy.ts).
  "api.token": ["COORDINATOR", "STATISTICIAN"],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[permission].includes(role);
}

/** Clinicians and research assistants work within their one centre (monitors: see monitorsSomeCentres). */
export function isCentreScoped(role: Role): boolean {
  return role === "CLINICIAN" || role === "RESEARCH_ASSISTANT";
}

/** Monitors see all centres or a list of them (Actor.monitorScope). */
export function monitorsSomeCentres(role: Role): boolean {
  return role === "MONITOR";
}
