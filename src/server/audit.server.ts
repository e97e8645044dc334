import "server-only";
import { eventHash, type ChainedEventContent } from "@/domain/audit-chain";
import type { AuditEventInput } from "@/domain/audit-events";
import type { Db } from "./db/create-db";

/** A Prisma transaction client (or the client itself). */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function toText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * Appends events to the hash chain. Call inside the transaction that makes
 * the change, so that a change never exists without its audit record.
 */
export async function appendAudit(tx: Tx, events: readonly AuditEventInput[], now: Date = new Date()): Promise<void> {
  if (events.length === 0) return;
  // Updating the head row first takes its lock (PostgreSQL) or the write lock
  // (SQLite): concurrent writers queue here and each sees the last hash.
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: events.length } } });
  let seq = head.seq - events.length;
  let prevHash = head.lastHash;
  for (const event of events) {
    seq += 1;
    const content: ChainedEventContent = {
      seq,
      at: now.toISOString(),
      type: event.type,
      actorId: event.actor?.id ?? null,
      actorRole: event.actor?.role ?? null,
      centre: event.actor?.centreCode ?? null,
      caseId: "caseId" in event ? event.caseId : null,
      fieldPath: "fieldPath" in event ? (event.fieldPath ?? null) : null,
      oldValue: "oldValue" in event ? toText(event.oldValue) : null,
      newValue: "newValue" in event ? toText(event.newValue) : null,
      reason: event.reason ?? null,
      data: "data" in event ? toText(event.data) : null,
    };
    const hash = eventHash(prevHash, content);
    await tx.auditEvent.create({ data: { ...content, at: now, prevHash, hash } });
    prevHash = hash;
  }
  await tx.auditHead.update({ where: { id: 1 }, data: { lastHash: prevHash } });
}
