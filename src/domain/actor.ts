import type { Role } from "./roles";

/** The signed-in user as every server check sees them (reloaded from the database per request). */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** null only for coordinators. */
  centreId: string | null;
  centreCode: string | null;
}
