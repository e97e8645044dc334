// The migrations in prisma/migrations build, on each database, exactly the
// schema of prisma/models.prisma plus the hand-written audit safeguards.
import { describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffDatabaseToModel,
  isEmptyMigration,
  listMigrations,
  PROVIDERS,
} from "../../scripts/db/migrations";
import { describeEachDatabase, PG_URL_VARIABLE, testDatabaseTargets } from "../support/test-database";

const GENESIS_HASH = "0".repeat(64);

describe("migration folders", () => {
  it("hold the same migrations for every database", () => {
    const [first, ...others] = PROVIDERS.map((provider) => listMigrations(provider).map((m) => m.name));
    expect(first?.length).toBeGreaterThan(0);
    for (const names of others) expect(names).toEqual(first);
  });

  // The PostgreSQL driver adapter splits scripts at every semicolon, even in
  // quotes and comments: any other semicolon would break the migration.
  it("keep PostgreSQL semicolons at the end of lines", () => {
    for (const { name, sql } of listMigrations("postgresql")) {
      const offending = sql
        .split("\n")
        .filter((line) => line.includes(";") && line.indexOf(";") !== line.trimEnd().length - 1);
      expect(offending, name).toEqual([]);
    }
  });
});

describe("the databases the integration tests run on", () => {
  const PG = "postgresql://postgres@127.0.0.1:5432/postgres";

  it("are SQLite and PostgreSQL when the PostgreSQL server is given, in CI or not", () => {
    expect(testDatabaseTargets({ [PG_URL_VARIABLE]: PG })).toEqual(["sqlite", "postgresql"]);
    expect(testDatabaseTargets({ CI: "true", [PG_URL_VARIABLE]: PG })).toEqual(["sqlite", "postgresql"]);
  });

  it("are SQLite only on a developer's machine without PostgreSQL", () => {
    expect(testDatabaseTargets({})).toEqual(["sqlite"]);
    expect(testDatabaseTargets({ [PG_URL_VARIABLE]: "  " })).toEqual(["sqlite"]);
  });

  it("refuse to skip PostgreSQL silently in CI: a clear error naming the variable", () => {
    for (const CI of ["true", "1", "yes"]) {
      expect(() => testDatabaseTargets({ CI })).toThrow(new RegExp(`^${PG_URL_VARIABLE} is not set but CI is`));
      expect(() => testDatabaseTargets({ CI, [PG_URL_VARIABLE]: "" })).toThrow(/silently skip PostgreSQL/);
    }
  });
});

describeEachDatabase("migrations", (ctx) => {
  it("apply every migration to a fresh database", async () => {
    const rows = await ctx.db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY "migration_name"`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(listMigrations(ctx.provider).map((m) => m.name));
  });

  it("apply nothing the second time", async () => {
    expect(await applyMigrations(ctx.url)).toEqual([]);
  });

  it("leave no drift from the data model", async () => {
    const sql = await diffDatabaseToModel(ctx.url);
    expect(isEmptyMigration(sql), sql).toBe(true);
  });

  it("start the audit hash chain at its genesis", async () => {
    expect(await ctx.db.auditHead.findUnique({ where: { id: 1 } })).toEqual({ id: 1, seq: 0, lastHash: GENESIS_HASH });
  });

  describe("AuditEvent", () => {
    const event = (seq: number) => ({
      seq,
      at: new Date("2026-01-02T03:04:05.000Z"),
      type: "TEST",
      prevHash: GENESIS_HASH,
      hash: `${"a".repeat(63)}${seq}`,
    });

    it("accepts inserts", async () => {
      await ctx.db.auditEvent.create({ data: event(1) });
      expect(await ctx.db.auditEvent.count({ where: { seq: 1 } })).toBe(1);
    });

    it("refuses UPDATE", async () => {
      await ctx.db.auditEvent.create({ data: event(2) });
      await expect(
        ctx.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "type" = 'FORGED' WHERE "seq" = 2`),
      ).rejects.toThrow(/AuditEvent is append-only/);
      expect((await ctx.db.auditEvent.findUnique({ where: { seq: 2 } }))?.type).toBe("TEST");
    });

    it("refuses DELETE", async () => {
      await ctx.db.auditEvent.create({ data: event(3) });
      await expect(ctx.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 3`)).rejects.toThrow(
        /AuditEvent is append-only/,
      );
      expect(await ctx.db.auditEvent.count({ where: { seq: 3 } })).toBe(1);
    });

    it("refuses an upsert over an existing event, through Prisma and in SQL", async () => {
      await ctx.db.auditEvent.create({ data: event(5) });
      // Through Prisma the trigger's message is mapped to a generic constraint error on SQLite: the row staying as it was is what counts.
      await expect(
        ctx.db.auditEvent.upsert({
          where: { seq: 5 },
          create: { ...event(5), type: "FORGED" },
          update: { type: "FORGED" },
        }),
      ).rejects.toThrow();
      await expect(
        ctx.db.$executeRawUnsafe(
          `INSERT INTO "AuditEvent" ("seq", "at", "type", "prevHash", "hash") VALUES (5, '2026-01-02 03:04:05', 'FORGED', '${GENESIS_HASH}', 'forged-5')
           ON CONFLICT ("seq") DO UPDATE SET "type" = 'FORGED'`,
        ),
      ).rejects.toThrow(/AuditEvent is append-only/);
      expect((await ctx.db.auditEvent.findUnique({ where: { seq: 5 } }))?.type).toBe("TEST");
    });

    it("refuses a second insert of an existing seq or an existing hash", async () => {
      await ctx.db.auditEvent.create({ data: event(6) });
      // Refused by the trigger (its message), before the unique indexes would.
      const insert = (seq: number, hash: string) =>
        ctx.db.$executeRawUnsafe(
          `INSERT INTO "AuditEvent" ("seq", "at", "type", "prevHash", "hash") VALUES (${seq}, '2026-01-02 03:04:05', 'FORGED', '${GENESIS_HASH}', '${hash}')`,
        );
      await expect(insert(6, "another-hash-6")).rejects.toThrow(/AuditEvent is append-only/);
      await expect(insert(60, event(6).hash)).rejects.toThrow(/AuditEvent is append-only/);
      await expect(ctx.db.auditEvent.create({ data: { ...event(6), hash: "another-hash-6" } })).rejects.toThrow();
      expect(await ctx.db.auditEvent.count({ where: { seq: { in: [6, 60] } } })).toBe(1);
    });

    // SQLite deletes the conflicting row of an INSERT OR REPLACE without
    // firing DELETE triggers (recursive_triggers is off): without the
    // BEFORE INSERT trigger the event would be silently overwritten.
    if (ctx.provider === "sqlite")
      it("refuses INSERT OR REPLACE and REPLACE INTO over an existing event (SQLite)", async () => {
        await ctx.db.auditEvent.create({ data: event(7) });
        const before = await ctx.db.auditEvent.findUniqueOrThrow({ where: { seq: 7 } });
        for (const verb of ["INSERT OR REPLACE", "REPLACE"]) {
          await expect(
            ctx.db.$executeRawUnsafe(
              `${verb} INTO "AuditEvent" ("seq", "at", "type", "prevHash", "hash") VALUES (7, '2026-01-02 03:04:05', 'FORGED', '${GENESIS_HASH}', 'forged-7')`,
            ),
            verb,
          ).rejects.toThrow(/AuditEvent is append-only/);
          // Over another row's hash (a new seq): the replace would delete that row.
          await expect(
            ctx.db.$executeRawUnsafe(
              `${verb} INTO "AuditEvent" ("seq", "at", "type", "prevHash", "hash") VALUES (70, '2026-01-02 03:04:05', 'FORGED', '${GENESIS_HASH}', '${before.hash}')`,
            ),
            verb,
          ).rejects.toThrow(/AuditEvent is append-only/);
        }
        expect(await ctx.db.auditEvent.findUniqueOrThrow({ where: { seq: 7 } })).toEqual(before);
        expect(await ctx.db.auditEvent.count({ where: { seq: 70 } })).toBe(0);
        // The pragma that would make SQLite fire DELETE triggers is off, as on any connection the app opens.
        const [pragma] =
          await ctx.db.$queryRawUnsafe<{ recursive_triggers: number | bigint }[]>(`PRAGMA recursive_triggers`);
        expect(Number(pragma?.recursive_triggers)).toBe(0);
      });

    if (ctx.provider === "postgresql")
      it("refuses TRUNCATE", async () => {
        await ctx.db.auditEvent.create({ data: event(4) });
        await expect(ctx.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/AuditEvent is append-only/);
        expect(await ctx.db.auditEvent.count({ where: { seq: 4 } })).toBe(1);
      });
  });
});
