import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { loadActor } from "@/server/actor.server";
import { endSessions } from "@/server/auth/sign-out.server";
import { acceptInvitation } from "@/server/invitations.server";
import { resetUserPassword } from "@/server/users.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("sign-out and password changes void earlier sessions", (ctx) => {
  let coord: Actor;
  let clin: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@so.test", role: "COORDINATOR" });
    clin = await addUser(ctx.db, { email: "clin@so.test", role: "CLINICIAN", centreCode: "REI" });
  });

  it("refuses, after sign-out, every session begun before it, and audits the sign-out", async () => {
    const begun = Date.now() - 5_000;
    expect(await loadActor(ctx.db, clin.id, { startedAt: begun })).toMatchObject({ id: clin.id });
    await endSessions(ctx.db, clin.id);
    // The same cookie, replayed (or re-issued by a request in flight at sign-out), is no actor.
    expect(await loadActor(ctx.db, clin.id, { startedAt: begun })).toBeNull();
    // Signing in again starts a new session, which works.
    expect(await loadActor(ctx.db, clin.id, { startedAt: Date.now() + 1 })).toMatchObject({ id: clin.id });
    const events = await ctx.db.auditEvent.findMany({ where: { type: "auth.signed_out", actorId: clin.id } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data ?? "{}")).toEqual({ email: "clin@so.test" });
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });

  it("refuses a session older than 12 hours and one without a start time", async () => {
    expect(await loadActor(ctx.db, coord.id, { startedAt: Date.now() - 13 * 3600_000 })).toBeNull();
    expect(await loadActor(ctx.db, coord.id, { startedAt: undefined })).toBeNull();
    expect(await loadActor(ctx.db, coord.id, { startedAt: Date.now() - 3600_000 })).toMatchObject({
      role: "COORDINATOR",
    });
  });

  it("voids the sessions opened before a new password is chosen through a reset link", async () => {
    const before = Date.now() - 1_000;
    expect(await loadActor(ctx.db, coord.id, { startedAt: before })).not.toBeNull();
    const target = await addUser(ctx.db, { email: "reset@so.test", role: "CLINICIAN", centreCode: "REI" });
    const opened = Date.now() - 1_000;
    expect(await loadActor(ctx.db, target.id, { startedAt: opened })).not.toBeNull();
    const { inviteUrl } = await resetUserPassword(ctx.db, coord, target.id, "http://127.0.0.1");
    const token = new URL(inviteUrl).pathname.split("/").pop()!;
    await acceptInvitation(ctx.db, token, {
      password: "a-brand-new-password-2026",
      confirm: "a-brand-new-password-2026",
    });
    expect(await loadActor(ctx.db, target.id, { startedAt: opened })).toBeNull();
    expect(await loadActor(ctx.db, target.id, { startedAt: Date.now() + 1 })).toMatchObject({ id: target.id });
  });
});
