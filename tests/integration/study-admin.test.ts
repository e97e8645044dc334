import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { THROTTLE } from "@/domain/throttle-policy";
import { signInWithPassword } from "@/server/auth/sign-in.server";
import { createCentre, listCentresForAdmin } from "@/server/centre-admin.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { acceptInvitation, invitationState } from "@/server/invitations.server";
import { getStudyOverview, getStudyStatus, lockAllValidated, updateStudySettings } from "@/server/study.server";
import {
  createUser,
  listUsers,
  reinviteUser,
  resetUserPassword,
  setUserActive,
  unlockUser,
} from "@/server/users.server";
import { validateCase } from "@/server/workflow.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { submittedCase } from "../support/study-fixtures";
import { describeEachDatabase } from "../support/test-database";

const BASE = "https://ecrf.test";
const keys = (e: unknown) =>
  e instanceof InputError
    ? Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, v.map((m) => m.key)]))
    : e;
const tokenOf = (url: string) => url.split("/invite/")[1]!;
const NEW_PASSWORD = { password: "un-nouveau-mot-de-passe", confirm: "un-nouveau-mot-de-passe" };

describeEachDatabase("study administration: calendar, lock-all, centres, users (coordinator only, audited)", (ctx) => {
  let clin: Actor, ra: Actor, coord: Actor;

  const events = (type: string) => ctx.db.auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } });
  const data = (e: { data: string | null }) => JSON.parse(e.data ?? "null") as Record<string, unknown>;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    clin = await addUser(ctx.db, { email: "clin@t.test", role: "CLINICIAN", centreCode: "REI" });
    ra = await addUser(ctx.db, { email: "ra@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
  });

  it("refuses every administration function to clinicians and research assistants", async () => {
    const someone = (await ctx.db.user.findUniqueOrThrow({ where: { email: "clin@t.test" } })).id;
    for (const actor of [clin, ra]) {
      for (const call of [
        () =>
          updateStudySettings(ctx.db, actor, {
            openingDate: "2026-01-01",
            closingDate: "",
            reminderDate: "",
            graceDays: 0,
          }),
        () => getStudyOverview(ctx.db, actor),
        () => lockAllValidated(ctx.db, actor),
        () => createCentre(ctx.db, actor, { code: "ZZZ", name: "Z", city: "Z" }),
        () => listCentresForAdmin(ctx.db, actor),
        () => listUsers(ctx.db, actor),
        () =>
          createUser(
            ctx.db,
            actor,
            { email: "x@t.test", displayName: "X", role: "CLINICIAN", centreCode: "REI" },
            BASE,
          ),
        () => setUserActive(ctx.db, actor, someone, false),
        () => setUserActive(ctx.db, actor, someone, true),
        () => reinviteUser(ctx.db, actor, someone, BASE),
        () => resetUserPassword(ctx.db, actor, someone, BASE),
        () => unlockUser(ctx.db, actor, someone),
      ]) {
        expect(await errorOf(call)).toBeInstanceOf(ForbiddenError);
      }
    }
    expect(await ctx.db.auditEvent.count()).toBe(0);
    // Everybody may read where the study stands (home page line).
    await expect(getStudyStatus(ctx.db, ra)).resolves.toMatchObject({ phase: { phase: "unset" } });
  });

  it("saves the calendar with clear messages, audits old and new values, and writes nothing when unchanged", async () => {
    expect(
      keys(
        await errorOf(() =>
          updateStudySettings(ctx.db, coord, {
            openingDate: "2026-01-05",
            closingDate: "2026-01-01",
            reminderDate: "",
            graceDays: "x",
          }),
        ),
      ),
    ).toEqual({
      graceDays: ["study.graceDays.invalid"],
    });
    expect(
      keys(
        await errorOf(() =>
          updateStudySettings(ctx.db, coord, {
            openingDate: "2026-01-05",
            closingDate: "2026-01-01",
            reminderDate: "",
            graceDays: 0,
          }),
        ),
      ),
    ).toEqual({
      closingDate: ["study.closingDate.beforeOpening"],
    });
    await updateStudySettings(ctx.db, coord, {
      openingDate: "2026-01-05",
      closingDate: "",
      reminderDate: "",
      graceDays: "0",
    });
    await updateStudySettings(ctx.db, coord, {
      openingDate: "2026-01-05",
      closingDate: "2026-07-31",
      reminderDate: "",
      graceDays: 14,
    });
    await updateStudySettings(ctx.db, coord, {
      openingDate: "2026-01-05",
      closingDate: "2026-07-31",
      reminderDate: "",
      graceDays: 14,
    });
    const changes = await events("study.settings_changed");
    expect(changes).toHaveLength(2);
    expect(JSON.parse(changes[0]!.oldValue!)).toBeNull();
    expect(JSON.parse(changes[1]!.oldValue!)).toEqual({
      openingDate: "2026-01-05",
      closingDate: null,
      reminderDate: null,
      graceDays: 0,
    });
    expect(JSON.parse(changes[1]!.newValue!)).toEqual({
      openingDate: "2026-01-05",
      closingDate: "2026-07-31",
      reminderDate: null,
      graceDays: 14,
    });
    expect(changes[1]).toMatchObject({ actorId: coord.id, actorRole: "COORDINATOR" });
    const overview = await getStudyOverview(ctx.db, coord, new Date("2026-02-18T10:00:00Z"));
    expect(overview.phase).toEqual({ phase: "open", day: 45, totalDays: 208, closing: "2026-07-31", daysLeft: 163 });
    expect(overview.calendar).toMatchObject({
      reminder: "2026-04-05",
      graceEnd: "2026-08-14",
      defaults: { closing: false, reminder: true },
    });
  });

  it("locks every validated case in one action, audited per case like a single lock, and leaves the others", async () => {
    await updateStudySettings(ctx.db, coord, { openingDate: "", closingDate: "", reminderDate: "", graceDays: 0 });
    const a = await submittedCase(ctx.db, clin, "VA", "1960-01-01");
    const b = await submittedCase(ctx.db, clin, "VB", "1960-01-02");
    const c = await submittedCase(ctx.db, clin, "SC", "1960-01-03");
    await validateCase(ctx.db, coord, a);
    await validateCase(ctx.db, coord, b);
    expect(await lockAllValidated(ctx.db, coord)).toEqual({ locked: 2 });
    const status = async (id: string) => (await ctx.db.case.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(a), await status(b), await status(c)]).toEqual(["LOCKED", "LOCKED", "SUBMITTED"]);
    const changed = (await events("case.status_changed")).filter((e) => e.newValue === '"LOCKED"');
    expect(changed.map((e) => e.caseId).sort()).toEqual([a, b].sort());
    expect(changed.every((e) => e.oldValue === '"VALIDATED"' && e.actorId === coord.id)).toBe(true);
    const [summary] = await events("study.validated_locked");
    expect(data(summary!)).toMatchObject({ count: 2 });
    // Nothing left to lock: nothing written.
    const before = await ctx.db.auditEvent.count();
    expect(await lockAllValidated(ctx.db, coord)).toEqual({ locked: 0 });
    expect(await ctx.db.auditEvent.count()).toBe(before);
    expect((await getStudyOverview(ctx.db, coord)).casesByStatus).toMatchObject({
      LOCKED: 2,
      SUBMITTED: 1,
      VALIDATED: 0,
    });
  });

  it("creates centres: three letters A–Z, unique; audited", async () => {
    for (const code of ["RE", "REIM", "R1I", "ÉPI", ""])
      expect(keys(await errorOf(() => createCentre(ctx.db, coord, { code, name: "N", city: "C" })))).toEqual({
        code: ["admin.centre.codeFormat"],
      });
    expect(keys(await errorOf(() => createCentre(ctx.db, coord, { code: "TLS", name: " ", city: "" })))).toEqual({
      name: ["admin.centre.nameRequired"],
      city: ["admin.centre.cityRequired"],
    });
    expect(
      keys(await errorOf(() => createCentre(ctx.db, coord, { code: "rei", name: "Doublon", city: "Reims" }))),
    ).toEqual({ code: ["admin.centre.codeTaken"] });
    const created = await createCentre(ctx.db, coord, { code: " tls ", name: "CHU de Toulouse", city: "Toulouse" });
    expect(created.code).toBe("TLS");
    expect((await listCentresForAdmin(ctx.db, coord)).map((c) => c.code)).toEqual(["REI", "TLS"]);
    expect(data((await events("centre.created"))[0]!)).toEqual({
      centreId: created.id,
      code: "TLS",
      name: "CHU de Toulouse",
      city: "Toulouse",
    });
    // The new centre can receive users at once.
    await expect(
      createUser(
        ctx.db,
        coord,
        { email: "clin.tls@t.test", displayName: "Dr T", role: "CLINICIAN", centreCode: "TLS" },
        BASE,
      ),
    ).resolves.toHaveProperty("userId");
  });

  it("a disabled user cannot sign in; enabled again, they can; a coordinator cannot disable themselves", async () => {
    expect(keys(await errorOf(() => setUserActive(ctx.db, coord, coord.id, false)))).toEqual({
      _form: ["admin.user.self"],
    });
    expect(await errorOf(() => setUserActive(ctx.db, coord, "no-such-user", false))).toBeInstanceOf(NotFoundError);
    await setUserActive(ctx.db, coord, ra.id, false);
    expect(await signInWithPassword(ctx.db, "ra@t.test", TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect((await listUsers(ctx.db, coord)).find((u) => u.id === ra.id)).toMatchObject({ active: false });
    await setUserActive(ctx.db, coord, ra.id, false); // already disabled: nothing more written
    await setUserActive(ctx.db, coord, ra.id, true);
    expect(await signInWithPassword(ctx.db, "ra@t.test", TEST_PASSWORD)).toMatchObject({ ok: true });
    expect((await events("user.disabled")).map(data)).toEqual([{ userId: ra.id, email: "ra@t.test" }]);
    expect((await events("user.enabled")).map(data)).toEqual([{ userId: ra.id, email: "ra@t.test" }]);
  });

  it("re-inviting sends a new link and the old one no longer works", async () => {
    const { userId, inviteUrl: first } = await createUser(
      ctx.db,
      coord,
      { email: "nina@t.test", displayName: "Dr Nina", role: "CLINICIAN", centreCode: "REI" },
      BASE,
    );
    const { inviteUrl: second } = await reinviteUser(ctx.db, coord, userId, BASE);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^https:\/\/ecrf\.test\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(await invitationState(ctx.db, tokenOf(first))).toEqual({ status: "expired" });
    expect(keys(await errorOf(() => acceptInvitation(ctx.db, tokenOf(first), NEW_PASSWORD)))).toEqual({
      _form: ["invite.expired"],
    });
    const mails = await ctx.db.outboxMail.findMany({ where: { to: "nina@t.test" }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.kind)).toEqual(["invitation", "invitation"]);
    expect(mails[1]!.body).toContain(second);
    expect(mails[1]!.body).toContain("Ce lien remplace les précédents");
    expect(data((await events("user.reinvited"))[0]!)).toMatchObject({ userId, email: "nina@t.test", revokedLinks: 1 });

    await acceptInvitation(ctx.db, tokenOf(second), NEW_PASSWORD);
    expect(await signInWithPassword(ctx.db, "nina@t.test", NEW_PASSWORD.password)).toMatchObject({ ok: true });
    // With a password set, it is a password reset, not an invitation.
    expect(keys(await errorOf(() => reinviteUser(ctx.db, coord, userId, BASE)))).toEqual({
      _form: ["admin.user.hasPassword"],
    });
  });

  it("password reset: a 72 h one-time link on the invitation page; the current password works until it is used", async () => {
    const user = await addUser(ctx.db, { email: "forgot@t.test", role: "CLINICIAN", centreCode: "REI" });
    const now = new Date();
    const { inviteUrl } = await resetUserPassword(ctx.db, coord, user.id, BASE, now);
    const invitation = await ctx.db.invitation.findFirstOrThrow({ where: { userId: user.id } });
    expect(invitation.expiresAt.getTime() - now.getTime()).toBe(72 * 3600_000);
    expect(await invitationState(ctx.db, tokenOf(inviteUrl))).toMatchObject({
      status: "valid",
      email: "forgot@t.test",
    });
    const mail = await ctx.db.outboxMail.findFirstOrThrow({ where: { to: "forgot@t.test" } });
    expect(mail.kind).toBe("password_reset");
    expect(mail.body).toContain(inviteUrl);
    expect(await signInWithPassword(ctx.db, "forgot@t.test", TEST_PASSWORD)).toMatchObject({ ok: true });
    await acceptInvitation(ctx.db, tokenOf(inviteUrl), NEW_PASSWORD);
    expect(await signInWithPassword(ctx.db, "forgot@t.test", TEST_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(ctx.db, "forgot@t.test", NEW_PASSWORD.password)).toMatchObject({ ok: true });
    expect(await invitationState(ctx.db, tokenOf(inviteUrl))).toEqual({ status: "used" });
    expect(data((await events("user.password_reset"))[0]!)).toMatchObject({ userId: user.id, revokedLinks: 0 });
    // No password yet: that is a re-invitation.
    const invited = await addUser(ctx.db, {
      email: "invited@t.test",
      role: "CLINICIAN",
      centreCode: "REI",
      withPassword: false,
    });
    expect(keys(await errorOf(() => resetUserPassword(ctx.db, coord, invited.id, BASE)))).toEqual({
      _form: ["admin.user.noPassword"],
    });
  });

  it("disabling revokes pending links, and no link is sent to a disabled account", async () => {
    const { userId, inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "leaving@t.test", displayName: "Leaving", role: "RESEARCH_ASSISTANT", centreCode: "REI" },
      BASE,
    );
    await setUserActive(ctx.db, coord, userId, false);
    expect(await invitationState(ctx.db, tokenOf(inviteUrl))).toEqual({ status: "expired" });
    expect(keys(await errorOf(() => reinviteUser(ctx.db, coord, userId, BASE)))).toEqual({
      _form: ["admin.user.inactive"],
    });
    await setUserActive(ctx.db, coord, userId, true);
    expect(await invitationState(ctx.db, tokenOf(inviteUrl))).toEqual({ status: "expired" });
    await expect(reinviteUser(ctx.db, coord, userId, BASE)).resolves.toHaveProperty("inviteUrl");
  });

  it("shows sign-in lock-outs and lifts one with 'unlock'; audited with what was lifted", async () => {
    const user = await addUser(ctx.db, { email: "locked@t.test", role: "CLINICIAN", centreCode: "REI" });
    const now = new Date();
    // The account-wide delay (ADR 0011): failures from many clients.
    for (let i = 0; i < THROTTLE.accountFreeFailures; i++)
      await signInWithPassword(ctx.db, "locked@t.test", `wrong-${i}`, { now, client: `10.9.0.${i}` });
    const row = (await listUsers(ctx.db, coord)).find((u) => u.id === user.id)!;
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(now.getTime());
    expect(await signInWithPassword(ctx.db, "locked@t.test", TEST_PASSWORD, { now, client: "10.9.1.1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    await signInWithPassword(ctx.db, "clin@t.test", "wrong", now);
    expect((await listUsers(ctx.db, coord)).find((u) => u.email === "clin@t.test")).toMatchObject({
      failedAttempts: 1,
      lockedUntil: null,
    });

    await unlockUser(ctx.db, coord, user.id, now);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      lockedUntil: null,
      failedAttempts: 0,
    });
    expect(await signInWithPassword(ctx.db, "locked@t.test", TEST_PASSWORD, { now, client: "10.9.1.1" })).toMatchObject(
      { ok: true },
    );
    const [unlocked] = await events("user.unlocked");
    expect(data(unlocked!)).toEqual({
      userId: user.id,
      email: "locked@t.test",
      lockedUntil: row.lockedUntil!.toISOString(),
      failedAttempts: THROTTLE.accountFreeFailures,
    });
    // Nothing to lift: nothing written.
    await unlockUser(ctx.db, coord, user.id, now);
    expect(await events("user.unlocked")).toHaveLength(1);
  });

  it("keeps the audit trail's chain intact", async () => {
    expect((await checkAuditChain(ctx.db)).ok).toBe(true);
  });
});
