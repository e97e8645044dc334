// One retry rule for transactions that lose a race with another writer
// (issue #12). The database rolled the loser back, so running the whole
// transaction again on a fresh read is safe — and the only sensible answer:
//   - PostgreSQL: a serialization failure (40001) or a deadlock victim (40P01),
//     both reported by Prisma as P2034 ("write conflict or deadlock");
//   - SQLite: SQLITE_BUSY, another connection (a second process, a script)
//     held the write lock past the busy timeout, reported as P1008.
// Callers add their own "changed since read" signal (a compare-and-set that
// matched no row) through `also`.
// A plain module (no "server-only"): scripts write through the same functions.

/** Attempts in all, the first included. */
export const WRITE_ATTEMPTS = 4;

interface PrismaLikeError {
  code?: unknown;
  message?: unknown;
  meta?: unknown;
}

/** The transaction was rolled back because another one wrote the same rows at the same moment. */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, meta } = error as PrismaLikeError;
  if (code === "P2034") return true;
  // P1008 is Prisma's "operation timed out": only SQLite's busy lock is a conflict; other timeouts are not retried.
  if (code === "P1008")
    return /SQLITE_BUSY|database is locked/i.test(`${String(message)} ${JSON.stringify(meta ?? {})}`);
  return false;
}

export interface WriteRetryOptions {
  attempts?: number;
  /** Another failure that means "lost the race, read again" (e.g. a compare-and-set that matched no row). */
  also?: (error: unknown) => boolean;
  /** What to throw once every attempt lost (default: the last failure). */
  exhausted?: (error: unknown) => Error;
}

/** A few milliseconds, growing and jittered: two losers must not collide again in lockstep. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt * 15 + Math.random() * 25));

/** Runs `transaction` (a whole transaction: it must read again each time) until it does not lose a race. */
export async function withWriteRetry<T>(
  transaction: (attempt: number) => Promise<T>,
  { attempts = WRITE_ATTEMPTS, also = () => false, exhausted }: WriteRetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(attempt);
    } catch (error) {
      if (!isWriteConflict(error) && !also(error)) throw error;
      if (attempt >= attempts) throw exhausted ? exhausted(error) : error;
      await pause(attempt);
    }
  }
}
