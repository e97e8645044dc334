import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, GENESIS_HASH, verifyChain, type ChainedEventContent } from "@/domain/audit-chain";

function content(seq: number, type = "case.created"): ChainedEventContent {
  return { seq, at: `2026-11-23T10:00:0${seq}.000Z`, type, actorId: "u1", actorRole: "CLINICIAN", centre: "REI", caseId: "c1", fieldPath: null, oldValue: null, newValue: null, reason: null, data: '{"a":1}' };
}

function chain(n: number) {
  const out: (ChainedEventContent & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i);
    const hash = eventHash(prev, c);
    out.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("serialises with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
  it("verifies an intact chain", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, count: 5 });
  });
  it("names the first edited event", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, data: '{"a":2}' };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAtSeq: 3, why: "hash" });
  });
  it("detects a deleted event", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "gap" });
  });
  it("detects a rewritten tail whose links no longer match", () => {
    const events = chain(3);
    events[1] = { ...events[1]!, prevHash: "f".repeat(64) };
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "link" });
  });
});
