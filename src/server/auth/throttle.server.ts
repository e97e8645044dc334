import "server-only";
import { createHash } from "node:crypto";
import type { WindowLimit } from "@/domain/throttle-policy";
import type { Tx } from "../audit.server";

// Attempt counters in the RateLimit table (ADR 0011): every app instance
// counts into the same rows, so limits hold behind a load balancer. Each
// count is one atomic INSERT … ON CONFLICT DO UPDATE (same SQL on SQLite and
// PostgreSQL): concurrent attempts never overwrite each other's count.

type Client = Pick<Tx, "$queryRaw" | "$executeRaw">;

export interface Counter {
  /** Attempts in the current window (0 when it has run out). */
  count: number;
  windowStart: number;
  /** The last counted attempt (ms), 0 when none. */
  lastAt: number;
}

const NONE: Counter = { count: 0, windowStart: 0, lastAt: 0 };

/** A key for an e-mail address that does not store it (the table is not a list of who tried what). */
export function emailKey(email: string): string {
  return createHash("sha256").update(email).digest("base64url").slice(0, 32);
}

export async function readCounter(db: Client, key: string, windowMs: number, now: Date): Promise<Counter> {
  const rows = await db.$queryRaw<{ windowStart: bigint | number; count: number; lastAt: bigint | number }[]>`
    SELECT "windowStart", "count", "lastAt" FROM "RateLimit" WHERE "key" = ${key}`;
  const row = rows[0];
  if (!row) return NONE;
  const windowStart = Number(row.windowStart);
  if (windowStart <= now.getTime() - windowMs) return { ...NONE, lastAt: Number(row.lastAt) };
  return { count: Number(row.count), windowStart, lastAt: Number(row.lastAt) };
}

/** Counts one attempt under `key` and returns the count in the current window, this attempt included. */
export async function countAttempt(db: Client, key: string, windowMs: number, now: Date): Promise<number> {
  const at = BigInt(now.getTime());
  const expired = BigInt(now.getTime() - windowMs);
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count", "lastAt") VALUES (${key}, ${at}, 1, ${at})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${expired} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expired} THEN ${at} ELSE "RateLimit"."windowStart" END,
      "lastAt" = ${at}
    RETURNING "count"`;
  return Number(rows[0]?.count ?? 1);
}

export async function clearCounters(db: Client, keys: readonly string[]): Promise<void> {
  for (const key of keys) await db.$executeRaw`DELETE FROM "RateLimit" WHERE "key" = ${key}`;
}

/** Rows nobody touched for a day are dead weight (one per address that ever tried): dropped now and then. */
export async function pruneCounters(db: Client, now: Date): Promise<void> {
  const before = BigInt(now.getTime() - 24 * 3600_000);
  await db.$executeRaw`DELETE FROM "RateLimit" WHERE "lastAt" < ${before}`;
}

export const windowMs = (limit: WindowLimit) => limit.windowMinutes * 60_000;

/** Until when `limit` refuses further attempts, or null while it allows them. */
export function blockedUntil(counter: Counter, limit: WindowLimit): Date | null {
  return counter.count >= limit.max ? new Date(counter.windowStart + windowMs(limit)) : null;
}

/**
 * A simple per-client and global gate for an endpoint (password reset,
 * invitation links): counts the attempt, then refuses when it went past either
 * limit. Returns until when it refuses, or null when the attempt may go on.
 * Counting first (one atomic upsert each) keeps the limit exact under a burst of
 * simultaneous requests, which a read-then-count gate let through all at once.
 * A client already past its own limit is not counted globally, so one client
 * hammering cannot use up everyone's allowance.
 */
export async function gateAttempt(
  db: Client,
  scope: string,
  client: string,
  limits: { perClient: WindowLimit; global: WindowLimit },
  now: Date,
): Promise<Date | null> {
  const clientKey = `${scope}:ip:${client}`;
  const globalKey = `${scope}:global`;
  if (Math.random() < 0.01) await pruneCounters(db, now);
  const mine = await countAttempt(db, clientKey, windowMs(limits.perClient), now);
  if (mine > limits.perClient.max)
    return refusedUntil(await readCounter(db, clientKey, windowMs(limits.perClient), now), limits.perClient, now);
  const all = await countAttempt(db, globalKey, windowMs(limits.global), now);
  if (all > limits.global.max)
    return refusedUntil(await readCounter(db, globalKey, windowMs(limits.global), now), limits.global, now);
  return null;
}

/** The end of the window an attempt was refused in (its start read back after counting). */
function refusedUntil(counter: Counter, limit: WindowLimit, now: Date): Date {
  return new Date((counter.windowStart || now.getTime()) + windowMs(limit));
}
