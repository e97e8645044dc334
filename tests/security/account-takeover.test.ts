// Finding 1 (issue 10): a coordinator copied a password-reset link from the
// outbox, chose the clinician's password, signed in as them and signed a case.
// Replayed here with every means a coordinator has (the outbox, the users
// list, the audit trail), before and after SMTP delivery.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { loadActor } from "@/server/actor.server";
import { requestPasswordReset } from "@/server/auth/forgot-password.server";
import { acceptInvitation } from "@/server/invitations.server";
import { deliverQueuedMail, HIDDEN_LINK, maskSecretLinks, type MailMessage } from "@/server/mail";
import { listOutbox } from "@/server/outbox.server";
import { createUser, listUsers, reinviteUser, resetUserPassword } from "@/server/users.server";
import { addCentre, addUser } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const BASE = "https://ecrf.test";
const TOKEN_IN = /\/invite\/[A-Za-z0-9_-]{20,}/;
const tokenOf = (url: string) => url.split("/").at(-1)!;

describeEachDatabase("account takeover: links that choose a password reach only their recipient", (ctx) => {
  let coord: Actor;
  let clin: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@takeover.test", role: "COORDINATOR" });
    clin = await addUser(ctx.db, { email: "clin@takeover.test", role: "CLINICIAN", centreCode: "REI" });
  });

  /** Everything a coordinator can read that might hold a link. */
  async function whatTheCoordinatorSees(): Promise<string> {
    const outbox = await listOutbox(ctx.db, coord);
    const users = await listUsers(ctx.db, coord);
    const audit = await ctx.db.auditEvent.findMany({ select: { data: true, oldValue: true, newValue: true } });
    return JSON.stringify({ outbox, users, audit });
  }

  it("the outbox shows that each link mail exists, never its link, whoever caused it", async () => {
    await requestPasswordReset(ctx.db, { email: "clin@takeover.test" }, BASE, new Date(), "198.51.100.1");
    const reset = await resetUserPassword(ctx.db, coord, clin.id, BASE);
    const created = await createUser(
      ctx.db,
      coord,
      { email: "new@takeover.test", displayName: "New", role: "CLINICIAN", centreCode: "REI" },
      BASE,
    );
    await reinviteUser(ctx.db, coord, created.userId, BASE);

    const outbox = await listOutbox(ctx.db, coord);
    const linkMails = outbox.filter((m) => m.kind === "password_reset" || m.kind === "invitation");
    expect(linkMails.length).toBeGreaterThanOrEqual(4);
    for (const mail of linkMails) {
      expect(mail).toMatchObject({
        to: expect.any(String),
        subject: expect.any(String),
        kind: expect.any(String),
        createdAt: expect.any(Date),
      });
      expect(mail.body).not.toMatch(TOKEN_IN);
      expect(mail.body).toContain(HIDDEN_LINK);
    }
    const seen = await whatTheCoordinatorSees();
    expect(seen).not.toMatch(TOKEN_IN);
    expect(seen).not.toContain(tokenOf(reset.inviteUrl));
    expect(seen).not.toContain(tokenOf(created.inviteUrl));
    // The stored row keeps the link only until delivery (no SMTP yet): the recipient still gets it.
    expect(
      (await ctx.db.outboxMail.findMany({ where: { to: "new@takeover.test" } })).some((m) => TOKEN_IN.test(m.body)),
    ).toBe(true);
  });

  it("once delivered, the outbox keeps no usable copy of the link; the recipient got it", async () => {
    const delivered: MailMessage[] = [];
    const sender = { from: "ecrf@test", transport: { send: async (m: MailMessage) => void delivered.push(m) } };
    const report = await deliverQueuedMail(ctx.db, sender);
    expect(report.sent).toBeGreaterThanOrEqual(4);
    expect(delivered.filter((m) => TOKEN_IN.test(m.text)).length).toBeGreaterThanOrEqual(4);
    for (const row of await ctx.db.outboxMail.findMany()) expect(row.body).not.toMatch(TOKEN_IN);
  });

  it("choosing a new password voids the owner's sessions, lifts nothing for anyone else, and is mailed to the owner", async () => {
    const opened = Date.now() - 2_000;
    expect(await loadActor(ctx.db, clin.id, { startedAt: opened })).not.toBeNull();
    const coordSession = Date.now() - 2_000;
    const { inviteUrl } = await resetUserPassword(ctx.db, coord, clin.id, BASE);
    await acceptInvitation(ctx.db, tokenOf(inviteUrl), {
      password: "ocelot-harbour-violin-1987",
      confirm: "ocelot-harbour-violin-1987",
    });
    // Whoever held a session of the clinician (or the clinician themself) is out.
    expect(await loadActor(ctx.db, clin.id, { startedAt: opened })).toBeNull();
    expect(await loadActor(ctx.db, coord.id, { startedAt: coordSession })).not.toBeNull();
    const notices = await ctx.db.outboxMail.findMany({ where: { to: "clin@takeover.test", kind: "security_notice" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain("mot de passe a été changé");
    // The link worked once.
    await expect(
      acceptInvitation(ctx.db, tokenOf(inviteUrl), {
        password: "another-ocelot-harbour-2",
        confirm: "another-ocelot-harbour-2",
      }),
    ).rejects.toThrow();
  });

  it("a first password (invitation) is no change of password: no notice", async () => {
    const { userId, inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "first@takeover.test", displayName: "First", role: "CLINICIAN", centreCode: "REI" },
      BASE,
    );
    await acceptInvitation(ctx.db, tokenOf(inviteUrl), {
      password: "lantern-quarry-pelican-44",
      confirm: "lantern-quarry-pelican-44",
    });
    expect(await ctx.db.outboxMail.count({ where: { to: "first@takeover.test", kind: "security_notice" } })).toBe(0);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      passwordHash: expect.any(String),
    });
  });
});

describe("maskSecretLinks", () => {
  it("hides every invitation or reset link, with or without a host, and nothing else", () => {
    const body =
      "Bonjour,\nhttps://ecrf.chu.fr/invite/AbC_12-xyz0123456789abcdef\n/invite/ZZZZZZZZZZZZZZZZZZZZZZ\nhttps://ecrf.chu.fr/cases/c1";
    const masked = maskSecretLinks(body);
    expect(masked).not.toMatch(TOKEN_IN);
    expect(masked.split(HIDDEN_LINK)).toHaveLength(3);
    expect(masked).toContain("https://ecrf.chu.fr/cases/c1");
  });
});
