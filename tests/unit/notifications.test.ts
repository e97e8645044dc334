// Who is told what (src/domain/notifications.ts), without a database.
import { describe, expect, it } from "vitest";
import { deliveryFor, notificationKey, recipientsOf } from "@/domain/notifications";

const u = (id: string, role: string, centreId: string | null, active = true) => ({
  id,
  role: role as never,
  centreId,
  active,
});
const PEOPLE = [
  u("creator", "RESEARCH_ASSISTANT", "rei"),
  u("signer", "CLINICIAN", "rei"),
  u("otherClin", "CLINICIAN", "rei"),
  u("ra2", "RESEARCH_ASSISTANT", "rei"),
  u("raGone", "RESEARCH_ASSISTANT", "rei", false),
  u("raPar", "RESEARCH_ASSISTANT", "par"),
  u("coord", "COORDINATOR", null),
  u("coord2", "COORDINATOR", null),
  u("mon", "MONITOR", null),
  u("stats", "STATISTICIAN", null),
];
const PARTIES = { centreId: "rei", createdById: "creator", signedById: "signer", queryRaisedById: "mon" };

describe("recipients", () => {
  it("a query for the centre: the creator, the signer and every active research assistant of the centre — not the actor", () => {
    expect(recipientsOf("query_raised", PARTIES, PEOPLE, "coord")).toEqual(["creator", "ra2", "signer"]);
    expect(recipientsOf("case_validated", PARTIES, PEOPLE, "coord")).toEqual(["creator", "ra2", "signer"]);
  });

  it("an answer: every coordinator and the monitor who raised the query, never the one who answered", () => {
    expect(recipientsOf("query_answered", PARTIES, PEOPLE, "creator")).toEqual(["coord", "coord2", "mon"]);
    expect(recipientsOf("query_answered", { ...PARTIES, queryRaisedById: "coord" }, PEOPLE, "creator")).toEqual([
      "coord",
      "coord2",
    ]);
  });

  it("a centre's question: the coordinators only; its answer: the centre and the asker", () => {
    const asked = { ...PARTIES, queryRaisedById: "otherClin" };
    expect(recipientsOf("question_asked", asked, PEOPLE, "otherClin")).toEqual(["coord", "coord2"]);
    expect(recipientsOf("question_answered", asked, PEOPLE, "coord")).toEqual([
      "creator",
      "otherClin",
      "ra2",
      "signer",
    ]);
  });
});

describe("delivery", () => {
  it("mutes only what asks nothing; digest or immediate otherwise", () => {
    expect(deliveryFor("case_validated", { notifyMode: "immediate", muteNonEssential: true })).toBe("muted");
    expect(deliveryFor("query_raised", { notifyMode: "immediate", muteNonEssential: true })).toBe("queued");
    expect(deliveryFor("query_raised", { notifyMode: "digest", muteNonEssential: false })).toBe("digest");
    expect(deliveryFor("case_validated", { notifyMode: "digest", muteNonEssential: false })).toBe("digest");
  });

  it("one key per event and recipient", () => {
    expect(notificationKey("query_raised:m1", "u1")).not.toBe(notificationKey("query_raised:m1", "u2"));
    expect(notificationKey("query_raised:m1", "u1")).toBe(notificationKey("query_raised:m1", "u1"));
  });
});
