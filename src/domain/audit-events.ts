// Every audited action, as a typed union: what the app may write into the
// audit trail. Written in the same transaction as the change it records
// (src/server/audit.server.ts).
import type { CaseStatus } from "./lifecycle";
import type { Role } from "./roles";

interface Base {
  /** null for anonymous events (failed sign-in with an unknown e-mail). */
  actor: { id: string; role: Role; centreCode: string | null } | null;
  reason?: string;
}

export type AuditEventInput = Base &
  (
    | { type: "auth.sign_in"; data: { email: string } }
    | { type: "auth.sign_in_failed"; data: { email: string; cause: "unknown_user" | "bad_password" | "locked" | "inactive" | "no_password" } }
    | { type: "auth.locked"; data: { email: string; until: string } }
    | { type: "auth.password_set"; data: { userId: string } }
    | { type: "user.created"; data: { userId: string; email: string; role: Role; centreCode: string | null } }
    | { type: "user.invited"; data: { userId: string; expiresAt: string } }
    | { type: "case.created"; caseId: string; data: { initials: string; birthDate: string; centreCode: string; eligibility: Record<string, string> } }
    | { type: "case.field_changed"; caseId: string; fieldPath: string; oldValue: unknown; newValue: unknown }
    | { type: "case.identifier_blocked"; caseId: string; fieldPath: string; data: { kinds: string[] } }
    | { type: "case.signed"; caseId: string; data: { signatureId: string; answersHash: string; version: number } }
    | { type: "case.status_changed"; caseId: string; oldValue: CaseStatus; newValue: CaseStatus }
    | { type: "query.raised" | "query.answered" | "query.closed" | "query.reopened"; caseId: string; fieldPath: string | null; data: { queryId: string; message: string } }
  );

export type AuditEventType = AuditEventInput["type"];
