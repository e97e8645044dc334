// Host-header poisoning (issue #12): an attacker who makes the app mail a link
// carrying a token — a password reset for someone else's address, or a
// coordinator's invitation sent through a proxy that passes headers on — with a
// forged Host or X-Forwarded-Host would receive the token on their own site if
// links were built from the request. They are built from the configured public
// URL only (publicBaseUrl, src/server/env.ts); production without one refuses.
// The real server actions run here, with the request's headers forged.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/actor";
import type { Db } from "@/server/db/create-db";
import { addCentre, addUser } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const request = vi.hoisted(() => ({ db: null as unknown as Db, actor: null as Actor | null }));
const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

vi.mock("next/headers", () => ({
  headers: async () => new Headers(FORGED),
  cookies: async () => ({ get: () => undefined, set: () => undefined, has: () => false }),
}));
vi.mock("next/server", async (original) => ({ ...(await original<object>()), after: () => undefined }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/server/db/db.server", () => ({ db: () => request.db }));
vi.mock("@/server/session.server", () => ({
  getActor: async () => request.actor,
  requireActor: async () => {
    if (!request.actor) throw new Error("signed out");
    return request.actor;
  },
}));

const { createUserAction, reinviteUserAction } = await import("@/app/admin/users/actions");
const { requestPasswordResetAction } = await import("@/app/forgot-password/actions");

const CONFIGURED = "https://ecrf.chu-test.fr";

afterEach(() => {
  vi.unstubAllEnvs();
});

describeEachDatabase("links in mails ignore a forged Host and X-Forwarded-Host", (ctx) => {
  let coord: Actor;

  beforeAll(async () => {
    request.db = ctx.db;
    await addCentre(ctx.db, "HST");
    coord = await addUser(ctx.db, { email: "coord@host.test", role: "COORDINATOR" });
    await addUser(ctx.db, { email: "clin@host.test", role: "CLINICIAN", centreCode: "HST", withPassword: true });
  });

  const mailsTo = (to: string) => ctx.db.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

  it("an invitation link starts with the configured URL", async () => {
    request.db = ctx.db;
    request.actor = coord;
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NEXTAUTH_URL", CONFIGURED);
    const created = await createUserAction({
      email: "invitee@host.test",
      displayName: "Invitee",
      role: "CLINICIAN",
      centreCode: "HST",
    });
    expect(created.ok).toBe(true);
    if (created.ok) expect(await reinviteUserAction(created.data.userId)).toMatchObject({ ok: true });
    const mails = await mailsTo("invitee@host.test");
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.body).toContain(`${CONFIGURED}/invite/`);
      expect(mail.body).not.toContain("evil.example");
    }
  });

  it("a password-reset link starts with the configured URL (APP_URL over NEXTAUTH_URL)", async () => {
    request.db = ctx.db;
    request.actor = null;
    vi.stubEnv("APP_URL", "https://links.chu-test.fr/");
    vi.stubEnv("NEXTAUTH_URL", CONFIGURED);
    expect(await requestPasswordResetAction({ email: "clin@host.test" })).toEqual({ ok: true, data: null });
    const [mail] = await mailsTo("clin@host.test");
    expect(mail?.body).toContain("https://links.chu-test.fr/invite/");
    expect(mail?.body).not.toContain("evil.example");
  });

  it("production without a configured URL refuses, naming the variables, and mails nothing", async () => {
    request.db = ctx.db;
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NEXTAUTH_URL", "");
    request.actor = coord;
    const before = await ctx.db.outboxMail.count();
    await expect(
      createUserAction({ email: "nobody@host.test", displayName: "No", role: "CLINICIAN", centreCode: "HST" }),
    ).rejects.toThrow(/APP_URL or NEXTAUTH_URL must be set/);
    request.actor = null;
    await expect(requestPasswordResetAction({ email: "clin@host.test" })).rejects.toThrow(
      /APP_URL or NEXTAUTH_URL must be set/,
    );
    expect(await ctx.db.outboxMail.count()).toBe(before);
  });
});

describe("the public URL is never read from the request", () => {
  it("no module under src/ builds anything from the Host or X-Forwarded-Host header", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const root = join(import.meta.dirname, "../../src");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => /\.(ts|tsx)$/.test(f) && !f.startsWith("generated"),
    );
    expect(files.length).toBeGreaterThan(100);
    const reads = files.flatMap((f) =>
      readFileSync(join(root, f), "utf8")
        .split("\n")
        .filter((line) => /\.get\(\s*["'](host|x-forwarded-host)["']\s*\)/i.test(line))
        .map((line) => `${f}: ${line.trim()}`),
    );
    // The one reader compares the browser's Origin with the host it reached (CSRF, readJsonBody): it builds no
    // URL, and a browser cannot forge either header on a cross-site request.
    expect(reads).toEqual(['server/http.server.ts: const host = h.get("x-forwarded-host") ?? h.get("host");']);
  });
});
