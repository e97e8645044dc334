// Every server action goes through action()/publicAction() (src/server/action.server.ts,
// issue #12): the actor from the database, the database, refusals as messages.
// Generated from the tree: every "use server" module under src/app is imported
// and each export checked for the wrapper's mark, so a new action written by
// hand — or a new actions file — fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { action, actionAccess, publicAction } from "@/server/action.server";

vi.mock("@/server/session.server", () => ({
  getActor: async () => null,
  requireActor: async () => {
    throw new Error("signed out");
  },
}));

const SRC = join(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sourceFiles(path);
    return /\.tsx?$/.test(d.name) ? [path] : [];
  });
}

/** A module whose first statement is the directive: all its exports are server actions. */
const isActionModule = (text: string) => /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(text);

const files = sourceFiles(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, "utf8") }));
const actionModules = files.filter((f) => isActionModule(f.text)).map((f) => f.path);

/** Signed-in actions; everything else must be public on purpose (no session yet, or none needed). */
const PUBLIC = new Set([
  "app/forgot-password/actions.ts > requestPasswordResetAction",
  "app/invite/actions.ts > acceptInvitationAction",
  "app/locale-actions.ts > setLocaleAction",
  "app/login/second-factor-actions.ts > secondStepInfoAction",
  "app/login/second-factor-actions.ts > beginEnrolmentAction",
  "app/login/second-factor-actions.ts > confirmEnrolmentAction",
  "app/login/second-factor-actions.ts > passkeyOptionsAction",
]);

describe("server actions", () => {
  it("the scan finds the action modules (a broken scan would pass on nothing)", () => {
    expect(actionModules).toContain("app/cases/[id]/actions.ts");
    expect(actionModules).toContain("app/locale-actions.ts");
    expect(actionModules.length).toBeGreaterThanOrEqual(13);
  });

  it("no action is declared inline (a 'use server' inside a function of a page or component)", () => {
    const inline = files
      .filter((f) => !isActionModule(f.text) && /^\s*["']use server["'];?\s*$/m.test(f.text))
      .map((f) => f.path);
    expect(inline).toEqual([]);
  });

  it.each(actionModules)("%s: every export is wrapped by action() or publicAction()", async (path) => {
    const module = (await import(/* @vite-ignore */ join(SRC, path))) as Record<string, unknown>;
    const exports = Object.entries(module);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      const access = actionAccess(value);
      expect({ action: `${path} > ${name}`, wrapped: access !== null }).toEqual({
        action: `${path} > ${name}`,
        wrapped: true,
      });
      expect({ action: `${path} > ${name}`, access }).toEqual({
        action: `${path} > ${name}`,
        access: PUBLIC.has(`${path} > ${name}`) ? "public" : "signed-in",
      });
    }
  });

  it("the mark tells wrapped functions from plain ones", () => {
    expect(actionAccess(action(async () => null))).toBe("signed-in");
    expect(actionAccess(publicAction(async () => null))).toBe("public");
    expect(actionAccess(async () => null)).toBeNull();
    expect(actionAccess("setLocaleAction")).toBeNull();
  });

  it("a signed-out visitor never reaches a signed-in action's body", async () => {
    let ran = false;
    const guarded = action(async () => {
      ran = true;
      return null;
    });
    await expect(guarded()).rejects.toThrow("signed out");
    expect(ran).toBe(false);
  });
});
