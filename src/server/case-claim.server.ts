import "server-only";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers, type CaseAnswers } from "@/domain/crf/answers";
import { caseStatusOf, type CaseStatus } from "@/domain/lifecycle";
import { centreScope } from "./access.server";
import { appendAudit, type Tx, type TxClient } from "./audit.server";
import type { Db } from "./db/create-db";
import { withWriteRetry } from "./db/write-retry";
import { InputError, NotFoundError } from "./errors";

// What every workflow change of a case shares (signing, queries, validation, locking): the claim of
// the case row, the status change, the input check. Split from workflow.server.ts so that the queries
// (case-queries.server.ts) and the signing and review steps each stay one readable module.

export const by = (actor: Actor) => ({ id: actor.id, role: actor.role, centreCode: actor.centreCode });

// ---------------------------------------------------------------------------
// Concurrency. Every workflow change starts by claiming the case row: a
// conditional write on the status and version it has just read. That write
// takes the row's lock (PostgreSQL) or the write lock (SQLite) until commit,
// so two workflow changes of one case run one after the other, and whatever
// the change reads after the claim (open queries, last signature) cannot
// change under it. A status change bumps Case.version, so a draft save that
// read the case before it (saveDraft writes only if the version is still the
// one it read) retries on the new state instead of writing after, say,
// validation. A claim that finds the case changed since it was read runs the
// whole change again on a fresh read, a few times, then gives up with a clear
// message (lifecycle.caseChanged), never a 500.
// ---------------------------------------------------------------------------

/** The case changed between this transaction's read and its conditional write. */
export class CaseChanged extends Error {}

/** The change in one transaction, run again on a fresh read when it lost a race (withWriteRetry: P2034, SQLITE_BUSY). */
export function onCase<T>(db: Db, body: (tx: TxClient) => Promise<T>): Promise<T> {
  return withWriteRetry(() => db.$transaction((tx) => body(tx)), {
    also: (error) => error instanceof CaseChanged,
    exhausted: () => InputError.form({ key: "lifecycle.caseChanged" }),
  });
}

export interface ClaimedCase {
  id: string;
  status: CaseStatus;
  /** The status as stored, for the conditional writes (on SQLite an unknown text would be treated as LOCKED above). */
  storedStatus: CaseStatus;
  version: number;
  answers: CaseAnswers;
  birthDate: string;
}

export async function claimCase(tx: TxClient, actor: Actor, caseId: string): Promise<ClaimedCase> {
  const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) } });
  if (!row) throw new NotFoundError();
  // Writes the status it read, only if status and version are still those read: the lock, and the check.
  const claimed = await tx.case.updateMany({
    where: { id: row.id, status: row.status, version: row.version },
    data: { status: row.status },
  });
  if (claimed.count !== 1) throw new CaseChanged();
  return {
    id: row.id,
    status: caseStatusOf(row.status),
    storedStatus: row.status,
    version: row.version,
    answers: asCaseAnswers(row.answers),
    birthDate: row.birthDate,
  };
}

/** Compare-and-set from the claimed status and version; bumps the version. */
export async function setStatus(
  tx: TxClient,
  actor: Actor,
  row: ClaimedCase,
  to: CaseStatus,
  reason?: string,
): Promise<void> {
  if (row.status === to) return;
  const done = await tx.case.updateMany({
    where: { id: row.id, status: row.storedStatus, version: row.version },
    data: { status: to, version: row.version + 1 },
  });
  if (done.count !== 1) throw new CaseChanged();
  await appendAudit(tx, [
    { type: "case.status_changed", actor: by(actor), caseId: row.id, oldValue: row.status, newValue: to, reason },
  ]);
  Object.assign(row, { status: to, storedStatus: to, version: row.version + 1 });
}

export const openQueryCount = (tx: Tx, caseId: string) =>
  tx.query.count({ where: { caseId, status: { not: "CLOSED" } } });
