// Cases and draft-save payloads for integration tests of the CRF answers
// (src/server/case-answers.server.ts), written through the real data-access
// layer on the test database.
import type { Actor } from "@/domain/actor";
import { canonicalJson } from "@/domain/canonical-json";
import type { BlockRow, FieldAnswer } from "@/domain/crf/answers";
import { createCase } from "@/server/cases.server";
import type { Db } from "@/server/db/create-db";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
let keySeq = 0;

/** The MAS diagnosis date every new case gets on the eligibility screen. */
export const SAM_DATE = "2015-04-10";

/** The answers the eligibility screen stores when a case is created. */
export const ELIGIBILITY_FIELDS: Readonly<Record<string, FieldAnswer>> = {
  elig_dm: { v: "yes" },
  elig_sam: { v: "yes" },
  sam_date: { v: SAM_DATE },
  elig_france: { v: "yes" },
};

/** A new (eligible) draft case of the actor's centre, with a key no other test uses. */
export async function newDraftCase(db: Db, actor: Actor): Promise<string> {
  if (!actor.centreCode) throw new Error("newDraftCase needs a centre user");
  const n = keySeq++;
  const initials = `${LETTERS[Math.floor(n / 26) % 26]}${LETTERS[n % 26]}`;
  const birthDate = `${1940 + (Math.floor(n / 676) % 60)}-03-04`;
  const eligibility = { elig_dm: "yes", elig_sam: "yes", sam_date: SAM_DATE, elig_france: "yes" };
  return (await createCase(db, actor, { initials, birthDate, centreCode: actor.centreCode, ...eligibility })).id;
}

/** The answers given after the eligibility screen. */
export function clinicalFields(fields: Readonly<Record<string, FieldAnswer>>): Record<string, FieldAnswer> {
  return Object.fromEntries(Object.entries(fields).filter(([id]) => !(id in ELIGIBILITY_FIELDS)));
}

/** A field change as the form sends it. */
export const change = (from: FieldAnswer | null, to: FieldAnswer | null) => ({ from, to });

/** A block change as the form sends it. */
export const rowsChange = (from: readonly BlockRow[], to: readonly BlockRow[]) => ({ from, to });

/** Everything a save may write about a case, plus the audit trail's length: equal before and after means "nothing written". */
export async function caseSnapshot(db: Db, caseId: string) {
  const row = await db.case.findUniqueOrThrow({ where: { id: caseId } });
  return {
    version: row.version,
    status: row.status,
    answers: canonicalJson(row.answers),
    computed: canonicalJson(row.computed),
    updatedAt: row.updatedAt.toISOString(),
    updatedById: row.updatedById,
    auditEvents: await db.auditEvent.count(),
  };
}

export interface FieldChangedEvent {
  readonly seq: number;
  readonly fieldPath: string | null;
  readonly actorId: string | null;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

/** The "case.field_changed" events of a case, oldest first, values parsed. */
export async function fieldEvents(db: Db, caseId: string): Promise<FieldChangedEvent[]> {
  const rows = await db.auditEvent.findMany({ where: { caseId, type: "case.field_changed" }, orderBy: { seq: "asc" } });
  const parse = (s: string | null): unknown => (s === null ? undefined : JSON.parse(s));
  return rows.map((r) => ({
    seq: r.seq,
    fieldPath: r.fieldPath,
    actorId: r.actorId,
    oldValue: parse(r.oldValue),
    newValue: parse(r.newValue),
  }));
}
