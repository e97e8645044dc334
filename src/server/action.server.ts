import "server-only";
import type { FieldErrors } from "@/domain/messages";
import { ForbiddenError, InputError, NotFoundError } from "./errors";

/** What every server action answers: data, or messages keyed by field ("_form" for the whole form). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/**
 * Runs an action body and turns expected refusals into field messages: bad
 * input, "not found" (also for another centre's records) and role refusals.
 * Anything else is a bug and propagates to the error page.
 */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, fieldErrors: error.fieldErrors };
    if (error instanceof NotFoundError) return { ok: false, fieldErrors: { _form: [{ key: "generic.notFound" }] } };
    if (error instanceof ForbiddenError) return { ok: false, fieldErrors: { _form: [{ key: "generic.forbidden" }] } };
    throw error;
  }
}
