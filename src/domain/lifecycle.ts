// The life of a case (spec §7): draft → submitted (signed) → queried while a
// query is open → validated → locked. Who may change what, in which state.
import { can, type Role } from "./roles";

export const CASE_STATUSES = ["DRAFT", "SUBMITTED", "QUERIED", "VALIDATED", "LOCKED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function isCaseStatus(v: unknown): v is CaseStatus {
  return typeof v === "string" && (CASE_STATUSES as readonly string[]).includes(v);
}

/** A stored status as the app reads it: an unknown one (a hand edit, a newer version's) is LOCKED, so nothing changes the case. */
export function caseStatusOf(v: unknown): CaseStatus {
  return isCaseStatus(v) ? v : "LOCKED";
}

/** Centre users edit until validation; coordinators and monitors never edit clinical answers. */
export function canEditAnswers(status: CaseStatus, role: Role): boolean {
  return can(role, "case.edit") && (status === "DRAFT" || status === "SUBMITTED" || status === "QUERIED");
}

/** Any change after submission needs a reason for change (spec §7). */
export function changeNeedsReason(status: CaseStatus): boolean {
  return status !== "DRAFT";
}

/** A clinician signs a draft, or signs again after corrections. */
export function canSign(status: CaseStatus): boolean {
  return status === "DRAFT" || status === "SUBMITTED" || status === "QUERIED";
}

export function canRaiseQuery(status: CaseStatus): boolean {
  return status === "SUBMITTED" || status === "QUERIED" || status === "VALIDATED";
}

export function canValidate(status: CaseStatus, openQueries: number): boolean {
  return status === "SUBMITTED" && openQueries === 0;
}

/**
 * What a signature still vouches for: a case is validated only with the
 * answers its last signature covers. Any change after signing (a correction
 * in answer to a query, with its reason) needs the clinician to sign again.
 */
export type SignatureState = "none" | "current" | "stale";

export function signatureState(lastSignedHash: string | null, currentHash: string): SignatureState {
  if (lastSignedHash === null) return "none";
  return lastSignedHash === currentHash ? "current" : "stale";
}

/**
 * May the clinician sign now? A draft the first time; afterwards only again
 * when the answers changed since the last signature (signing the same answers
 * twice would attest nothing new).
 */
export function canSignNow(status: CaseStatus, signature: SignatureState): boolean {
  return canSign(status) && signature !== "current";
}

/**
 * After the study's closing (and grace period) a centre user may still change
 * what an OPEN query points at, and nothing else (ADR 0007): a query on a
 * field covers that field; on a repeating block ("infections") or one of its
 * rows ("infections.<row>") everything beneath it; on the whole case (no
 * field) the whole case. Answered and closed queries open nothing.
 */
export function queryCovers(queryPath: string | null, changedPath: string): boolean {
  if (queryPath === null || queryPath === "") return true;
  return changedPath === queryPath || changedPath.startsWith(`${queryPath}.`);
}

/** The changed paths that no open query covers (empty: the change is allowed after closing). */
export function pathsOutsideQueries(
  openQueryPaths: readonly (string | null)[],
  changedPaths: readonly string[],
): string[] {
  return changedPaths.filter((path) => !openQueryPaths.some((q) => queryCovers(q, path)));
}

export const REASON_MAX = 500;
