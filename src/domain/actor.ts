import type { Role } from "./roles";

/** The signed-in user as every server check sees them (reloaded from the database per request). */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** The user's own centre: clinicians and research assistants only (null for the other roles). */
  centreId: string | null;
  centreCode: string | null;
  /** Monitors only: every centre, or the ids of the centres they monitor (absent: the monitor sees nothing). */
  monitorScope?: "all" | readonly string[];
}
