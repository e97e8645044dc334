// The life of a case (spec §7): draft → submitted (signed) → queried while a
// query is open → validated → locked. Who may change what, in which state.
import type { Role } from "./roles";

export const CASE_STATUSES = ["DRAFT", "SUBMITTED", "QUERIED", "VALIDATED", "LOCKED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function isCaseStatus(v: unknown): v is CaseStatus {
  return typeof v === "string" && (CASE_STATUSES as readonly string[]).includes(v);
}

/** Centre users edit until validation; coordinators never edit clinical answers. */
export function canEditAnswers(status: CaseStatus, role: Role): boolean {
  return role !== "COORDINATOR" && (status === "DRAFT" || status === "SUBMITTED" || status === "QUERIED");
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

export const REASON_MAX = 500;
