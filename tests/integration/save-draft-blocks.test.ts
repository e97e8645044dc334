// Two people saving the same repeating block (issue #4) through saveDraft, on
// the real databases (SQLite, and PostgreSQL when TEST_DATABASE_URL_PG is set:
// JSONB reorders keys, which must never look like someone else's change).
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import type { BlockRow, FieldAnswer } from "@/domain/crf/answers";
import { getCaseRecord, saveDraft } from "@/server/case-answers.server";
import { InputError } from "@/server/errors";
import { checkAuditChain } from "../support/audit-log";
import { caseSnapshot, fieldEvents, newDraftCase, rowsChange } from "../support/case-fixtures";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

type Payload = Parameters<typeof saveDraft>[3];

const line = (id: string, drug: string, dose: number, more: Record<string, FieldAnswer> = {}): BlockRow => ({
  id,
  values: { drug: { v: drug }, dose_value: { v: dose }, dose_unit: { v: "mg_day" }, ...more },
});
const withValues = (row: BlockRow, values: Record<string, FieldAnswer | null>): BlockRow => ({
  id: row.id,
  values: Object.fromEntries(
    Object.entries({ ...row.values, ...values }).filter((e): e is [string, FieldAnswer] => e[1] !== null),
  ),
});

describeEachDatabase("saving a block edited by two people", (ctx) => {
  let clin: Actor, ra: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "BLK");
    clin = await addUser(ctx.db, {
      email: "clin.blk@t.test",
      role: "CLINICIAN",
      centreCode: "BLK",
      withPassword: false,
    });
    ra = await addUser(ctx.db, {
      email: "ra.blk@t.test",
      role: "RESEARCH_ASSISTANT",
      centreCode: "BLK",
      withPassword: false,
    });
  });

  const save = (caseId: string, payload: Payload, actor: Actor) => saveDraft(ctx.db, actor, caseId, payload);
  const rowsOf = async (caseId: string) =>
    (await getCaseRecord(ctx.db, clin, caseId)).answers.blocks.treatment_lines ?? [];

  /** A case whose treatment lines are `rows`, saved by the clinician: version 2. */
  async function caseWith(rows: BlockRow[]): Promise<string> {
    const id = await newDraftCase(ctx.db, clin);
    await save(id, { baseVersion: 1, blocks: { treatment_lines: rowsChange([], rows) } }, clin);
    return id;
  }

  const a = line("a1", "anakinra", 200);
  const e = line("e1", "methylprednisolone_iv", 500);

  it("different rows and different fields of one row, from the same version: both applied, each change audited once", async () => {
    const id = await caseWith([a, e]);
    const first = await save(
      id,
      { baseVersion: 2, blocks: { treatment_lines: rowsChange([a, e], [withValues(a, { route: { v: "sc" } }), e]) } },
      clin,
    );
    const before = (await caseSnapshot(ctx.db, id)).auditEvents;
    const second = await save(
      id,
      {
        baseVersion: 2,
        blocks: {
          treatment_lines: rowsChange(
            [a, e],
            [withValues(a, { line: { v: "1" } }), withValues(e, { dose_value: { v: 250 } })],
          ),
        },
      },
      ra,
    );
    expect([first.conflicts, second.conflicts]).toEqual([[], []]);
    expect(second.version).toBe(4);
    expect(await rowsOf(id)).toEqual([
      withValues(a, { route: { v: "sc" }, line: { v: "1" } }),
      withValues(e, { dose_value: { v: 250 } }),
    ]);
    const events = (await fieldEvents(ctx.db, id)).filter((ev) => ev.seq > before);
    expect(events.map((ev) => [ev.fieldPath, ev.actorId])).toEqual([
      ["treatment_lines.a1.line", ra.id],
      ["treatment_lines.e1.dose_value", ra.id],
    ]);
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it("a row added by each: both kept, theirs first; the save answers with everyone's rows", async () => {
    const id = await caseWith([a]);
    const mine = line("c1", "tofacitinib", 10);
    const theirs = line("r1", "ruxolitinib", 20);
    await save(id, { baseVersion: 2, blocks: { treatment_lines: rowsChange([a], [a, theirs]) } }, clin);
    const result = await save(id, { baseVersion: 2, blocks: { treatment_lines: rowsChange([a], [a, mine]) } }, ra);
    expect(result.conflicts).toEqual([]);
    expect(result.answers.blocks.treatment_lines).toEqual([a, theirs, mine]);
    expect(await rowsOf(id)).toEqual([a, theirs, mine]);
  });

  it("a row deleted by one and changed by the other: a conflict on the row, nothing lost; keeping the deletion then deletes it", async () => {
    const id = await caseWith([a, e]);
    const changed = withValues(a, { dose_value: { v: 300 } });
    await save(id, { baseVersion: 2, blocks: { treatment_lines: rowsChange([a, e], [changed, e]) } }, clin);
    const snapshot = await caseSnapshot(ctx.db, id);
    const deleted = await save(id, { baseVersion: 2, blocks: { treatment_lines: rowsChange([a, e], [e]) } }, ra);
    expect(deleted.conflicts).toEqual([
      { kind: "row", path: "treatment_lines.a1", block: "treatment_lines", rowId: "a1", mine: null, theirs: changed },
    ]);
    expect(await caseSnapshot(ctx.db, id)).toEqual(snapshot);
    // "Keep mine": the research assistant sends the deletion again, from what is stored now.
    const kept = await save(
      id,
      { baseVersion: deleted.version, blocks: { treatment_lines: rowsChange([changed, e], [e]) } },
      ra,
    );
    expect(kept.conflicts).toEqual([]);
    expect(await rowsOf(id)).toEqual([e]);
  });

  it("a retried block save is a no-op: same version, no audit event, no conflict", async () => {
    const id = await caseWith([a]);
    const payload: Payload = {
      baseVersion: 2,
      blocks: { treatment_lines: rowsChange([a], [withValues(a, { route: { v: "sc" } }), e]) },
    };
    const first = await save(id, payload, ra);
    const snapshot = await caseSnapshot(ctx.db, id);
    const retried = await save(id, payload, ra);
    expect(retried.conflicts).toEqual([]);
    expect(retried.version).toBe(first.version);
    expect(await caseSnapshot(ctx.db, id)).toEqual(snapshot);
  });

  it("stored rows read back in another key order are no change of anyone's", async () => {
    const id = await caseWith([line("k1", "anakinra", 200, { route: { v: "sc" }, start_date: { v: "2015-04-12" } })]);
    const storedRow = (await rowsOf(id))[0]!;
    const reordered: BlockRow = {
      id: storedRow.id,
      values: Object.fromEntries(Object.entries(storedRow.values).reverse()),
    };
    const result = await save(
      id,
      {
        baseVersion: 2,
        blocks: { treatment_lines: rowsChange([reordered], [withValues(reordered, { line: { v: "2" } })]) },
      },
      ra,
    );
    expect(result.conflicts).toEqual([]);
    expect((await rowsOf(id))[0]?.values.line).toEqual({ v: "2" });
  });

  it("rows added by both beyond the block's limit are refused, naming the block, and nothing is written", async () => {
    const nineteen = Array.from({ length: 19 }, (_, i) => line(`n${i}`, "anakinra", 100));
    const id = await caseWith(nineteen);
    await save(
      id,
      {
        baseVersion: 2,
        blocks: { treatment_lines: rowsChange(nineteen, [...nineteen, line("t1", "ruxolitinib", 20)]) },
      },
      clin,
    );
    const snapshot = await caseSnapshot(ctx.db, id);
    const error = await errorOf(() =>
      save(
        id,
        {
          baseVersion: 2,
          blocks: { treatment_lines: rowsChange(nineteen, [...nineteen, line("m1", "tofacitinib", 10)]) },
        },
        ra,
      ),
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).fieldErrors).toEqual({
      treatment_lines: [
        {
          key: "merge.tooManyRows",
          params: { block: { fr: "Lignes de traitement du SAM", en: "MAS treatment lines" }, max: 20 },
        },
      ],
    });
    expect(await caseSnapshot(ctx.db, id)).toEqual(snapshot);
  });
});
