// Every audited action, as a typed union: what the app may write into the
// audit trail. Written in the same transaction as the change it records
// (src/server/audit.server.ts).
import type { CaseStatus } from "./lifecycle";
import type { Role } from "./roles";
import type { StudyDates } from "./study-calendar";

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
    | { type: "auth.signed_out"; data: { email: string } }
    | { type: "auth.password_set"; data: { userId: string } }
    // Self-service "forgot password?": every request, whatever its outcome (the requester is always told the same).
    | { type: "auth.password_reset_requested"; data: { email: string; outcome: "sent" | "unknown_user" | "inactive" | "rate_limited"; expiresAt?: string; revokedLinks?: number } }
    | { type: "user.created"; data: { userId: string; email: string; role: Role; centreCode: string | null } }
    | { type: "user.invited"; data: { userId: string; expiresAt: string } }
    | { type: "case.created"; caseId: string; data: { initials: string; birthDate: string; centreCode: string; eligibility: Record<string, string> } }
    | { type: "case.field_changed"; caseId: string; fieldPath: string; oldValue: unknown; newValue: unknown }
    | { type: "case.identifier_blocked"; caseId: string; fieldPath: string; data: { kinds: string[] } }
    // previousSignatureId: a signature again, after the answers changed since that one.
    | { type: "case.signed"; caseId: string; data: { signatureId: string; answersHash: string; version: number; previousSignatureId?: string } }
    | { type: "case.status_changed"; caseId: string; oldValue: CaseStatus; newValue: CaseStatus }
    | { type: "query.raised" | "query.answered" | "query.closed" | "query.reopened"; caseId: string; fieldPath: string | null; data: { queryId: string; message: string } }
    | { type: "export.run"; data: { format: string; cases: number; options: Record<string, unknown> } }
    // Printing discloses data like an export does: a filled case, or a centre's correspondence list.
    | { type: "case.printed"; caseId: string; data: { lang: "fr" | "en"; status: CaseStatus } }
    | { type: "print.correspondence"; data: { centreCode: string; cases: number } }
    | { type: "user.disabled" | "user.enabled"; data: { userId: string; email: string } }
    | { type: "user.reinvited" | "user.password_reset"; data: { userId: string; email: string; expiresAt: string; revokedLinks: number } }
    | { type: "user.unlocked"; data: { userId: string; email: string; lockedUntil: string | null; failedAttempts: number } }
    | { type: "centre.created"; data: { centreId: string; code: string; name: string; city: string } }
    // The calendar as stored (YYYY-MM-DD, null = the protocol's default).
    | { type: "study.settings_changed"; oldValue: StudyDates | null; newValue: StudyDates }
    | { type: "study.validated_locked"; data: { count: number; caseIds: string[] } }
  );

export type AuditEventType = AuditEventInput["type"];
