// Notes on values (ADR 0016): written by the centre's users on a field or a
// row while the case can change, read by all who can read the case, audited
// (shown in the history), scanned by the identifier guard, refused on a place
// that does not exist.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { caseHistory } from "@/server/case-views.server";
import { createCase } from "@/server/cases.server";
import { ForbiddenError, InputError } from "@/server/errors";
import { addValueNote, listValueNotes } from "@/server/value-notes.server";
import { signCase, validateCase } from "@/server/workflow.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("notes on values", (ctx) => {
  let clin: Actor;
  let ra: Actor;
  let coord: Actor;
  let monitor: Actor;
  let caseId: string;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    clin = await addUser(ctx.db, { email: "clin@rei.test", role: "CLINICIAN", centreCode: "REI" });
    ra = await addUser(ctx.db, { email: "ra@rei.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    monitor = { ...(await addUser(ctx.db, { email: "mon@t.test", role: "MONITOR" })), monitorScope: "all" };
    caseId = (
      await createCase(ctx.db, clin, { initials: "VN", birthDate: "1955-05-05", centreCode: "REI", ...ELIGIBLE })
    ).id;
    await ctx.db.case.update({ where: { id: caseId }, data: { answers: sampleRecord(2) as object } });
  });

  it("a centre user notes a field and a row; everyone who reads the case sees the notes; the history shows them", async () => {
    await addValueNote(ctx.db, ra, caseId, { fieldPath: "ferritin", note: "  valeur du compte rendu du 05/06  " });
    const row = (await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } })).answers as {
      blocks: Record<string, { id: string }[]>;
    };
    const [blockId, rows] =
      Object.entries(row.blocks).find(([, r]) => r.length > 0) ?? expect.unreachable("a block row");
    await addValueNote(ctx.db, clin, caseId, { fieldPath: `${blockId}.${rows[0]?.id}`, note: "dosage refait à J3" });
    for (const reader of [clin, ra, coord, monitor]) {
      expect((await listValueNotes(ctx.db, reader, caseId)).map((n) => [n.fieldPath.split(".")[0], n.body])).toEqual([
        ["ferritin", "valeur du compte rendu du 05/06"],
        [blockId, "dosage refait à J3"],
      ]);
    }
    const history = (await caseHistory(ctx.db, coord, caseId)).filter((e) => e.type === "case.note_added");
    expect(history.map((e) => [e.fieldPath, (e.data as { message: string }).message, e.role])).toEqual([
      ["ferritin", "valeur du compte rendu du 05/06", "RESEARCH_ASSISTANT"],
      [`${blockId}.${rows[0]?.id}`, "dosage refait à J3", "CLINICIAN"],
    ]);
  });

  it("refuses a direct identifier, an empty or too long note, a place that does not exist — writing nothing", async () => {
    const before = await ctx.db.valueNote.count();
    const keyOf = async (input: unknown) => {
      const error = await errorOf(() => addValueNote(ctx.db, clin, caseId, input));
      expect(error).toBeInstanceOf(InputError);
      return Object.entries((error as InputError).fieldErrors).map(([field, list]) => `${field}:${list[0]?.key}`)[0];
    };
    expect(await keyOf({ fieldPath: "ferritin", note: "Appeler Mme au 06 12 34 56 78" })).toMatch(
      /^note:identifierGuard\./,
    );
    expect(await keyOf({ fieldPath: "ferritin", note: "   " })).toBe("note:valueNote.required");
    expect(await keyOf({ fieldPath: "ferritin", note: "x".repeat(301) })).toBe("note:identifierGuard.tooLong");
    expect(await keyOf({ fieldPath: "not_a_field", note: "ok" })).toBe("fieldPath:valueNote.fieldUnknown");
    expect(await keyOf({ fieldPath: "infections.no-such-row", note: "ok" })).toBe("fieldPath:valueNote.fieldUnknown");
    expect(await ctx.db.valueNote.count()).toBe(before);
  });

  it("coordinators and monitors read notes but do not write them; a validated case takes no new note", async () => {
    expect(
      await errorOf(() => addValueNote(ctx.db, coord, caseId, { fieldPath: "ferritin", note: "?" })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await errorOf(() => addValueNote(ctx.db, monitor, caseId, { fieldPath: "ferritin", note: "?" })),
    ).toBeInstanceOf(ForbiddenError);
    await signCase(ctx.db, clin, caseId, { password: TEST_PASSWORD, attest: true, locale: "fr" });
    await validateCase(ctx.db, coord, caseId);
    const error = await errorOf(() => addValueNote(ctx.db, clin, caseId, { fieldPath: "ferritin", note: "trop tard" }));
    expect((error as InputError).fieldErrors._form?.[0]?.key).toBe("valueNote.notAllowed");
  });
});
