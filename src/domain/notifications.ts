// Who is told what, and how (ADR 0016). A workflow event of a case becomes one
// notification per person concerned: the centre (the including clinician, the
// clinician who signed, the centre's research assistants) for what asks them
// to act — a new query, a reopened one, a validated case sent back — and for a
// validation; the coordinators (and the monitor who raised the query) for an
// answer. Each person chooses immediate mails or a daily digest, and may mute
// the notifications that ask nothing of them (a validation). No clinical value
// and no message text ever goes into a notification: only what (the kind),
// where (case key, field) and a link.
import type { Role } from "./roles";

export const NOTIFICATION_KINDS = [
  "query_raised",
  "query_reopened",
  "case_sent_back",
  "query_answered",
  "case_validated",
  "question_asked",
  "question_answered",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFY_MODES = ["immediate", "digest"] as const;

/** Does the notification ask the recipient to do something? Only the others can be muted. */
export function isEssential(kind: NotificationKind): boolean {
  return kind !== "case_validated";
}

/** Whom the kind concerns: the centre of the case, or the people who review it. */
export function audienceOf(kind: NotificationKind): "centre" | "reviewers" {
  return kind === "query_answered" || kind === "question_asked" ? "reviewers" : "centre";
}

export interface Candidate {
  id: string;
  role: Role;
  active: boolean;
  /** The user's own centre (centre users). */
  centreId: string | null;
}

export interface CaseParties {
  centreId: string;
  /** Who created the case and who signed it last: "the including clinician" (or the assistant who entered it). */
  createdById: string;
  signedById: string | null;
  /** Who raised the query (a monitor is told of answers as well as the coordinators), or asked the centre's question. */
  queryRaisedById?: string | null;
}

/**
 * The recipients among the candidates: active accounts only, never the actor
 * (they know what they just did), each once.
 * - centre: the case's creator and last signer if still users of that centre, and every research assistant of it;
 * - reviewers: every coordinator, and the user who raised the query when that is a monitor.
 */
export function recipientsOf(
  kind: NotificationKind,
  parties: CaseParties,
  candidates: readonly Candidate[],
  actorId: string,
): string[] {
  const out = new Set<string>();
  for (const u of candidates) {
    if (!u.active || u.id === actorId) continue;
    if (audienceOf(kind) === "centre") {
      const ofCentre = u.centreId === parties.centreId && (u.role === "CLINICIAN" || u.role === "RESEARCH_ASSISTANT");
      // The asker of a centre's question is told of the answer too.
      const concerned = u.id === parties.createdById || u.id === parties.signedById || u.id === parties.queryRaisedById;
      if (ofCentre && (u.role === "RESEARCH_ASSISTANT" || concerned)) out.add(u.id);
    } else if (
      u.role === "COORDINATOR" ||
      (u.role === "MONITOR" && kind === "query_answered" && u.id === parties.queryRaisedById)
    ) {
      out.add(u.id);
    }
  }
  return [...out].sort();
}

export type Delivery = "queued" | "digest" | "muted";

/** How one notification reaches its recipient, by their preferences. */
export function deliveryFor(
  kind: NotificationKind,
  prefs: { notifyMode: string; muteNonEssential: boolean },
): Delivery {
  if (!isEssential(kind) && prefs.muteNonEssential) return "muted";
  return prefs.notifyMode === "digest" ? "digest" : "queued";
}

/** One event (a query message, a validation of one case version) for one recipient: unique, so a retry never notifies twice. */
export function notificationKey(eventId: string, userId: string): string {
  return `${eventId}|${userId}`;
}

/** Where the link points: the case, at the field when there is one. */
export function casePath(caseId: string, fieldPath: string | null): string {
  return `/cases/${caseId}${fieldPath ? `#field-${fieldPath}` : ""}`;
}
