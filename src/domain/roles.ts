// Who may do what: the study's three roles and the permission matrix that
// every server action and page checks (src/server/access.server.ts).

export const ROLES = ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "case.list",
  "case.read",
  "case.create",
  "case.edit",
  "case.sign",
  "case.review",
  "user.manage",
  "centre.manage",
  "outbox.read",
  "study.manage",
  "dashboard.view",
  "export.run",
  "print.blank",
  "print.correspondence",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Readonly<Record<Permission, readonly Role[]>> = {
  "case.list": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
  "case.read": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
  // Coordinators review but never enter or edit clinical answers.
  "case.create": ["CLINICIAN", "RESEARCH_ASSISTANT"],
  "case.edit": ["CLINICIAN", "RESEARCH_ASSISTANT"],
  // Only the clinician in charge signs (protocol: research assistants fill with the clinician).
  "case.sign": ["CLINICIAN"],
  "case.review": ["COORDINATOR"],
  "user.manage": ["COORDINATOR"],
  "centre.manage": ["COORDINATOR"],
  "outbox.read": ["COORDINATOR"],
  "study.manage": ["COORDINATOR"],
  "dashboard.view": ["COORDINATOR"],
  // Exports hold every centre's data: coordinators only, each one audited.
  "export.run": ["COORDINATOR"],
  "print.blank": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
  // The centre's own list of record ids, to keep on paper with the patients' identities.
  "print.correspondence": ["CLINICIAN", "RESEARCH_ASSISTANT", "COORDINATOR"],
};

export function can(role: Role, permission: Permission): boolean {
  return MATRIX[permission].includes(role);
}

/** Clinicians and research assistants work within one centre; coordinators see all. */
export function isCentreScoped(role: Role): boolean {
  return role !== "COORDINATOR";
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
