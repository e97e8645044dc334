// Notifications of workflow events (ADR 0016), read from the outbox: who gets
// a mail for a new query, an answer, a reopened query, a validation and a
// validated case sent back; in each recipient's language; never a value nor
// the text of a message; once per event and recipient however often the
// event is notified; digest and muted preferences; nothing for a change that
// is refused (the notifications are written in the change's transaction).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { loadActor } from "@/server/actor.server";
import { createCase } from "@/server/cases.server";
import { InputError } from "@/server/errors";
import { runDigests } from "@/server/notification-digest";
import { myNotifications, notify, updateNotificationPrefs } from "@/server/notifications.server";
import { signCase, validateCase } from "@/server/workflow.server";
import { answerQuery, closeQuery, raiseQuery, reopenQuery } from "@/server/case-queries.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const SIGN = { password: TEST_PASSWORD, attest: true, locale: "fr" } as const;

describeEachDatabase("notifications through the outbox", (ctx) => {
  let clin: Actor;
  let ra: Actor;
  let raEn: Actor;
  let coord: Actor;
  let monitor: Actor;
  let seq = 0;

  const load = async (a: Actor) => (await loadActor(ctx.db, a.id)) ?? expect.unreachable("actor");
  /** A signed (submitted) case of REI with its own key. */
  const submitted = async () => {
    const n = seq++;
    const { id } = await createCase(ctx.db, clin, {
      initials: `N${String.fromCharCode(65 + n)}`,
      birthDate: "1960-02-03",
      centreCode: "REI",
      ...ELIGIBLE,
    });
    await ctx.db.case.update({ where: { id }, data: { answers: sampleRecord(2) as object } });
    await signCase(ctx.db, clin, id, SIGN);
    return id;
  };
  /** The outbox since `since` (mail ids), by recipient. */
  const mailsSince = async (since: Date) =>
    ctx.db.outboxMail.findMany({
      where: { createdAt: { gte: since }, kind: { in: ["notification", "digest"] } },
      orderBy: { to: "asc" },
    });
  const key = async (caseId: string) => {
    const c = await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } });
    return `${c.initials} · ${c.birthDate} · REI`;
  };

  beforeAll(async () => {
    for (const code of ["REI", "PAR"]) await addCentre(ctx.db, code);
    clin = await load(await addUser(ctx.db, { email: "clin@rei.test", role: "CLINICIAN", centreCode: "REI" }));
    ra = await load(await addUser(ctx.db, { email: "ra@rei.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" }));
    raEn = await addUser(ctx.db, { email: "ra.en@rei.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    await ctx.db.user.update({ where: { id: raEn.id }, data: { locale: "en" } });
    raEn = await load(raEn);
    await addUser(ctx.db, { email: "clin@par.test", role: "CLINICIAN", centreCode: "PAR" });
    await addUser(ctx.db, { email: "ra@par.test", role: "RESEARCH_ASSISTANT", centreCode: "PAR" });
    await addUser(ctx.db, { email: "gone@rei.test", role: "RESEARCH_ASSISTANT", centreCode: "REI", active: false });
    coord = await load(await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" }));
    // A second coordinator: every coordinator hears of an answer.
    await addUser(ctx.db, { email: "coord2@t.test", role: "COORDINATOR" });
    const m = await addUser(ctx.db, { email: "monitor@t.test", role: "MONITOR" });
    await ctx.db.user.update({ where: { id: m.id }, data: { monitorsAllCentres: true } });
    monitor = await load(m);
  });

  it("a new query: the including clinician and the centre's research assistants, each in their language, what and where only", async () => {
    const caseId = await submitted();
    const since = new Date(Date.now() - 1);
    await raiseQuery(ctx.db, coord, caseId, { fieldPath: "crp", message: "CRP à 742 mg/L, vraiment ?" });
    const mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["clin@rei.test", "ra.en@rei.test", "ra@rei.test"]);
    const fr = mails.find((m) => m.to === "ra@rei.test")!;
    const en = mails.find((m) => m.to === "ra.en@rei.test")!;
    const k = await key(caseId);
    expect(fr.subject).toBe(`DM-SAM eCRF — nouvelle query sur le dossier ${k}`);
    expect(fr.body).toContain(`Une query a été ouverte sur le dossier ${k}, champ « CRP »`);
    expect(fr.body).toContain(`/cases/${caseId}#field-crp`);
    expect(en.subject).toBe(`DM-SAM eCRF — new query on case ${k}`);
    expect(en.body).toContain(`A query was raised on case ${k}, field “CRP”`);
    // Never the message (it quotes a value), never a stored value.
    for (const m of mails) {
      expect(m.body).not.toContain("742");
      expect(m.body).not.toContain("vraiment");
    }
  });

  it("an answer: every coordinator and the monitor who raised it, not the centre", async () => {
    const caseId = await submitted();
    const { queryId } = await raiseQuery(ctx.db, monitor, caseId, { fieldPath: "crp", message: "?" });
    const since = new Date(Date.now() - 1);
    await answerQuery(ctx.db, ra, queryId, { message: "Vérifié sur le compte rendu du 05/06." });
    const mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["coord2@t.test", "coord@t.test", "monitor@t.test"]);
    expect(mails[0]?.subject).toBe(`DM-SAM eCRF — réponse à une query sur le dossier ${await key(caseId)}`);
    expect(mails[0]?.body).not.toContain("compte rendu");
  });

  it("a reopened query, a validation, a validated case sent back", async () => {
    const caseId = await submitted();
    const { queryId } = await raiseQuery(ctx.db, coord, caseId, { fieldPath: null, message: "?" });
    await answerQuery(ctx.db, clin, queryId, { message: "ok" });
    await closeQuery(ctx.db, coord, queryId, {});
    let since = new Date(Date.now() - 1);
    await reopenQuery(ctx.db, coord, queryId, { message: "Encore ?" });
    let mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["clin@rei.test", "ra.en@rei.test", "ra@rei.test"]);
    expect(mails[0]?.body).toContain("Une query a été rouverte sur le dossier");
    expect(mails[0]?.body).toContain("le dossier entier");

    await answerQuery(ctx.db, clin, queryId, { message: "ok" });
    await closeQuery(ctx.db, coord, queryId, {});
    since = new Date(Date.now() - 1);
    await validateCase(ctx.db, coord, caseId);
    mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["clin@rei.test", "ra.en@rei.test", "ra@rei.test"]);
    expect(mails[0]?.subject).toBe(`DM-SAM eCRF — dossier ${await key(caseId)} validé`);

    since = new Date(Date.now() - 1);
    await raiseQuery(ctx.db, coord, caseId, { fieldPath: "ferritin", message: "?" });
    mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["clin@rei.test", "ra.en@rei.test", "ra@rei.test"]);
    expect(mails[0]?.subject).toBe(`DM-SAM eCRF — dossier ${await key(caseId)} renvoyé au centre`);
    expect((await ctx.db.notification.findMany({ where: { caseId, kind: "case_sent_back" } })).length).toBe(3);
  });

  it("notifying the same event again (a retry) sends nothing more", async () => {
    const caseId = await submitted();
    const { queryId } = await raiseQuery(ctx.db, coord, caseId, { fieldPath: "crp", message: "?" });
    const before = await ctx.db.outboxMail.count();
    const again = await ctx.db.$transaction((tx) => notify(tx, coord, { kind: "query_raised", queryId }));
    expect(again).toBe(0);
    expect(await ctx.db.outboxMail.count()).toBe(before);
    expect(await ctx.db.notification.count({ where: { caseId } })).toBe(3);
  });

  it("a refused change notifies nobody", async () => {
    const { id } = await createCase(ctx.db, clin, {
      initials: "ZR",
      birthDate: "1961-01-01",
      centreCode: "REI",
      ...ELIGIBLE,
    });
    const before = await ctx.db.outboxMail.count();
    expect(await errorOf(() => raiseQuery(ctx.db, coord, id, { fieldPath: "crp", message: "?" }))).toBeInstanceOf(
      InputError,
    );
    expect(await ctx.db.outboxMail.count()).toBe(before);
    expect(await ctx.db.notification.count({ where: { caseId: id } })).toBe(0);
  });

  describe("preferences", () => {
    it("a muted user gets no mail for a validation, but still for a query; a digest user gets one mail a day", async () => {
      await updateNotificationPrefs(ctx.db, ra, { notifyMode: "immediate", muteNonEssential: true });
      await updateNotificationPrefs(ctx.db, raEn, { notifyMode: "digest", muteNonEssential: false });
      expect(await errorOf(() => updateNotificationPrefs(ctx.db, ra, { notifyMode: "hourly" }))).toMatchObject({
        fieldErrors: { notifyMode: [{ key: "notificationPrefs.modeInvalid" }] },
      });
      const caseId = await submitted();
      const since = new Date(Date.now() - 1);
      await validateCase(ctx.db, coord, caseId);
      await raiseQuery(ctx.db, coord, caseId, { fieldPath: "crp", message: "?" });
      const mails = await mailsSince(since);
      // ra: the query only (validation muted); ra.en: nothing yet (digest); clin: both.
      expect(mails.map((m) => `${m.to} ${m.subject.includes("validé") ? "validated" : "query"}`).sort()).toEqual([
        "clin@rei.test query",
        "clin@rei.test validated",
        "ra@rei.test query",
      ]);
      expect(
        (await myNotifications(ctx.db, ra))
          .filter((n) => n.caseId === caseId)
          .map((n) => n.state)
          .sort(),
      ).toEqual(["muted", "queued"]);

      const first = await runDigests(ctx.db, { baseUrl: "https://ecrf.example" });
      const mine = first.sent.find((s) => s.to === "ra.en@rei.test");
      expect(mine?.count).toBeGreaterThanOrEqual(2);
      const digest = await ctx.db.outboxMail.findUniqueOrThrow({ where: { id: mine!.mailId } });
      expect(digest.subject).toMatch(/^DM-SAM eCRF — daily digest \(\d+ notifications\)$/);
      expect(digest.body).toContain(`Case ${await key(caseId)} was validated`);
      expect(digest.body).toContain(`https://ecrf.example/cases/${caseId}#field-crp`);
      // A second run the same day sends nothing, and nothing is left waiting.
      const second = await runDigests(ctx.db, { baseUrl: "https://ecrf.example" });
      expect(second.sent).toEqual([]);
      expect(await ctx.db.notification.count({ where: { userId: raEn.id, state: "digest" } })).toBe(0);
    });
  });
});
