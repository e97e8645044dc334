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
import { describeEachDatabase } from "../support/test-database";

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
      const offending = sql.split("\n").filter((line) => line.includes(";") && line.indexOf(";") !== line.trimEnd().length - 1);
      expect(offending, name).toEqual([]);
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
      await expect(ctx.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "type" = 'FORGED' WHERE "seq" = 2`)).rejects.toThrow(
        /AuditEvent is append-only/,
      );
      expect((await ctx.db.auditEvent.findUnique({ where: { seq: 2 } }))?.type).toBe("TEST");
    });

    it("refuses DELETE", async () => {
      await ctx.db.auditEvent.create({ data: event(3) });
      await expect(ctx.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 3`)).rejects.toThrow(
        /AuditEvent is append-only/,
      );
      expect(await ctx.db.auditEvent.count({ where: { seq: 3 } })).toBe(1);
    });

    if (ctx.provider === "postgresql") it("refuses TRUNCATE", async () => {
      await ctx.db.auditEvent.create({ data: event(4) });
      await expect(ctx.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/AuditEvent is append-only/);
      expect(await ctx.db.auditEvent.count({ where: { seq: 4 } })).toBe(1);
    });
  });
});
