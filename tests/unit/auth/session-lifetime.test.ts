import { describe, expect, it } from "vitest";
import { SESSION_MAX_SECONDS, sessionIsCurrent } from "@/server/auth/session-config";

const NOW = Date.parse("2026-03-02T12:00:00.000Z");

describe("whether a session may still be used", () => {
  it("accepts a session begun up to 12 hours ago, not a millisecond more", () => {
    expect(sessionIsCurrent(NOW - 1000, NOW)).toBe(true);
    expect(sessionIsCurrent(NOW - SESSION_MAX_SECONDS * 1000, NOW)).toBe(true);
    expect(sessionIsCurrent(NOW - SESSION_MAX_SECONDS * 1000 - 1, NOW)).toBe(false);
  });

  it("refuses a token without a start time, or with one that is not a number or lies in the future", () => {
    for (const startedAt of [undefined, null, "1772452800000", Number.NaN, Number.POSITIVE_INFINITY, NOW + 120_000]) {
      expect(sessionIsCurrent(startedAt, NOW)).toBe(false);
    }
    // A minute of clock difference between instances is tolerated.
    expect(sessionIsCurrent(NOW + 30_000, NOW)).toBe(true);
  });

  it("refuses a session begun before the user's sessions were voided (sign-out, password change)", () => {
    const voided = new Date(NOW - 60_000);
    expect(sessionIsCurrent(NOW - 60_001, NOW, voided)).toBe(false);
    expect(sessionIsCurrent(NOW - 60_000, NOW, voided)).toBe(true);
    expect(sessionIsCurrent(NOW - 10_000, NOW, voided)).toBe(true);
  });
});
