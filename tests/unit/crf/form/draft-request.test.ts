// The draft save's request (src/components/crf/draft-request.ts): what the browser sends, and each
// kind of answer told to the save session — stored, refused with messages, unavailable, no connection.
import { describe, expect, it } from "vitest";
import { requestDraftSave } from "@/components/crf/draft-request";
import type { OutgoingPatch } from "@/components/crf/outgoing-patch";

const patch: OutgoingPatch = { baseVersion: 3, fields: { ferritin: { from: null, to: { v: 12000 } } }, blocks: {} };

function answering(status: number, body: unknown): { fetch: typeof fetch; calls: [string, RequestInit][] } {
  const calls: [string, RequestInit][] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push([String(input), init ?? {}]);
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { "content-type": "application/json" } });
  };
  return { fetch: fake as typeof fetch, calls };
}

describe("requestDraftSave", () => {
  it("sends the patch as JSON with PATCH to the case's draft", async () => {
    const server = answering(200, { version: 4, answers: { fields: {}, blocks: {} } });
    await requestDraftSave("c1", patch, server.fetch);
    const [url, init] = server.calls[0]!;
    expect(url).toBe("/api/cases/c1/draft");
    expect(init.method).toBe("PATCH");
    expect(JSON.parse(String(init.body))).toEqual(patch);
  });

  it("stored: the new version, answers, conflicts (none when absent) and time", async () => {
    const answers = { fields: { ferritin: { v: 12000 } }, blocks: {} };
    const conflicts = [{ kind: "field", path: "ferritin", mine: null, theirs: { v: 1 } }];
    expect(
      await requestDraftSave("c1", patch, answering(200, { version: 4, answers, conflicts, savedAt: "T" }).fetch),
    ).toEqual({ type: "stored", version: 4, answers, conflicts, savedAt: "T" });
    expect(await requestDraftSave("c1", patch, answering(200, { version: 4, answers }).fetch)).toMatchObject({
      type: "stored",
      conflicts: [],
    });
  });

  it("refused by the rules (400 with messages): the messages", async () => {
    const fieldErrors = { ferritin: [{ key: "rules.max" }] };
    expect(await requestDraftSave("c1", patch, answering(400, { fieldErrors }).fetch)).toEqual({
      type: "refused",
      errors: fieldErrors,
    });
  });

  it("any other answer is the server's: its status, and its message for the whole save if any", async () => {
    const locked = { key: "auth.sessionExpired" };
    expect(await requestDraftSave("c1", patch, answering(401, { fieldErrors: { _form: [locked] } }).fetch)).toEqual({
      type: "unavailable",
      status: 401,
      message: locked,
    });
    for (const [status, body] of [
      [500, "<html>Internal error</html>"],
      [502, ""],
      [400, { error: "bad" }],
      [200, { version: 4 }],
      [200, "null"],
    ] as const)
      expect(await requestDraftSave("c1", patch, answering(status, body).fetch)).toEqual({
        type: "unavailable",
        status,
        message: undefined,
      });
  });

  it("a request that could not be made is a connection problem", async () => {
    const offline = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await requestDraftSave("c1", patch, offline)).toEqual({ type: "networkFailed" });
  });
});
