// The browser checks its draft patch with the server's own schema before
// sending it (src/components/crf/outgoing-patch.ts).
import { describe, expect, it } from "vitest";
import { checkOutgoingPatch, type OutgoingPatch } from "@/components/crf/outgoing-patch";
import { TODAY } from "../engine/helpers";

const patch = (over: Partial<OutgoingPatch>): OutgoingPatch => ({ baseVersion: 3, fields: {}, blocks: {}, ...over });

describe("checkOutgoingPatch", () => {
  it("lets a valid patch through unchanged", () => {
    const p = patch({
      fields: { ferritin: { from: null, to: { v: 1200 } } },
      blocks: { treatment_lines: { from: [], to: [{ id: "r1", values: { drug: { v: "anakinra" } } }] } },
    });
    expect(checkOutgoingPatch(p, TODAY)).toEqual({ patch: p, withheld: new Set(), errors: {} });
  });

  it("withholds a field the schema refuses, with its message at the field, and keeps the rest", () => {
    const p = patch({
      fields: { comments: { from: null, to: { v: "a\u0000b" } }, ferritin: { from: null, to: { v: 1200 } } },
    });
    const checked = checkOutgoingPatch(p, TODAY);
    expect(checked.errors).toEqual({ comments: [{ key: "generic.invalidText" }] });
    expect([...checked.withheld]).toEqual(["comments"]);
    expect(checked.patch).toEqual(patch({ fields: { ferritin: { from: null, to: { v: 1200 } } } }));
  });

  it("withholds a block whose row the schema refuses, naming the row's field", () => {
    const p = patch({
      fields: { ferritin: { from: null, to: { v: 1200 } } },
      blocks: { treatment_lines: { from: [], to: [{ id: "r1", values: { drug: { v: "not-a-drug" } } }] } },
    });
    const checked = checkOutgoingPatch(p, TODAY);
    expect(Object.keys(checked.errors)).toEqual(["treatment_lines.r1.drug"]);
    expect(checked.patch?.blocks).toEqual({});
    expect(checked.patch?.fields).toEqual(p.fields);
  });

  it("sends nothing when the patch as a whole is refused", () => {
    const checked = checkOutgoingPatch(
      patch({ baseVersion: 0, fields: { ferritin: { from: null, to: { v: 1200 } } } }),
      TODAY,
    );
    expect(checked.patch).toBeNull();
    expect(Object.keys(checked.errors)).toEqual(["_form"]);
    const reason = checkOutgoingPatch(
      patch({ reason: "x".repeat(501), fields: { ferritin: { from: null, to: { v: 1200 } } } }),
      TODAY,
    );
    expect(reason.patch).toBeNull();
    expect(Object.keys(reason.errors)).toEqual(["_form"]);
  });
});
