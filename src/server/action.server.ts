import "server-only";
import type { Actor } from "@/domain/actor";
import type { FieldErrors } from "@/domain/messages";
import type { Db } from "./db/create-db";
import { db } from "./db/db.server";
import { ForbiddenError, InputError, NotFoundError } from "./errors";
import { getActor, requireActor } from "./session.server";

/** What every server action answers: data, or messages keyed by field ("_form" for the whole form). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Runs an action body and turns expected refusals into field messages (the
 * 4xx of an action): bad input, "not found" (also for another centre's
 * records) and role refusals. Anything else is a bug and propagates to the
 * error page. Server actions do not call it themselves: they are written with
 * action() or publicAction() below, which call it.
 */
async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, fieldErrors: error.fieldErrors };
    if (error instanceof NotFoundError) return { ok: false, fieldErrors: { _form: [{ key: "generic.notFound" }] } };
    if (error instanceof ForbiddenError) return { ok: false, fieldErrors: { _form: [{ key: "generic.forbidden" }] } };
    throw error;
  }
}

/** What an action body gets: the signed-in user (from the database, this request) and the database. */
export interface ActionContext {
  actor: Actor;
  db: Db;
}

/** The same before sign-in (password reset, invitation, second step, language): the user when there is one. */
export interface PublicActionContext {
  actor: Actor | null;
  db: Db;
}

/**
 * Marks a function made by action()/publicAction(): tests/unit/server-actions.test.ts imports every
 * server-action module and fails on an export without it, so an action cannot skip the wrapper.
 */
const WRAPPED = Symbol.for("dm-sam.server-action");

type Wrapped<A extends unknown[], T> = (...args: A) => Promise<ActionResult<T>>;

function tag<A extends unknown[], T>(fn: Wrapped<A, T>, access: "signed-in" | "public"): Wrapped<A, T> {
  Object.defineProperty(fn, WRAPPED, { value: access });
  return fn;
}

/**
 * THE way to write a server action for a signed-in user: the actor (signed out:
 * redirected to the sign-in page), the database, and refusals mapped to
 * messages. The body calls a data-access function, which checks the
 * permission; say which in a comment next to the action.
 */
export function action<A extends unknown[], T>(body: (ctx: ActionContext, ...args: A) => Promise<T>): Wrapped<A, T> {
  return tag(async (...args: A) => {
    const actor = await requireActor();
    return runAction(() => body({ actor, db: db() }, ...args));
  }, "signed-in");
}

/** The same for an action open to signed-out visitors; what it may do rests on its input (a token, a ticket). */
export function publicAction<A extends unknown[], T>(
  body: (ctx: PublicActionContext, ...args: A) => Promise<T>,
): Wrapped<A, T> {
  return tag(async (...args: A) => {
    const actor = await getActor();
    return runAction(() => body({ actor, db: db() }, ...args));
  }, "public");
}

/** "signed-in" or "public" for a function made by action()/publicAction(), else null. */
export function actionAccess(fn: unknown): "signed-in" | "public" | null {
  if (typeof fn !== "function") return null;
  return (fn as unknown as Record<symbol, "signed-in" | "public" | undefined>)[WRAPPED] ?? null;
}
