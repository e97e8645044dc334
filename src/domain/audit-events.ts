// Every audited action, as a typed union: what the app may write into the
// audit trail. Written in the same transaction as the change it records
// (src/server/audit.server.ts).
import type { CaseStatus } from "./lifecycle";
import type { Locale } from "./locale";
import type { Role } from "./roles";
import type { StudyDates } from "./study-calendar";
import type { RedactionTarget } from "./audit-chain";
import type { AmendmentOpName } from "./crf/versions/types";

export interface RedactionData {
  targets: RedactionTarget[];
  /** Answer paths whose text was redacted. */
  answers: string[];
  /** Query messages, value notes and outbox mails cleaned (ids). */
  queryMessageIds: string[];
  otherRows: Record<string, number>;
  /** "clinician": on the request of the including clinician (requestedById); "coordinator": the coordinator's own finding. */
  requestedBy: "clinician" | "coordinator";
  requestedById: string | null;
}

type MfaMethod = "totp" | "recovery_code" | "passkey";

interface Base {
  /** null for anonymous events (failed sign-in with an unknown e-mail). */
  actor: { id: string; role: Role; centreCode: string | null } | null;
  reason?: string;
}

export type AuditEventInput = Base &
  (
    | { type: "auth.sign_in"; data: { email: string } }
    // via "signature": a wrong password re-entered to sign a case counts as a failed sign-in (ADR 0011).
    | {
        type: "auth.sign_in_failed";
        caseId?: string;
        data: {
          email: string;
          cause: "unknown_user" | "bad_password" | "locked" | "inactive" | "no_password";
          via?: "signature";
          client?: string;
        };
      }
    // An account's sign-in is delayed after many failures from any client (a delay, told to the owner by mail).
    | { type: "auth.locked"; data: { email: string; until: string; failures?: number } }
    // A per-client or global attempt limit was reached (written once per window, not per refused attempt).
    | {
        type: "auth.throttled";
        data: {
          endpoint: "sign_in" | "password_reset" | "invitation";
          limit: "client" | "global" | "account_client";
          client: string;
          until: string;
        };
      }
    | { type: "auth.signed_out"; data: { email: string } }
    // Strong sign-in (ADR 0012): never a secret, a code or a key in the trail.
    | {
        type: "auth.mfa_verified";
        data: { email: string; method: MfaMethod | "enrolment"; firstFactor: "password" | "sso" };
      }
    | {
        type: "auth.mfa_failed";
        data: { email: string; method: MfaMethod; cause: "wrong" | "replayed" | "malformed" | "used" };
      }
    | { type: "auth.mfa_enrolled" | "auth.mfa_removed"; data: { method: "totp" | "passkey"; name?: string } }
    | { type: "auth.recovery_codes_renewed"; data: { count: number } }
    | {
        type: "user.mfa_reset";
        data: { userId: string; email: string; totp: boolean; passkeys: number; recoveryCodes: number };
      }
    | { type: "auth.sso_sign_in"; data: { email: string; issuer: string; linked: boolean; strongAtProvider: boolean } }
    | { type: "auth.sso_refused"; data: { issuer: string; email: string | null; cause: string } }
    | { type: "user.sso_linked" | "user.sso_unlinked"; data: { userId: string; email: string; issuer: string } }
    | { type: "auth.password_set"; data: { userId: string } }
    // Self-service "forgot password?": every request, whatever its outcome (the requester is always told the same).
    | {
        type: "auth.password_reset_requested";
        data: {
          email: string;
          outcome: "sent" | "unknown_user" | "inactive" | "rate_limited";
          expiresAt?: string;
          revokedLinks?: number;
        };
      }
    // monitoredCentres: a monitor's scope ("all" or centre codes).
    | {
        type: "user.created";
        data: {
          userId: string;
          email: string;
          role: Role;
          centreCode: string | null;
          monitoredCentres?: "all" | string[];
        };
      }
    | { type: "user.invited"; data: { userId: string; expiresAt: string } }
    | {
        type: "case.created";
        caseId: string;
        data: { initials: string; birthDate: string; centreCode: string; eligibility: Record<string, string> };
      }
    | {
        type: "case.field_changed";
        caseId: string;
        fieldPath: string;
        oldValue: unknown;
        newValue: unknown;
        // The value came from a proposal of the pre-fill panel, accepted by the user (never the text).
        data?: { source: "prefill" };
      }
    // An answer changed by a declared amendment of the form (npm run crf:migrate, ADR 0021): replayed like a change.
    | {
        type: "case.answer_migrated";
        caseId: string;
        fieldPath: string;
        oldValue: unknown;
        newValue: unknown;
        data: { amendment: string; from: string; op: AmendmentOpName };
      }
    | { type: "case.identifier_blocked"; caseId: string; fieldPath: string; data: { kinds: string[] } }
    // previousSignatureId: a signature again, after the answers changed since that one.
    | {
        type: "case.signed";
        caseId: string;
        data: { signatureId: string; answersHash: string; version: number; previousSignatureId?: string };
      }
    | { type: "case.status_changed"; caseId: string; oldValue: CaseStatus; newValue: CaseStatus }
    | {
        type: "query.raised" | "query.answered" | "query.closed" | "query.reopened";
        caseId: string;
        fieldPath: string | null;
        data: { queryId: string; message: string };
      }
    | { type: "export.run"; data: { format: string; cases: number; options: Record<string, unknown> } }
    // Printing discloses data like an export does: a filled case, or a centre's correspondence list.
    | { type: "case.printed"; caseId: string; data: { lang: Locale; status: CaseStatus } }
    | { type: "print.correspondence"; data: { centreCode: string; cases: number } }
    | { type: "user.disabled" | "user.enabled"; data: { userId: string; email: string } }
    | {
        type: "user.reinvited" | "user.password_reset";
        data: { userId: string; email: string; expiresAt: string; revokedLinks: number };
      }
    | {
        type: "user.unlocked";
        data: { userId: string; email: string; lockedUntil: string | null; failedAttempts: number };
      }
    // ADR 0016: a user's notification preferences; a note attached to a value (the note's text, scanned by the identifier guard).
    | { type: "user.notification_prefs_changed"; data: { notifyMode: string; muteNonEssential: boolean } }
    | { type: "case.note_added"; caseId: string; fieldPath: string; data: { noteId: string; message: string } }
    | {
        type: "question.asked" | "question.answered" | "question.closed";
        caseId: string;
        fieldPath: string | null;
        data: { questionId: string; message: string };
      }
    | { type: "centre.created"; data: { centreId: string; code: string; name: string; city: string } }
    // The calendar as stored (YYYY-MM-DD, null = the protocol's default).
    | { type: "study.settings_changed"; oldValue: StudyDates | null; newValue: StudyDates }
    | { type: "study.validated_locked"; data: { count: number; caseIds: string[] } }
    // A redaction (ADR 0010): which columns of which events were blanked, with their text after redaction,
    // and how many other places were cleaned. Never the removed text; the reason is the coordinator's why.
    | { type: "audit.redacted"; caseId: string; reason: string; data: RedactionData }
    // The scripts API (ADR 0020): tokens, never their secret; each request with its outcome, never the data.
    | {
        type: "token.created";
        data: { tokenId: string; name: string; scopes: string[]; expiresAt: string; prefix: string };
      }
    // cause "sent_in_url": revoked by the API itself, the secret having been sent in an address (logged by proxies).
    | { type: "token.revoked"; data: { tokenId: string; name: string; ownerId: string; cause?: "sent_in_url" } }
    | {
        type: "api.request";
        data: {
          tokenId: string | null;
          endpoint: string;
          status: number;
          rows: number;
          /** Why a request was refused: "unknown_token", "expired", "revoked", "owner_inactive", "scope", "rate", "token_in_url". */
          refusal?: string;
          client?: string;
        };
      }
  );
