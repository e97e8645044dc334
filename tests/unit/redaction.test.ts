import { describe, expect, it } from "vitest";
import { checkRedactionInput, redactColumn, redactDeep, redactionPattern, REDACTION_TOKEN } from "@/domain/redaction";

describe("redaction matching", () => {
  const p = redactionPattern("Jeanne Dupont");
  it("ignores case, zero-width and bidi characters inside the text, and spacing", () => {
    expect(redactDeep("vue par jeanne DUPONT hier", p).value).toBe(`vue par ${REDACTION_TOKEN} hier`);
    expect(redactDeep("vue par Jeanne  Du\u200Bpo\u202Ent", p).value).toBe(`vue par ${REDACTION_TOKEN}`);
    expect(redactDeep("vue par Jeanne Durand", p)).toEqual({ value: "vue par Jeanne Durand", changed: false });
  });
  it("replaces in every string of a JSON value and of a stored column, JSON or plain", () => {
    const answers = {
      fields: { comments: { v: "Jeanne Dupont, 55 ans" }, ferritin: { v: 1200 } },
      blocks: { rows: [{ id: "r", values: { note: { v: "jeanne dupont" } } }] },
    };
    const out = redactDeep(answers, p);
    expect(out.changed).toBe(true);
    expect(JSON.stringify(out.value)).not.toMatch(/dupont/i);
    expect(redactColumn(JSON.stringify({ queryId: "q", message: "Jeanne Dupont ?" }), true, p)).toBe(
      JSON.stringify({ queryId: "q", message: `${REDACTION_TOKEN} ?` }),
    );
    expect(redactColumn("correction demandée par Jeanne Dupont", false, p)).toBe(
      `correction demandée par ${REDACTION_TOKEN}`,
    );
    expect(redactColumn('{"v":1200}', true, p)).toBeNull();
  });
  it("treats the text literally (no pattern syntax)", () => {
    expect(redactDeep("a.b a+b", redactionPattern("a+b")).value).toBe(`a.b ${REDACTION_TOKEN}`);
  });
});

describe("a redaction request", () => {
  const valid = { caseId: "c1", text: "Dupont", reason: "Nom saisi par erreur", requestedBy: "clinician" };
  it("is accepted when complete", () => {
    expect(checkRedactionInput(valid)).toEqual({ ok: true, value: valid });
  });
  it("names each field and rule that fails, and refuses a reason that repeats the text", () => {
    expect(checkRedactionInput({ caseId: "c1", text: "D", reason: "x", requestedBy: "someone" })).toEqual({
      ok: false,
      errors: {
        text: [{ key: "redaction.textLength", params: { min: 2, max: 200 } }],
        reason: [{ key: "redaction.reasonLength", params: { min: 5, max: 500 } }],
        requestedBy: [{ key: "redaction.requestedBy", params: undefined }],
      },
    });
    expect(checkRedactionInput({ ...valid, reason: "retirer le nom DUPONT" })).toMatchObject({
      ok: false,
      errors: { reason: [{ key: "redaction.reasonQuotesText" }] },
    });
  });
});
