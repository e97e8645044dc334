// The queries and the audit trail of the exported cases, as tables for the
// "complete package": one row per query message, one row per audit event with
// its old and new values as JSON text (exactly as stored and hashed).
import { cellText, type Cell } from "./cells";

export const QUERY_COLUMNS = [
  "query_id",
  "record_id",
  "field_path",
  "query_status",
  "message_number",
  "kind",
  "author_id",
  "author_role",
  "at",
  "message",
] as const;

export interface QueryMessageRow {
  readonly queryId: string;
  readonly caseId: string;
  readonly fieldPath: string | null;
  readonly status: string;
  readonly number: number;
  readonly kind: string;
  readonly authorId: string;
  readonly authorRole: string;
  /** ISO date-time (UTC). */
  readonly at: string;
  readonly body: string;
}

export function queryRow(m: QueryMessageRow): string[] {
  const cells: Cell[] = [
    m.queryId,
    m.caseId,
    m.fieldPath,
    m.status,
    m.number,
    m.kind,
    m.authorId,
    m.authorRole,
    m.at,
    m.body,
  ];
  return cells.map((c, i) => cellText(c, QUERY_COLUMNS[i] === "message"));
}

export const AUDIT_COLUMNS = [
  "seq",
  "at",
  "type",
  "actor_id",
  "actor_role",
  "actor_centre",
  "record_id",
  "field_path",
  "old_value",
  "new_value",
  "reason",
  "data",
] as const;

export interface AuditRow {
  readonly seq: number;
  /** ISO date-time (UTC). */
  readonly at: string;
  readonly type: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly centre: string | null;
  readonly caseId: string | null;
  readonly fieldPath: string | null;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  readonly reason: string | null;
  readonly data: string | null;
}

/**
 * With the "age instead of birth date" option the birth date must not leak
 * through the trail either: it is removed from the key recorded at creation.
 */
export function redactBirthDate(data: string | null): string | null {
  if (data === null) return null;
  try {
    const parsed = JSON.parse(data) as unknown;
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && "birthDate" in parsed) {
      const { birthDate: _omitted, ...rest } = parsed as Record<string, unknown>;
      return JSON.stringify(rest);
    }
    return data;
  } catch {
    return data;
  }
}

export function auditRow(e: AuditRow, options: { readonly ageInsteadOfBirthDate: boolean }): string[] {
  const data = options.ageInsteadOfBirthDate ? redactBirthDate(e.data) : e.data;
  const cells: Cell[] = [
    e.seq,
    e.at,
    e.type,
    e.actorId,
    e.actorRole,
    e.centre,
    e.caseId,
    e.fieldPath,
    e.oldValue,
    e.newValue,
    e.reason,
    data,
  ];
  // JSON text is never formula-guarded: it must stay parseable.
  return cells.map((c, i) => cellText(c, AUDIT_COLUMNS[i] === "reason"));
}
