// Write conflicts (issue #12): a transaction the database rolled back because
// another one wrote the same case at the same moment is run again on a fresh
// read (withWriteRetry, src/server/db/write-retry.ts) — by the draft save as by
// the workflow — instead of failing the user's save with a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { saveDraft } from "@/server/case-answers.server";
import { createDb, type Db } from "@/server/db/create-db";
import { isWriteConflict, withWriteRetry } from "@/server/db/write-retry";
import { InputError } from "@/server/errors";
import { validateCase } from "@/server/workflow.server";
import { change, newDraftCase } from "../support/case-fixtures";
import { addCentre, addUser } from "../support/fixtures";
import {
  describeEachDatabase,
  openTestDatabase,
  testDatabaseTargets,
  type TestDatabase,
} from "../support/test-database";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * The database as saveDraft/validateCase see it, every transaction SERIALIZABLE, and a hook that runs
 * `between` once, in the first transaction, right after it first read the case: another writer
 * commits between this transaction's read and its write, deterministically.
 */
function racedDb(db: Db, between: () => Promise<void>): { db: Db; transactions: () => number } {
  let started = 0;
  let raced = false;
  const hooked = (tx: Tx): Tx =>
    new Proxy(tx, {
      get(target, prop) {
        if (prop !== "case") return Reflect.get(target, prop, target);
        return new Proxy(target.case, {
          get(model, method) {
            const real = Reflect.get(model, method, model);
            if (method !== "findFirst" || raced) return real;
            return async (args: unknown) => {
              const row = await (real as (a: unknown) => Promise<unknown>)(args);
              raced = true;
              await between();
              return row;
            };
          },
        });
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop !== "$transaction") return Reflect.get(target, prop, target);
      return (body: (tx: Tx) => Promise<unknown>) => {
        started++;
        return target.$transaction((tx) => body(hooked(tx)), { isolationLevel: "Serializable" });
      };
    },
  });
  return { db: proxy, transactions: () => started };
}

describeEachDatabase("write conflicts are run again", (ctx) => {
  let clin: Actor;
  let coord: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "WRC");
    clin = await addUser(ctx.db, { email: "clin@retry.test", role: "CLINICIAN", centreCode: "WRC" });
    coord = await addUser(ctx.db, { email: "coord@retry.test", role: "COORDINATOR" });
  });

  /** Another serializable transaction that reads and rewrites the same case row, and commits. */
  const otherWriter = (caseId: string) => () =>
    ctx.db.$transaction(
      async (tx) => {
        await tx.case.findUniqueOrThrow({ where: { id: caseId } });
        await tx.case.update({ where: { id: caseId }, data: { updatedAt: new Date() } });
      },
      { isolationLevel: "Serializable" },
    );

  it.runIf(ctx.provider === "postgresql")(
    "two serializable transactions on one case: the draft save fails once (P2034), then succeeds",
    async () => {
      const caseId = await newDraftCase(ctx.db, clin);
      const raced = racedDb(ctx.db, otherWriter(caseId));
      const result = await saveDraft(raced.db, clin, caseId, {
        baseVersion: 1,
        fields: { comments: change(null, { v: "saved after a retry" }) },
      });
      expect(raced.transactions()).toBe(2);
      expect(result.conflicts).toEqual([]);
      const stored = await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } });
      expect(stored.answers).toMatchObject({ fields: { comments: { v: "saved after a retry" } } });
      expect(stored.version).toBe(result.version);
    },
  );

  it.runIf(ctx.provider === "postgresql")(
    "the workflow goes through the same retry (a validation raced by another writer)",
    async () => {
      const caseId = await newDraftCase(ctx.db, clin);
      await ctx.db.case.update({ where: { id: caseId }, data: { status: "SUBMITTED" } });
      const raced = racedDb(ctx.db, otherWriter(caseId));
      await validateCase(raced.db, coord, caseId).catch((error: unknown) => {
        // A validation may be refused for what the case lacks, never for the race.
        if (!(error instanceof InputError)) throw error;
        expect(JSON.stringify(error.fieldErrors)).not.toContain("caseChanged");
      });
      expect(raced.transactions()).toBe(2);
    },
  );

  it("a conflict on every attempt ends in a 4xx message, not a 500", async () => {
    let calls = 0;
    const conflict = Object.assign(new Error("write conflict"), { code: "P2034" });
    await expect(
      withWriteRetry(
        async () => {
          calls++;
          throw conflict;
        },
        { exhausted: () => InputError.form({ key: "lifecycle.caseChanged" }) },
      ),
    ).rejects.toBeInstanceOf(InputError);
    expect(calls).toBe(4);
  });

  it("any other failure is not retried", async () => {
    let calls = 0;
    const failure = Object.assign(new Error("unique"), { code: "P2002" });
    await expect(
      withWriteRetry(async () => {
        calls++;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });
});

describe.runIf(testDatabaseTargets().includes("sqlite"))("SQLite's busy lock counts as a write conflict", () => {
  let opened: TestDatabase;
  beforeAll(async () => {
    opened = await openTestDatabase("sqlite");
    await addCentre(opened.db, "BSY");
  });
  afterAll(async () => {
    await opened.cleanup();
  });

  it("a second connection writing while another holds the write lock gets SQLITE_BUSY, recognised", async () => {
    const other = createDb(opened.url).db;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holder = other.$transaction(
      async (tx) => {
        await tx.centre.update({ where: { code: "BSY" }, data: { city: "held" } });
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const error = await opened.db.centre.update({ where: { code: "BSY" }, data: { city: "blocked" } }).then(
      () => null,
      (e: unknown) => e,
    );
    release();
    await holder;
    await other.$disconnect();
    expect(error).not.toBeNull();
    expect(isWriteConflict(error)).toBe(true);
  }, 30_000);
});
