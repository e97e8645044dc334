import "server-only";
import { randomBytes } from "node:crypto";
import { sealEvent, type AuditKeyring, type ChainedEventContent } from "@/domain/audit-chain";
import type { AuditEventInput } from "@/domain/audit-events";
import { auditKeyring } from "./audit-config";
import type { Db } from "./db/create-db";

/**
 * A client that can run queries: the root client or a transaction's. For
 * helpers that only read or that are given a transaction by their caller.
 */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * The client `db.$transaction(async (tx) => …)` hands to its callback. Prisma
 * leaves `$connect` (and `$disconnect`, `$on`, `$extends`) off a transaction
 * client, so the root `Db`, which has them, does not satisfy this type: passing
 * `db` to appendAudit is a compile error.
 */
export type TxClient = Tx & { readonly $connect?: never; readonly $disconnect?: never };

function toText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** The root client, smuggled in through a looser type (`Tx` accepts it): it still has its connection methods. */
function isRootClient(client: object): boolean {
  return typeof (client as { $connect?: unknown }).$connect === "function";
}

/**
 * Appends events to the hash chain, inside the caller's transaction — the one
 * that makes the change, so that a change never exists without its audit
 * record, and so that the three steps here (take the head, insert the events,
 * write the new head) cannot interleave with another writer's.
 *
 * Why a transaction client and not "open a transaction when given the root
 * client": a change and its audit written in two transactions could leave the
 * change without its record. The type refuses the root client at compile
 * time; a root client that reaches here anyway (through a `Tx`-typed helper)
 * is refused at run time, loudly, rather than written unsafely.
 *
 * Every event of one call shares one time: the caller's `now` if given (the
 * clock its rules used), else the clock read once the head is locked — and
 * in both cases never earlier than the previous event's, read under the lock.
 * So times never go backwards along seq, even when a writer's `now` was read
 * before it queued for the lock or two instances' clocks disagree.
 */
export async function appendAudit(
  tx: TxClient,
  events: readonly AuditEventInput[],
  now?: Date,
  keyring: AuditKeyring = auditKeyring(),
): Promise<void> {
  if (isRootClient(tx))
    throw new Error("appendAudit must run inside a transaction: db.$transaction(async (tx) => appendAudit(tx, …))");
  if (events.length === 0) return;
  // Updating the head row first takes its lock (PostgreSQL) or the write lock
  // (SQLite): concurrent writers queue here and each sees the last hash.
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: events.length } } });
  let seq = head.seq - events.length;
  const previous = seq > 0 ? await tx.auditEvent.findUnique({ where: { seq }, select: { at: true } }) : null;
  const clock = now ?? new Date();
  const at = previous && previous.at > clock ? previous.at : clock;
  let prevHash = head.lastHash;
  for (const event of events) {
    seq += 1;
    const content: ChainedEventContent = {
      seq,
      at: at.toISOString(),
      type: event.type,
      actorId: event.actor?.id ?? null,
      actorRole: event.actor?.role ?? null,
      centre: event.actor?.centreCode ?? null,
      caseId: "caseId" in event ? (event.caseId ?? null) : null,
      fieldPath: "fieldPath" in event ? (event.fieldPath ?? null) : null,
      oldValue: "oldValue" in event ? toText(event.oldValue) : null,
      newValue: "newValue" in event ? toText(event.newValue) : null,
      reason: event.reason ?? null,
      data: "data" in event ? toText(event.data) : null,
    };
    // Keyed (ADR 0009): an HMAC over the event with salted commitments to its values (ADR 0010).
    const sealed = sealEvent(keyring, prevHash, content, () => randomBytes(16).toString("hex"));
    await tx.auditEvent.create({ data: { ...content, at, prevHash, ...sealed } });
    prevHash = sealed.hash;
  }
  await tx.auditHead.update({ where: { id: 1 }, data: { lastHash: prevHash } });
}
