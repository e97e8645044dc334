// Centres, users and actors for integration tests, written straight to the
// test database (each suite gets its own database).
import { hash } from "@node-rs/argon2";
import type { Actor } from "@/domain/actor";
import type { Role } from "@/domain/roles";
import type { Db } from "@/server/db/create-db";

export const TEST_PASSWORD = "correct-horse-battery";

let cachedHash: Promise<string> | undefined;
function passwordHash(): Promise<string> {
  cachedHash ??= hash(TEST_PASSWORD);
  return cachedHash;
}

export async function addCentre(db: Db, code: string): Promise<{ id: string; code: string }> {
  return db.centre.create({ data: { code, name: `Centre ${code}`, city: code }, select: { id: true, code: true } });
}

export async function addUser(
  db: Db,
  opts: { email: string; role: Role; centreCode?: string; active?: boolean; withPassword?: boolean },
): Promise<Actor> {
  const centre = opts.centreCode ? await db.centre.findUniqueOrThrow({ where: { code: opts.centreCode } }) : null;
  const user = await db.user.create({
    data: {
      email: opts.email,
      displayName: opts.email.split("@")[0] ?? opts.email,
      role: opts.role,
      centreId: centre?.id ?? null,
      active: opts.active ?? true,
      passwordHash: opts.withPassword === false ? null : await passwordHash(),
    },
  });
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: opts.role,
    centreId: user.centreId,
    centreCode: centre?.code ?? null,
  };
}

/** Runs `fn` and returns the error it throws (fails the test if it does not throw). */
export async function errorOf(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, got none");
}

/** Answers of the eligibility screen for an eligible patient. */
export const ELIGIBLE = { elig_dm: "yes", elig_sam: "yes", sam_date: "2015-06-01", elig_france: "yes" } as const;
