// Throttling of the unauthenticated endpoints (ADR 0011): how many attempts
// each client, each account and everyone together may make, and the
// progressive delay that replaces a hard lock-out. Plain data and arithmetic;
// the counters live in the database (src/server/auth/throttle.server.ts).

export interface WindowLimit {
  /** Attempts counted in one window before further ones are refused until it ends. */
  max: number;
  windowMinutes: number;
}

export interface ThrottlePolicy {
  /** Failed sign-ins from one client address. */
  signInPerClient: WindowLimit;
  /** Failed sign-ins from all clients together (a distributed guessing attack). */
  signInGlobal: WindowLimit;
  /** Failures on one account from one client before that client waits between tries. */
  accountClientFreeFailures: number;
  /** Failures on one account from all clients before every client waits (told to the owner by mail). */
  accountFreeFailures: number;
  /** The first wait, doubled at each further failure, up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Consecutive failures on an account are forgotten after this long without one. */
  accountMemoryHours: number;
  /** Self-service password reset requests. */
  resetPerClient: WindowLimit;
  resetGlobal: WindowLimit;
  /**
   * Every refused sign-in answers no sooner than this after it began: the
   * work differs a little between account states (one argon2 check each, but
   * not the same rows written), and a loaded server magnifies it.
   */
  failureFloorMs: number;
  /** Password choices through invitation / reset links. */
  invitationPerClient: WindowLimit;
  invitationGlobal: WindowLimit;
}

export const THROTTLE: ThrottlePolicy = {
  signInPerClient: { max: 20, windowMinutes: 15 },
  signInGlobal: { max: 300, windowMinutes: 15 },
  accountClientFreeFailures: 5,
  accountFreeFailures: 20,
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  accountMemoryHours: 24,
  failureFloorMs: 400,
  resetPerClient: { max: 10, windowMinutes: 60 },
  resetGlobal: { max: 200, windowMinutes: 60 },
  invitationPerClient: { max: 20, windowMinutes: 60 },
  invitationGlobal: { max: 500, windowMinutes: 60 },
};

/**
 * How long to wait after the `failures`-th consecutive failure: nothing while
 * `failures` is below `free`, then base, 2×base, 4×base… up to the maximum.
 * A delay, not a lock: the right password works again as soon as it has run out.
 */
export function progressiveDelaySeconds(failures: number, free: number, policy: ThrottlePolicy = THROTTLE): number {
  if (failures < free) return 0;
  const exponent = Math.min(failures - free, 20);
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** exponent);
}

/**
 * The client's address from X-Forwarded-For. `trustedHops` is the number of
 * reverse proxies in front of the app that append to the header (nginx
 * `$proxy_add_x_forwarded_for`): the address the first of them saw is the
 * `trustedHops`-th entry from the right, and what the client wrote to the left
 * of it is ignored. With 0 (no proxy) the value is the one Next.js sets from the
 * socket — unless the client sent the header itself, which it then could forge
 * (docs/security.md: behind a proxy, set TRUST_PROXY_HOPS).
 * IPv6 addresses count per /64: one host usually owns a whole /64.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return "unknown";
  const picked = trustedHops > 0 ? entries[Math.max(0, entries.length - trustedHops)] : entries[0];
  return normaliseAddress(picked ?? "unknown");
}

function normaliseAddress(raw: string): string {
  const address = raw
    .replace(/^\[|\](:\d+)?$/g, "")
    .toLowerCase()
    .slice(0, 64);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1] as string;
  if (!address.includes(":")) return address.replace(/:\d+$/, "");
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** TRUST_PROXY_HOPS as a number of proxies (0 when unset or not a small non-negative integer). */
export function trustedProxyHops(value: string | undefined): number {
  const n = Number(value?.trim() ?? "");
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}
