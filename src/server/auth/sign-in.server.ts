import "server-only";
import { performance } from "node:perf_hooks";
import { progressiveDelaySeconds, THROTTLE, type ThrottlePolicy } from "@/domain/throttle-policy";
import type { AuditEventInput } from "@/domain/audit-events";
import type { Role } from "@/domain/roles";
import { appendAudit, type Tx } from "../audit.server";
import type { Db } from "../db/create-db";
import { accountDelayedMail, mailLocale } from "../mail-templates";
import { queueMail } from "../outbox.server";
import { burnPasswordCheck, verifyPassword } from "../passwords.server";
import {
  blockedUntil,
  clearCounters,
  countAttempt,
  emailKey,
  pruneCounters,
  readCounter,
  windowMs,
} from "./throttle.server";

/**
 * What the requester may learn (ADR 0011): "invalid" for every failure whatever
 * the account's state (unknown, disabled, delayed, wrong password), or
 * "throttled" when *this client* made too many attempts — which says nothing
 * about the account, since unknown addresses are throttled the same way.
 */
export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

export interface SignInOptions {
  /** The client's address (clientAddress()); "unknown" when none. */
  client?: string;
  now?: Date;
  policy?: ThrottlePolicy;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type AuditActor = { id: string; role: Role; centreCode: string | null };

/** One argon2 verification whatever the account: without a hash, a fixed one is checked (same time). */
async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  if (hash) return verifyPassword(hash, password);
  await burnPasswordCheck(password);
  return false;
}

export function signInKeys(email: string, client: string) {
  const account = emailKey(normaliseEmail(email));
  return {
    client: `signin:ip:${client}`,
    global: "signin:global",
    account: `signin:acct:${account}`,
    accountClient: `signin:acct-ip:${account}:${client}`,
  };
}

/** Lifts every sign-in delay of an account (a new password, a coordinator's unlock). */
export async function clearSignInDelays(tx: Tx, email: string): Promise<void> {
  await tx.$executeRaw`DELETE FROM "RateLimit" WHERE "key" = ${signInKeys(email, "").account} OR "key" LIKE ${`${signInKeys(email, "").accountClient}%`}`;
}

/**
 * Checks an e-mail and password (ADR 0011, docs/security.md):
 * 1. per-client limits, told to the requester: failures from this address
 *    (any account), and the progressive delay of this address on this account;
 *    plus a global limit on everyone's failures;
 * 2. exactly one argon2 verification whatever the account's state (same time);
 * 3. the account-wide progressive delay after many failures from any client —
 *    never told to the requester (a right password then gets "invalid" too) but
 *    mailed to the owner once, when it starts; a delay, not a lock: it runs out.
 * Every failure is counted atomically in the database (every app instance
 * sees it) and audited in the same transaction.
 */
export async function signInWithPassword(
  db: Db,
  rawEmail: string,
  password: string,
  opts: SignInOptions | Date = {},
): Promise<SignInResult> {
  const options = opts instanceof Date ? { now: opts } : opts;
  const started = performance.now();
  const now = options.now ?? new Date();
  const policy = options.policy ?? THROTTLE;
  const client = options.client ?? "unknown";
  // A refusal answers after the same floor whatever caused it (no timing oracle).
  const refuse = async (result: SignInResult): Promise<SignInResult> => {
    const left = started + policy.failureFloorMs - performance.now();
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    return result;
  };
  const email = normaliseEmail(rawEmail);
  const keys = signInKeys(email, client);
  const accountMs = policy.accountMemoryHours * 3600_000;

  const perClient = await readCounter(db, keys.client, windowMs(policy.signInPerClient), now);
  const global = await readCounter(db, keys.global, windowMs(policy.signInGlobal), now);
  const accountClient = await readCounter(db, keys.accountClient, accountMs, now);
  const clientDelayEnd =
    accountClient.lastAt +
    1000 * progressiveDelaySeconds(accountClient.count, policy.accountClientFreeFailures, policy);
  const retryAt =
    blockedUntil(perClient, policy.signInPerClient) ??
    blockedUntil(global, policy.signInGlobal) ??
    (clientDelayEnd > now.getTime() ? new Date(clientDelayEnd) : null);
  if (retryAt) return refuse({ ok: false, reason: "throttled", retryAt });

  const user = await db.user.findUnique({ where: { email }, include: { centre: true } });
  const passwordOk = await passwordMatches(user?.passwordHash ?? null, password);
  const account = await readCounter(db, keys.account, accountMs, now);
  const accountDelayEnd =
    account.lastAt + 1000 * progressiveDelaySeconds(account.count, policy.accountFreeFailures, policy);
  const accountDelayed = accountDelayEnd > now.getTime();
  const actor: AuditActor | null = user
    ? { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null }
    : null;

  if (user && actor && user.active && passwordOk && !accountDelayed) {
    return db.$transaction(async (tx): Promise<SignInResult> => {
      await clearCounters(tx, [keys.account, keys.accountClient]);
      await tx.user.update({ where: { id: user.id }, data: { failedAttempts: 0, lockedUntil: null } });
      await appendAudit(tx, [{ type: "auth.sign_in", actor, data: { email } }], now);
      return { ok: true, userId: user.id };
    });
  }

  const cause = !user
    ? "unknown_user"
    : !user.active
      ? "inactive"
      : accountDelayed
        ? "locked"
        : user.passwordHash
          ? "bad_password"
          : "no_password";
  await db.$transaction(async (tx) => {
    const clientFailures = await countAttempt(tx, keys.client, windowMs(policy.signInPerClient), now);
    const allFailures = await countAttempt(tx, keys.global, windowMs(policy.signInGlobal), now);
    const accountClientFailures = await countAttempt(tx, keys.accountClient, accountMs, now);
    // The owner's right password during the account's delay does not lengthen it.
    const accountFailures = passwordOk ? account.count : await countAttempt(tx, keys.account, accountMs, now);
    const delay = progressiveDelaySeconds(accountFailures, policy.accountFreeFailures, policy);
    const until = delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
    // The same writes for a known and an unknown address (no timing difference): the mirror on User is for the users page.
    await tx.user.updateMany({
      where: { email },
      data: { failedAttempts: accountFailures, ...(until && !passwordOk ? { lockedUntil: until } : {}) },
    });
    const events: AuditEventInput[] = [{ type: "auth.sign_in_failed", actor, data: { email, cause, client } }];
    if (user && actor && until && !passwordOk && accountFailures === policy.accountFreeFailures) {
      // The delay starts: the owner is told, the requester is not.
      events.push({
        type: "auth.locked",
        actor,
        data: { email, until: until.toISOString(), failures: accountFailures },
      });
      if (user.active)
        await queueMail(tx, {
          to: user.email,
          kind: "security_notice",
          ...accountDelayedMail(mailLocale(user.locale), { displayName: user.displayName, failures: accountFailures }),
        });
    }
    const reached = (count: number, max: number) => count === max;
    const throttled = (limit: "client" | "global" | "account_client", untilAt: Date) =>
      events.push({
        type: "auth.throttled",
        actor: null,
        data: { endpoint: "sign_in", limit, client, until: untilAt.toISOString() },
      });
    if (reached(clientFailures, policy.signInPerClient.max))
      throttled("client", new Date(now.getTime() + windowMs(policy.signInPerClient)));
    if (reached(allFailures, policy.signInGlobal.max))
      throttled("global", new Date(now.getTime() + windowMs(policy.signInGlobal)));
    if (reached(accountClientFailures, policy.accountClientFreeFailures)) {
      throttled(
        "account_client",
        new Date(
          now.getTime() +
            1000 * progressiveDelaySeconds(accountClientFailures, policy.accountClientFreeFailures, policy),
        ),
      );
    }
    await appendAudit(tx, events, now);
    if (Math.random() < 0.01) await pruneCounters(tx, now);
  });
  return refuse({ ok: false, reason: "invalid" });
}

/**
 * A password re-entered to sign a case (workflow.server.ts): a wrong one counts
 * with the sign-in failures of that account (per account, not per client: the
 * signer is already signed in) and is audited, so signing cannot be used to
 * guess a password without the sign-in's delays. Returns whether it is right;
 * during the account's delay even the right one is refused.
 */
export async function checkSigningPassword(
  db: Db,
  user: { id: string; email: string; passwordHash: string | null; role: Role; centreCode: string | null },
  password: string,
  caseId: string,
  options: { now?: Date; policy?: ThrottlePolicy } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? THROTTLE;
  const keys = signInKeys(user.email, "signature");
  const accountMs = policy.accountMemoryHours * 3600_000;
  const account = await readCounter(db, keys.account, accountMs, now);
  const delayed =
    account.lastAt + 1000 * progressiveDelaySeconds(account.count, policy.accountFreeFailures, policy) > now.getTime();
  const ok = await passwordMatches(user.passwordHash, password);
  if (ok && !delayed) return true;
  const actor = { id: user.id, role: user.role, centreCode: user.centreCode };
  await db.$transaction(async (tx) => {
    const failures = ok ? account.count : await countAttempt(tx, keys.account, accountMs, now);
    const delay = progressiveDelaySeconds(failures, policy.accountFreeFailures, policy);
    const until = !ok && delay > 0 ? new Date(now.getTime() + delay * 1000) : null;
    const owner = await tx.user.update({
      where: { id: user.id },
      data: { failedAttempts: failures, ...(until ? { lockedUntil: until } : {}) },
    });
    const events: AuditEventInput[] = [
      {
        type: "auth.sign_in_failed",
        actor,
        caseId,
        data: { email: user.email, cause: delayed ? "locked" : "bad_password", via: "signature" },
      },
    ];
    if (until && failures === policy.accountFreeFailures) {
      // The account's delay starts here: its owner is told, as when it starts at sign-in.
      events.push({ type: "auth.locked", actor, data: { email: user.email, until: until.toISOString(), failures } });
      await queueMail(tx, {
        to: owner.email,
        kind: "security_notice",
        ...accountDelayedMail(mailLocale(owner.locale), { displayName: owner.displayName, failures }),
      });
    }
    await appendAudit(tx, events, now);
  });
  return false;
}
