// Values accepted from the pre-fill panel are marked as such in the audit trail (a field, or every
// field of a whole new row); typed values are not; the document's text is never sent or stored.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { saveDraft } from "@/server/case-answers.server";
import { checkAuditChain } from "../support/audit-log";
import { change, newDraftCase, rowsChange } from "../support/case-fixtures";
import { addCentre, addUser } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("pre-fill provenance in the audit trail", (ctx) => {
  let clin: Actor;
  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    clin = await addUser(ctx.db, {
      email: "clin.pf@t.test",
      role: "CLINICIAN",
      centreCode: "REI",
      withPassword: false,
    });
  });

  const sources = async (caseId: string) =>
    Object.fromEntries(
      (
        await ctx.db.auditEvent.findMany({ where: { caseId, type: "case.field_changed" }, orderBy: { seq: "asc" } })
      ).map((e) => [e.fieldPath, e.data ? JSON.parse(e.data).source : null]),
    );

  it("marks the fields and rows the user accepted from a proposal, and only those", async () => {
    const caseId = await newDraftCase(ctx.db, clin);
    const row = { id: "rpf1", values: { drug: { v: "anakinra" }, route: { v: "sc" } } };
    await saveDraft(ctx.db, clin, caseId, {
      baseVersion: 1,
      fields: { ferritin: change(null, { v: 12000, unit: "ug_l" }), weight_kg: change(null, { v: 61 }) },
      blocks: { treatment_lines: rowsChange([], [row]) },
      prefilled: ["ferritin", "treatment_lines.rpf1"],
    });
    expect(await sources(caseId)).toEqual({
      ferritin: "prefill",
      weight_kg: null,
      "treatment_lines.rpf1": "prefill",
      "treatment_lines.rpf1.drug": "prefill",
      "treatment_lines.rpf1.route": "prefill",
    });
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });

  it("refuses anything but record paths in the provenance list", async () => {
    const caseId = await newDraftCase(ctx.db, clin);
    await expect(
      saveDraft(ctx.db, clin, caseId, { baseVersion: 1, fields: {}, prefilled: ["Mme Dupont, 12 rue de la Paix"] }),
    ).rejects.toMatchObject({ name: "InputError" });
  });
});
