import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { deliverQueuedMail, DELIVERY_MAX_AGE_HOURS, type MailMessage, type MailSender } from "@/server/mail";
import { runReminders } from "@/server/reminders";
import { answerQuery, raiseQuery } from "@/server/case-queries.server";
import { addCentre, addUser } from "../support/fixtures";
import { draftCase, setCalendar, submittedCase } from "../support/study-fixtures";
import { describeEachDatabase } from "../support/test-database";

const BASE = "https://ecrf.test";
// Opening 5 January 2026: reminder 5 April, closing 5 July (protocol defaults).
const ON_REMINDER_DAY = new Date("2026-04-05T06:00:00Z");
const LATER = new Date("2026-05-20T06:00:00Z");

describeEachDatabase("reminders: due once, to the right people, listing only their centre's records", (ctx) => {
  let clinRei: Actor, coord: Actor;
  let reiDraft: string, reiOpenQuery: string, reiAnswered: string, parDraft: string;

  // The workflow below also mails notifications (queries raised, answered): only reminders are counted here.
  const REMINDERS = { where: { kind: "reminder" } };
  const outbox = () => ctx.db.outboxMail.findMany({ ...REMINDERS, orderBy: [{ to: "asc" }, { subject: "asc" }] });
  const mailTo = async (to: string, kind: "midterm" | "pending") => {
    const sent = await ctx.db.sentReminder.findUniqueOrThrow({ where: { dedupeKey: `${kind}:2026-04-05:${to}` } });
    return ctx.db.outboxMail.findUniqueOrThrow({ where: { id: sent.mailId! } });
  };

  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    clinRei = await addUser(ctx.db, { email: "clin.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    const raRei = await addUser(ctx.db, { email: "ra.rei@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    // Reads the app (and so their mail) in English; everyone else has the default, French.
    await ctx.db.user.update({ where: { id: raRei.id }, data: { locale: "en" } });
    const clinPar = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
    await addUser(ctx.db, { email: "gone.par@t.test", role: "RESEARCH_ASSISTANT", centreCode: "PAR", active: false });
    await addUser(ctx.db, { email: "clin.lyo@t.test", role: "CLINICIAN", centreCode: "LYO", withPassword: false });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });

    reiDraft = await draftCase(ctx.db, raRei, "MB", "1962-04-18");
    reiOpenQuery = await submittedCase(ctx.db, clinRei, "QO", "1955-11-30");
    await raiseQuery(ctx.db, coord, reiOpenQuery, { fieldPath: "ferritin", message: "Unité ?" });
    reiAnswered = await submittedCase(ctx.db, clinRei, "QA", "1957-07-07");
    const { queryId } = await raiseQuery(ctx.db, coord, reiAnswered, { fieldPath: null, message: "Date ?" });
    await answerQuery(ctx.db, raRei, queryId, { message: "Vérifiée." });
    await submittedCase(ctx.db, clinRei, "SU", "1958-08-08");
    parDraft = await draftCase(ctx.db, clinPar, "PD", "1970-01-02");
    await setCalendar(ctx.db, coord, { openingDate: "2026-01-05" });
  });

  it("sends nothing before the reminder date", async () => {
    const run = await runReminders(ctx.db, { now: new Date("2026-04-04T12:00:00Z"), baseUrl: BASE });
    expect(run).toMatchObject({ today: "2026-04-04", reminderDate: "2026-04-05", queued: [], skipped: 0 });
    expect(await ctx.db.outboxMail.count(REMINDERS)).toBe(0);
  });

  it("on the reminder date: every active investigator gets the mid-term reminder, centres with drafts or open queries a specific one", async () => {
    const dry = await runReminders(ctx.db, { now: ON_REMINDER_DAY, baseUrl: BASE, dryRun: true });
    expect(dry.planned).toHaveLength(7);
    expect(await ctx.db.outboxMail.count(REMINDERS)).toBe(0);

    const run = await runReminders(ctx.db, { now: ON_REMINDER_DAY, baseUrl: BASE });
    expect(run.queued.map((q) => `${q.kind} ${q.to}`).sort()).toEqual([
      "midterm clin.lyo@t.test",
      "midterm clin.par@t.test",
      "midterm clin.rei@t.test",
      "midterm ra.rei@t.test",
      "pending clin.par@t.test",
      "pending clin.rei@t.test",
      "pending ra.rei@t.test",
    ]);
    const mails = await outbox();
    expect(mails).toHaveLength(7);
    expect(mails.every((m) => m.kind === "reminder" && m.sentAt === null)).toBe(true);
    // Not the coordinator, not a disabled account.
    expect(mails.map((m) => m.to)).not.toContain("coord@t.test");
    expect(mails.map((m) => m.to)).not.toContain("gone.par@t.test");
    expect(await ctx.db.sentReminder.count()).toBe(7);
  });

  it("the mid-term reminder states the closing date, in the recipient's language", async () => {
    const fr = await mailTo("clin.lyo@t.test", "midterm");
    expect(fr.subject).toBe("DM-SAM eCRF — relance à mi-étude : clôture le 5 juillet 2026");
    expect(fr.body).toMatch(/^Bonjour clin\.lyo,\n\n/);
    expect(fr.body).toContain("La clôture du recueil est fixée au 5 juillet 2026 : merci de saisir vos observations");
    expect(fr.body).toContain(`\n${BASE}/`);
    expect(fr.body).not.toMatch(/Hello|Collection closes/);
    const en = await mailTo("ra.rei@t.test", "midterm");
    expect(en.subject).toBe("DM-SAM eCRF — mid-study reminder: closing on 5 July 2026");
    expect(en.body).toMatch(/^Hello ra\.rei,\n\n/);
    expect(en.body).toContain("Collection closes on 5 July 2026: please enter your cases");
    expect(en.body).not.toMatch(/Bonjour|clôture/);
    // No grace period set: none is announced.
    expect(fr.body).not.toContain("délai de grâce");
    expect(en.body).not.toContain("grace period");
  });

  it("the specific reminder lists only that centre's drafts and open queries, by pseudonymised key and record id", async () => {
    const rei = await mailTo("clin.rei@t.test", "pending");
    expect(rei.subject).toBe("DM-SAM eCRF — dossiers à compléter (REI)");
    expect(rei.body).toContain("La clôture du recueil est fixée au 5 juillet 2026.");
    expect(rei.body).toContain(`- MB · 1962-04-18 · REI, dossier ${reiDraft} (brouillon) : ${BASE}/cases/${reiDraft}`);
    expect(rei.body).toContain(
      `- QO · 1955-11-30 · REI, dossier ${reiOpenQuery} (1 query ouverte) : ${BASE}/cases/${reiOpenQuery}`,
    );
    // Drafts first, then by key.
    expect(rei.body.indexOf("MB · 1962-04-18")).toBeLessThan(rei.body.indexOf("QO · 1955-11-30"));
    const reiEn = await mailTo("ra.rei@t.test", "pending");
    expect(reiEn.subject).toBe("DM-SAM eCRF — records to complete (REI)");
    expect(reiEn.body).toContain("Collection closes on 5 July 2026.");
    expect(reiEn.body).toContain(`- MB · 1962-04-18 · REI, record ${reiDraft} (draft): ${BASE}/cases/${reiDraft}`);
    expect(reiEn.body).toContain(
      `- QO · 1955-11-30 · REI, record ${reiOpenQuery} (1 open query): ${BASE}/cases/${reiOpenQuery}`,
    );
    for (const mail of [rei, reiEn]) {
      // Answered queries wait for the coordinator; submitted cases without query and other centres' cases are not listed.
      expect(mail.body).not.toContain(reiAnswered);
      expect(mail.body).not.toContain("QA ·");
      expect(mail.body).not.toContain("SU ·");
      expect(mail.body).not.toContain(parDraft);
      expect(mail.body).not.toContain("PAR");
    }
    const par = await mailTo("clin.par@t.test", "pending");
    expect(par.body).toContain(`PD · 1970-01-02 · PAR, dossier ${parDraft}`);
    expect(par.body).not.toContain("REI");
    // No centre, nothing pending: no specific reminder for Lyon.
    expect(await ctx.db.sentReminder.count({ where: { recipient: "clin.lyo@t.test" } })).toBe(1);
  });

  it("running again (the same day or later) sends nothing twice", async () => {
    const count = await ctx.db.outboxMail.count(REMINDERS);
    expect((await runReminders(ctx.db, { now: ON_REMINDER_DAY, baseUrl: BASE })).queued).toEqual([]);
    expect((await runReminders(ctx.db, { now: LATER, baseUrl: BASE })).queued).toEqual([]);
    expect(await ctx.db.outboxMail.count(REMINDERS)).toBe(count);
    expect(await ctx.db.sentReminder.count()).toBe(7);
  });

  it("two runs at once still send each reminder once; an investigator added later gets theirs", async () => {
    await addUser(ctx.db, { email: "new.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    const count = await ctx.db.outboxMail.count(REMINDERS);
    const runs = await Promise.all([
      runReminders(ctx.db, { now: LATER, baseUrl: BASE }),
      runReminders(ctx.db, { now: LATER, baseUrl: BASE }),
    ]);
    const queued = runs.flatMap((r) => r.queued.map((q) => `${q.kind} ${q.to}`)).sort();
    expect(queued).toEqual(["midterm new.rei@t.test", "pending new.rei@t.test"]);
    expect(await ctx.db.outboxMail.count(REMINDERS)).toBe(count + 2);
    expect(await ctx.db.sentReminder.count({ where: { recipient: "new.rei@t.test" } })).toBe(2);
  });

  it("after the closing date, no mid-term reminder is sent any more", async () => {
    await addUser(ctx.db, { email: "late.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    expect((await runReminders(ctx.db, { now: new Date("2026-07-06T08:00:00Z"), baseUrl: BASE })).queued).toEqual([]);
  });

  it("with SMTP configured, queued mail is sent once and stamped sentAt; a failure keeps it for the next run", async () => {
    const delivered: MailMessage[] = [];
    const ok: MailSender = { from: "DM-SAM <ecrf@t.test>", transport: { send: async (m) => void delivered.push(m) } };
    const down: MailSender = {
      from: "DM-SAM <ecrf@t.test>",
      transport: {
        send: async () => {
          throw new Error("connect ECONNREFUSED");
        },
      },
    };
    const pending = await ctx.db.outboxMail.count({ where: { sentAt: null } });
    const now = new Date(Date.now() + 60_000);
    const failed = await deliverQueuedMail(ctx.db, down, { now });
    expect(failed).toMatchObject({ sent: 0, failed: pending });
    expect(failed.errors[0]?.error).toBe("connect ECONNREFUSED");
    expect(await ctx.db.outboxMail.count({ where: { sentAt: null } })).toBe(pending);

    const first = await deliverQueuedMail(ctx.db, ok, { now });
    expect(first).toMatchObject({ sent: pending, failed: 0 });
    expect(delivered.map((m) => m.to).sort()).toEqual((await ctx.db.outboxMail.findMany()).map((m) => m.to).sort());
    expect(delivered[0]).toMatchObject({ from: "DM-SAM <ecrf@t.test>" });
    expect(await ctx.db.outboxMail.count({ where: { sentAt: null } })).toBe(0);
    expect((await deliverQueuedMail(ctx.db, ok, { now })).sent).toBe(0);
    expect(delivered).toHaveLength(pending);
    // Without SMTP, delivery does nothing (the outbox is read in the app).
    expect(await deliverQueuedMail(ctx.db, null)).toMatchObject({ sent: 0, failed: 0 });
  });

  it(`does not send mail older than ${DELIVERY_MAX_AGE_HOURS} h automatically (read in the outbox meanwhile)`, async () => {
    const old = await ctx.db.outboxMail.create({
      data: {
        to: "x@t.test",
        subject: "s",
        body: "b",
        kind: "reminder",
        createdAt: new Date(Date.now() - (DELIVERY_MAX_AGE_HOURS + 1) * 3600_000),
      },
    });
    const delivered: MailMessage[] = [];
    const report = await deliverQueuedMail(ctx.db, {
      from: "f@t.test",
      transport: { send: async (m) => void delivered.push(m) },
    });
    expect(report.sent).toBe(0);
    expect((await ctx.db.outboxMail.findUniqueOrThrow({ where: { id: old.id } })).sentAt).toBeNull();
  });
});
