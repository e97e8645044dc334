import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  sealEvent,
  verifyChain,
  type AuditKeyring,
  type ChainedEventContent,
  type StoredAuditEvent,
} from "@/domain/audit-chain";
import {
  checkpointSigned,
  compareCheckpoints,
  parseCheckpoints,
  checkpointLine,
  signCheckpoint,
} from "@/domain/audit-checkpoint";
import { replayAnswers } from "@/domain/audit-replay";
import {
  assertProductionAuditConfig,
  AuditConfigError,
  auditKeyring,
  checkpointFile,
  parseAuditKeys,
} from "@/server/audit-config";

const KEY_A = "a".repeat(40);
const KEY_B = "b".repeat(40);
const ring: AuditKeyring = { currentId: "k1", keys: new Map([["k1", KEY_A]]) };

function content(seq: number, type = "case.created"): ChainedEventContent {
  return {
    seq,
    at: `2026-11-23T10:00:0${seq}.000Z`,
    type,
    actorId: "u1",
    actorRole: "CLINICIAN",
    centre: "REI",
    caseId: "c1",
    fieldPath: null,
    oldValue: null,
    newValue: null,
    reason: null,
    data: '{"a":1}',
  };
}

let saltCounter = 0;
const salt = () => `salt-${++saltCounter}`;

/** A legacy (unkeyed) prefix of `legacy` events, then `keyed` events sealed with `keyring`. */
function chain(legacy: number, keyed = 0, keyring = ring): StoredAuditEvent[] {
  const out: StoredAuditEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= legacy + keyed; i++) {
    const c = content(i);
    if (i <= legacy) {
      const hash = eventHash(prev, c);
      out.push({ ...c, prevHash: prev, hash });
      prev = hash;
    } else {
      const sealed = sealEvent(keyring, prev, c, salt);
      out.push({ ...c, prevHash: prev, ...sealed });
      prev = sealed.hash;
    }
  }
  return out;
}

describe("audit hash chain", () => {
  it("serialises with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
  });
  it("verifies an intact legacy chain, and a legacy prefix followed by keyed events", () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, count: 5 });
    expect(verifyChain(chain(3, 4), ring)).toEqual({ ok: true, count: 7 });
  });
  it("names the first edited event (legacy and keyed)", () => {
    const events = chain(2, 3);
    events[1] = { ...events[1]!, data: '{"a":2}' };
    expect(verifyChain(events, ring)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "hash" });
    const keyed = chain(0, 5);
    keyed[3] = { ...keyed[3]!, data: '{"a":2}' };
    expect(verifyChain(keyed, ring)).toMatchObject({ ok: false, brokenAtSeq: 4, why: "hash" });
  });
  it("detects a deleted event and a re-linked one", () => {
    const events = chain(0, 5);
    events.splice(1, 1);
    expect(verifyChain(events, ring)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "gap" });
    const relinked = chain(0, 3);
    relinked[1] = { ...relinked[1]!, prevHash: "f".repeat(64) };
    expect(verifyChain(relinked, ring)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "link" });
  });
  it("an event edited and re-hashed without the key (another key, or the legacy rule) does not verify", () => {
    const events = chain(0, 4);
    const forger: AuditKeyring = { currentId: "k1", keys: new Map([["k1", KEY_B]]) };
    const edited = { ...content(3), data: '{"a":"forged"}' };
    events[2] = { ...edited, prevHash: events[1]!.hash, ...sealEvent(forger, events[1]!.hash, edited, salt) };
    expect(verifyChain(events, ring)).toMatchObject({ ok: false, brokenAtSeq: 3, why: "hash" });
    // Appended with the old, unkeyed rule after the keyed chain began: refused as unkeyed.
    const appended = chain(0, 3);
    const c = content(4);
    appended.push({ ...c, prevHash: appended[2]!.hash, hash: eventHash(appended[2]!.hash, c) });
    expect(verifyChain(appended, ring)).toMatchObject({ ok: false, brokenAtSeq: 4, why: "unkeyed" });
  });
  it("an unknown key id does not verify; rotation keeps old keys verifying", () => {
    const old = chain(0, 2);
    expect(verifyChain(old, { currentId: "k2", keys: new Map([["k2", KEY_B]]) })).toMatchObject({
      ok: false,
      brokenAtSeq: 1,
      why: "key",
    });
    const rotated: AuditKeyring = {
      currentId: "k2",
      keys: new Map([
        ["k2", KEY_B],
        ["k1", KEY_A],
      ]),
    };
    const prev = old[1]!.hash;
    const c = content(3);
    const next = { ...c, prevHash: prev, ...sealEvent(rotated, prev, c, salt) };
    expect(next.keyId).toBe("k2");
    expect(verifyChain([...old, next], rotated)).toEqual({ ok: true, count: 3 });
  });
  it("a value blanked by a redaction still verifies once an audit.redacted event names it; blanked silently it does not", () => {
    const events = chain(0, 3);
    events[1] = { ...events[1]!, data: null, redacted: '["data"]', salts: "{}" };
    expect(verifyChain(events, ring)).toMatchObject({ ok: false, brokenAtSeq: 2, why: "redaction" });
    const prev = events[2]!.hash;
    const r = {
      ...content(4, "audit.redacted"),
      data: JSON.stringify({ targets: [{ seq: 2, column: "data", replacement: '{"a":"[caviardé]"}' }] }),
    };
    events.push({ ...r, prevHash: prev, ...sealEvent(ring, prev, r, salt) });
    expect(verifyChain(events, ring)).toEqual({ ok: true, count: 4 });
    // Blanked without the redacted mark: a plain deletion of the value.
    const silent = chain(0, 2);
    silent[0] = { ...silent[0]!, data: null };
    expect(verifyChain(silent, ring)).toMatchObject({ ok: false, brokenAtSeq: 1, why: "hash" });
  });
});

describe("signed checkpoints", () => {
  const events = chain(0, 5);
  const hashAt = (seq: number) => events[seq - 1]?.hash;
  const cp = (seq: number, keyring = ring) =>
    checkpointLine(signCheckpoint(keyring, { seq, hash: events[seq - 1]!.hash }, new Date("2026-12-06T10:00:00Z")));

  it("agree with the trail they were taken from", () => {
    const lines = parseCheckpoints(cp(2) + cp(5));
    expect(lines.every((l) => l.checkpoint && checkpointSigned(ring, l.checkpoint))).toBe(true);
    expect(compareCheckpoints(ring, lines, hashAt, 5)).toEqual([]);
  });
  it("name a truncated trail, a rewritten one, and a forged or damaged line", () => {
    const lines = parseCheckpoints(cp(5));
    expect(compareCheckpoints(ring, lines, hashAt, 4)).toMatchObject([{ kind: "beyond_trail", lastSeq: 4 }]);
    expect(compareCheckpoints(ring, lines, () => "0".repeat(64), 5)).toMatchObject([{ kind: "hash_differs" }]);
    const forged = parseCheckpoints(`${cp(3, { currentId: "k1", keys: new Map([["k1", KEY_B]]) })}not json\n`);
    expect(compareCheckpoints(ring, forged, hashAt, 5)).toEqual([
      { kind: "unsigned", line: 1 },
      { kind: "unsigned", line: 2 },
    ]);
  });
});

describe("audit keys from the environment", () => {
  it("parse id:secret lists, first one current; refuse short or malformed keys without printing them", () => {
    const parsed = parseAuditKeys(`new:${KEY_B}, old:${KEY_A}`);
    expect(parsed.currentId).toBe("new");
    expect([...parsed.keys.keys()]).toEqual(["new", "old"]);
    expect(() => parseAuditKeys("k1:short")).toThrow(/shorter than 32/);
    expect(() => parseAuditKeys(KEY_A)).toThrow(AuditConfigError);
    expect(() => parseAuditKeys("k1:short")).not.toThrow(/short$/);
  });
  it("fall back to a development key outside production; production refuses to run without keys or checkpoint file", () => {
    expect(auditKeyring({ NODE_ENV: "test" }).currentId).toBe("dev");
    expect(() => auditKeyring({ NODE_ENV: "production" })).toThrow(/AUDIT_HMAC_KEYS is not set/);
    expect(() => auditKeyring({ NODE_ENV: "production", AUDIT_HMAC_KEYS: `dev:${KEY_A}` })).toThrow(/reserved/);
    expect(auditKeyring({ NODE_ENV: "production", AUDIT_HMAC_KEYS: `k1:${KEY_A}` }).keys.has("dev")).toBe(false);
    expect(() => checkpointFile({ NODE_ENV: "production" })).toThrow(/AUDIT_CHECKPOINT_FILE is not set/);
    expect(checkpointFile({ NODE_ENV: "test", DATABASE_URL: "file:/tmp/x.db" })).toBe("/tmp/x.db.checkpoints");
    expect(() => assertProductionAuditConfig({ NODE_ENV: "production", AUDIT_HMAC_KEYS: `k1:${KEY_A}` })).toThrow(
      /AUDIT_CHECKPOINT_FILE/,
    );
    expect(() => assertProductionAuditConfig({ NODE_ENV: "production", AUDIT_CHECKPOINT_FILE: "/var/x" })).toThrow(
      /AUDIT_HMAC_KEYS/,
    );
    expect(() =>
      assertProductionAuditConfig({
        NODE_ENV: "production",
        AUDIT_HMAC_KEYS: `k1:${KEY_A}`,
        AUDIT_CHECKPOINT_FILE: "/var/x",
      }),
    ).not.toThrow();
  });
});

describe("answers rebuilt from the trail", () => {
  const ev = (seq: number, type: string, fieldPath: string | null, newValue: unknown, data: unknown = null) => ({
    seq,
    type,
    fieldPath,
    newValue: newValue === null ? null : JSON.stringify(newValue),
    data: data === null ? null : JSON.stringify(data),
  });
  it("replays creation, fields, rows and redacted values", () => {
    const events = [
      ev(1, "case.created", null, null, {
        eligibility: { elig_dm: "yes", elig_sam: "yes", sam_date: "2026-01", elig_france: "yes" },
      }),
      ev(2, "case.field_changed", "ferritin", { v: 1200, unit: "ug_l" }),
      ev(3, "case.field_changed", "tl", { v: "row" }),
      ev(4, "case.field_changed", "tl.r1", { v: "row" }),
      ev(5, "case.field_changed", "tl.r1.drug", { v: "mtx" }),
      { ...ev(6, "case.field_changed", "comments", null), newValue: null },
      ev(7, "audit.redacted", null, null, {
        targets: [{ seq: 6, column: "newValue", replacement: JSON.stringify({ v: "vu par [caviardé]" }) }],
      }),
    ];
    expect(replayAnswers(events)).toEqual({
      fields: {
        elig_dm: { v: "yes" },
        elig_sam: { v: "yes" },
        sam_date: { v: "2026-01" },
        elig_france: { v: "yes" },
        ferritin: { v: 1200, unit: "ug_l" },
        tl: { v: "row" },
        comments: { v: "vu par [caviardé]" },
      },
      blocks: { tl: [{ id: "r1", values: { drug: { v: "mtx" } } }] },
    });
    expect(replayAnswers([ev(2, "case.field_changed", "ferritin", { v: 1 })])).toBeNull();
  });
});
