// Who must use a second factor, and what the sign-in asks for after the first
// factor. Coordinators always (they manage accounts and every centre's data);
// other roles as the deployment configures (MFA_REQUIRED_ROLES, ADR 0012).
import { ROLES, type Role } from "@/domain/roles";

export const ALWAYS_REQUIRED: readonly Role[] = ["COORDINATOR"];

/** Parses MFA_REQUIRED_ROLES ("CLINICIAN,MONITOR"; "all" for every role). Unknown names are reported, not ignored. */
export function parseRequiredRoles(raw: string | undefined): { roles: Role[]; unknown: string[] } {
  const names = (raw ?? "")
    .split(",")
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (names.includes("ALL")) return { roles: [...ROLES], unknown: [] };
  const roles = new Set<Role>(ALWAYS_REQUIRED);
  const unknown: string[] = [];
  for (const name of names) {
    if ((ROLES as readonly string[]).includes(name)) roles.add(name as Role);
    else unknown.push(name);
  }
  return { roles: [...roles], unknown };
}

export function secondFactorRequired(role: Role, requiredRoles: readonly Role[]): boolean {
  return ALWAYS_REQUIRED.includes(role) || requiredRoles.includes(role);
}

export interface EnrolledFactors {
  totp: boolean;
  passkeys: number;
}

export function hasSecondFactor(factors: EnrolledFactors): boolean {
  return factors.totp || factors.passkeys > 0;
}

/**
 * After the first factor: a user with a second factor is always asked for it
 * (enrolling one voluntarily is a promise to be asked); a user who must have
 * one and has none enrols it before the session begins; others are done.
 */
export function stepAfterFirstFactor(
  role: Role,
  requiredRoles: readonly Role[],
  factors: EnrolledFactors,
): "none" | "verify" | "enrol" {
  if (hasSecondFactor(factors)) return "verify";
  return secondFactorRequired(role, requiredRoles) ? "enrol" : "none";
}

/** A user may remove their last factor only when their role does not require one. */
export function mayRemoveFactor(role: Role, requiredRoles: readonly Role[], remaining: EnrolledFactors): boolean {
  return hasSecondFactor(remaining) || !secondFactorRequired(role, requiredRoles);
}
