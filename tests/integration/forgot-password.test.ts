import { beforeAll, describe, expect, it } from "vitest";
import { RESET_LINK_MINUTES, RESET_REQUEST_INTERVAL_MINUTES } from "@/domain/forgot-password-input";
import { verifyAuditTrail } from "@/server/audit-verify";
import { requestPasswordReset, resetLinkBaseUrl } from "@/server/auth/forgot-password.server";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import type { InputError } from "@/server/errors";
import { acceptInvitation, invitationState } from "@/server/invitations.server";
import { resetUserPassword } from "@/server/users.server";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const BASE = "https://ecrf.test";
const T0 = new Date("2026-03-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const NEW_PASSWORD = { password: "a-brand-new-password", confirm: "a-brand-new-password" };
const tokenIn = (body: string) => /\/invite\/([A-Za-z0-9_-]{40,})/.exec(body)?.[1] ?? "";

describeEachDatabase("forgot password (self-service reset link)", (ctx) => {
  const mailsTo = (to: string) => ctx.db.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
  const requests = async (email: string) =>
    (await ctx.db.auditEvent.findMany({ where: { type: "auth.password_reset_requested" }, orderBy: { seq: "asc" } }))
      .map((e) => JSON.parse(e.data ?? "{}") as { email: string; outcome: string; revokedLinks?: number })
      .filter((d) => d.email === email);

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    const en = await addUser(ctx.db, { email: "english@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    await ctx.db.user.update({ where: { id: en.id }, data: { locale: "en" } });
    await addUser(ctx.db, { email: "gone@t.test", role: "CLINICIAN", centreCode: "REI", active: false });
    await addUser(ctx.db, { email: "twice@t.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("an unknown e-mail gets the same answer and nothing is queued; the request is audited", async () => {
    expect(await requestPasswordReset(ctx.db, { email: "Nobody@T.test " }, BASE, T0)).toEqual({
      outcome: "unknown_user",
    });
    expect(await ctx.db.outboxMail.count()).toBe(0);
    expect(await ctx.db.invitation.count()).toBe(0);
    expect(await requests("nobody@t.test")).toEqual([{ email: "nobody@t.test", outcome: "unknown_user" }]);
  });

  it("a disabled account gets no link either", async () => {
    expect(await requestPasswordReset(ctx.db, { email: "gone@t.test" }, BASE, T0)).toEqual({ outcome: "inactive" });
    expect(await mailsTo("gone@t.test")).toEqual([]);
  });

  it("a malformed address is refused on the e-mail field, before anything is looked up", async () => {
    const error = await errorOf(() => requestPasswordReset(ctx.db, { email: "not-an-address" }, BASE, T0));
    expect((error as InputError).fieldErrors.email?.map((m) => m.key)).toEqual(["email.invalid"]);
  });

  it(`a known account gets one mail in the outbox with a ${RESET_LINK_MINUTES}-minute one-time link, in French by default`, async () => {
    expect(await requestPasswordReset(ctx.db, { email: "clin@t.test" }, BASE, T0)).toEqual({ outcome: "sent" });
    const [mail, ...others] = await mailsTo("clin@t.test");
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ kind: "password_reset", subject: "DM-SAM eCRF — mot de passe oublié", sentAt: null });
    expect(mail!.body).toMatch(/^Bonjour clin,\n/);
    expect(mail!.body).toContain(`lien valable ${RESET_LINK_MINUTES} minutes`);
    expect(mail!.body).toMatch(new RegExp(`\\n${BASE}/invite/[A-Za-z0-9_-]{40,}\\n`));
    const token = tokenIn(mail!.body);
    expect(await invitationState(ctx.db, token, at(RESET_LINK_MINUTES - 1))).toMatchObject({
      status: "valid",
      email: "clin@t.test",
    });
    expect(await invitationState(ctx.db, token, at(RESET_LINK_MINUTES))).toEqual({ status: "expired" });
    expect(await requests("clin@t.test")).toEqual([expect.objectContaining({ outcome: "sent", revokedLinks: 0 })]);
  });

  it(`a second request within ${RESET_REQUEST_INTERVAL_MINUTES} minutes sends no second mail; after that, a new link replaces the old one`, async () => {
    expect(
      await requestPasswordReset(ctx.db, { email: "clin@t.test" }, BASE, at(RESET_REQUEST_INTERVAL_MINUTES - 1)),
    ).toEqual({ outcome: "rate_limited" });
    expect(await mailsTo("clin@t.test")).toHaveLength(1);
    const firstToken = tokenIn((await mailsTo("clin@t.test"))[0]!.body);

    expect(
      await requestPasswordReset(ctx.db, { email: "clin@t.test" }, BASE, at(RESET_REQUEST_INTERVAL_MINUTES + 1)),
    ).toEqual({ outcome: "sent" });
    const mails = await mailsTo("clin@t.test");
    expect(mails).toHaveLength(2);
    const secondToken = tokenIn(mails[1]!.body);
    expect(secondToken).not.toBe(firstToken);
    // The older link no longer works.
    expect(await invitationState(ctx.db, firstToken, at(RESET_REQUEST_INTERVAL_MINUTES + 2))).toEqual({
      status: "expired",
    });
    expect((await requests("clin@t.test")).map((r) => r.outcome)).toEqual(["sent", "rate_limited", "sent"]);
    expect((await requests("clin@t.test")).at(-1)).toMatchObject({ revokedLinks: 1 });
  });

  it("the link sets a new password once; the old one stops working", async () => {
    const token = tokenIn((await mailsTo("clin@t.test")).at(-1)!.body);
    await acceptInvitation(ctx.db, token, NEW_PASSWORD, at(RESET_REQUEST_INTERVAL_MINUTES + 3));
    expect(await signInWithPassword(ctx.db, "clin@t.test", TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(ctx.db, "clin@t.test", NEW_PASSWORD.password)).toMatchObject({ ok: true });
    expect(await invitationState(ctx.db, token)).toEqual({ status: "used" });
  });

  it("writes the mail in the account's language", async () => {
    await requestPasswordReset(ctx.db, { email: "english@t.test" }, BASE, T0);
    const [mail] = await mailsTo("english@t.test");
    expect(mail!.subject).toBe("DM-SAM eCRF — forgotten password");
    expect(mail!.body).toMatch(/^Hello english,\n/);
    expect(mail!.body).toContain(`link valid ${RESET_LINK_MINUTES} minutes, single use`);
  });

  it("a link the coordinator just sent counts too: no self-service mail on top of it", async () => {
    const coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { email: "english@t.test" } });
    await resetUserPassword(ctx.db, coord, user.id, BASE, at(30));
    expect(await requestPasswordReset(ctx.db, { email: "english@t.test" }, BASE, at(31))).toEqual({
      outcome: "rate_limited",
    });
    const kinds = (await mailsTo("english@t.test")).map((m) => m.subject);
    expect(kinds).toEqual(["DM-SAM eCRF — forgotten password", "DM-SAM eCRF — password reset"]);
  });

  it("requests at the same instant still send a single link, and the audit chain verifies", async () => {
    const outcomes = await Promise.all(
      // Each from its own address: what is checked here is one link per account, not the per-client throttle.
      Array.from({ length: 6 }, (_, i) =>
        requestPasswordReset(ctx.db, { email: "twice@t.test" }, BASE, T0, `192.0.2.${i + 1}`),
      ),
    );
    expect(outcomes.filter((o) => o.outcome === "sent")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "rate_limited")).toHaveLength(5);
    expect(await mailsTo("twice@t.test")).toHaveLength(1);
    expect(await ctx.db.invitation.count({ where: { user: { email: "twice@t.test" } } })).toBe(1);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true });
  });
});

describe("forgot password: where links point", () => {
  it("uses the configured public URL, never the request's host, and needs one in production", () => {
    expect(resetLinkBaseUrl({ APP_URL: "https://ecrf.chu.fr", NEXTAUTH_URL: "https://other" })).toBe(
      "https://ecrf.chu.fr",
    );
    expect(resetLinkBaseUrl({ APP_URL: "", NEXTAUTH_URL: "https://ecrf.chu.fr" })).toBe("https://ecrf.chu.fr");
    expect(resetLinkBaseUrl({ NODE_ENV: "development" })).toBe("http://localhost:3000");
    expect(() => resetLinkBaseUrl({ NODE_ENV: "production", APP_URL: " " })).toThrow(
      /APP_URL or NEXTAUTH_URL must be set/,
    );
  });
});
