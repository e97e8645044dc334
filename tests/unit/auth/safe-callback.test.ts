import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/domain/safe-callback";

describe("safeCallbackPath: only same-origin paths are followed after sign-in", () => {
  it.each([
    ["/", "/"],
    ["/cases/abc", "/cases/abc"],
    ["/cases/abc?tab=history#field-ferritin", "/cases/abc?tab=history#field-ferritin"],
    ["/queries?status=OPEN&centre=REI", "/queries?status=OPEN&centre=REI"],
    ["/cases/../admin/users", "/admin/users"],
    ["/caf%C3%A9", "/caf%C3%A9"],
  ])("keeps %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/\\/evil.com",
    "\\/evil.com",
    "/%5Cevil.com/..",
    "https://evil.com",
    "http://same-origin.invalid/x",
    "javascript:alert(1)",
    "evil.com",
    " /cases",
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r/evil.com",
    "/ /evil.com",
    "/cases\u0000",
    "/\u0085/evil.com",
    "/\u2028/evil.com",
    "/x\u007f",
    "",
    "/".repeat(1) + "a".repeat(3000),
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("refuses what is not a string, and uses the fallback given", () => {
    for (const value of [undefined, null, 42, ["/cases"], { toString: () => "/cases" }])
      expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath("//evil.com", "/home")).toBe("/home");
  });

  it("never returns a value a browser would resolve to another origin", () => {
    const tricky = ["/.//evil.com", "/./\\evil.com", "/%2F%2Fevil.com", "/..//evil.com", "/a/..//evil.com"];
    for (const value of tricky) {
      const out = safeCallbackPath(value);
      expect(new URL(out, "https://ecrf.example").origin).toBe("https://ecrf.example");
    }
  });
});
