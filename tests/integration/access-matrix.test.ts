// Who may call which data-access function on whose data: every function of
// src/server/*.server.ts that takes an actor (and the print and correspondence
// ones), for each role — coordinator, clinician, research assistant, monitor
// of one centre, monitor of all centres, statistician, and a disabled
// account — on a record of the actor's own centre, of another
// centre, and one that does not exist. The expected outcome is exact:
// allowed, Forbidden (the role lacks the permission), NotFound (another
// centre's record is "not found", exactly like a missing one), or a named
// refusal of the input. Each allowed call runs on a record prepared for it,
// so "allowed" means the call succeeded.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { loadActor } from "@/server/actor.server";
import { getCaseRecord, recordIdentifierBlocked, saveDraft } from "@/server/case-answers.server";
import {
  caseHistory,
  caseWorkflow,
  possibleDuplicates,
  queryInbox,
  recordCasePrinted,
} from "@/server/case-views.server";
import { createCase, getCase, listCases } from "@/server/cases.server";
import { createCentre, listCentresForAdmin } from "@/server/centre-admin.server";
import { identifierBlocksByCentre, listCentres } from "@/server/centres.server";
import { dashboardData } from "@/server/dashboard.server";
import { centreHome, reviewHome } from "@/server/home.server";
import { answerQuestion, askQuestion, caseQuestions, closeQuestion, followUpQuestion } from "@/server/questions.server";
import { addValueNote, listValueNotes } from "@/server/value-notes.server";
import { getNotificationPrefs, myNotifications, updateNotificationPrefs } from "@/server/notifications.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { exportPreview, streamExport } from "@/server/exports/index.server";
import { createApiToken, listApiTokens } from "@/server/api/tokens.server";
import { getStudyOverview, getStudyStatus, lockAllValidated, updateStudySettings } from "@/server/study.server";
import {
  createUser,
  listOutbox,
  listUsers,
  reinviteUser,
  resetUserPassword,
  setUserActive,
  unlockUser,
} from "@/server/users.server";
import { lockCase, signCase, unlockCase, validateCase } from "@/server/workflow.server";
import { answerQuery, closeQuery, raiseQuery, reopenQuery } from "@/server/case-queries.server";
import { correspondenceCentres, correspondenceList, recordCorrespondencePrinted } from "@/server/correspondence.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase, type DatabaseContext } from "../support/test-database";

type Who = "coordinator" | "clinician" | "assistant" | "monitor" | "monitorAll" | "statistician" | "inactive";
type Target = "own" | "other" | "missing";
type Outcome = "allowed" | "Forbidden" | "NotFound" | "no actor" | `input:${string}`;

const WHO: readonly Who[] = [
  "coordinator",
  "clinician",
  "assistant",
  "monitor",
  "monitorAll",
  "statistician",
  "inactive",
];
/** Who sees every centre's records (the others see REI's only: "other" is then "not found"). */
const ALL_CENTRES: readonly Who[] = ["coordinator", "monitorAll", "statistician"];
const SIGN = { password: TEST_PASSWORD, attest: true, locale: "fr" } as const;
const MISSING_ID = "cmissing0000000000000000";

interface World {
  /** Centre users of REI (the "own" centre of every centre user) and of PAR (the "other" one). */
  clinRei: Actor;
  raRei: Actor;
  clinPar: Actor;
  coord: Actor;
  actors: Record<Exclude<Who, "inactive">, Actor>;
  inactiveId: string;
}

let seq = 0;
/** A key no other fixture of this file uses. */
function nextKey(): { initials: string; birthDate: string } {
  const n = seq++;
  return {
    initials: `${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}${String.fromCharCode(65 + (n % 26))}`,
    birthDate: `${1930 + Math.floor(n / 676)}-01-01`,
  };
}

/** Records in a given state, of REI ("own" for the centre users) or PAR ("other"), written through the data-access layer. */
function fixtures(ctx: DatabaseContext, w: () => World) {
  const owner = (centre: "REI" | "PAR") => (centre === "REI" ? w().clinRei : w().clinPar);
  const draft = async (centre: "REI" | "PAR") =>
    (await createCase(ctx.db, owner(centre), { ...nextKey(), centreCode: centre, ...ELIGIBLE })).id;
  const complete = async (centre: "REI" | "PAR") => {
    const id = await draft(centre);
    await ctx.db.case.update({ where: { id }, data: { answers: sampleRecord(2) as object } });
    return id;
  };
  const submitted = async (centre: "REI" | "PAR") => {
    const id = await complete(centre);
    await signCase(ctx.db, owner(centre), id, SIGN);
    return id;
  };
  const openQuery = async (centre: "REI" | "PAR") =>
    (await raiseQuery(ctx.db, w().coord, await submitted(centre), { fieldPath: "crp", message: "CRP ?" })).queryId;
  const closedQuery = async (centre: "REI" | "PAR") => {
    const id = await openQuery(centre);
    await closeQuery(ctx.db, w().coord, id, {});
    return id;
  };
  const validated = async (centre: "REI" | "PAR") => {
    const id = await submitted(centre);
    await validateCase(ctx.db, w().coord, id);
    return id;
  };
  const locked = async (centre: "REI" | "PAR") => {
    const id = await validated(centre);
    await lockCase(ctx.db, w().coord, id);
    return id;
  };
  let users = 0;
  const user = async (centre: "REI" | "PAR", opts: { withPassword?: boolean } = {}) =>
    (
      await addUser(ctx.db, {
        email: `target${users++}@t.test`,
        role: "RESEARCH_ASSISTANT",
        centreCode: centre,
        withPassword: opts.withPassword,
      })
    ).id;
  const question = async (centre: "REI" | "PAR") =>
    (await askQuestion(ctx.db, owner(centre), await draft(centre), { fieldPath: "crp", message: "?" })).questionId;
  return { draft, complete, submitted, openQuery, closedQuery, validated, locked, user, question };
}

/** A record of the actor's centre (REI for everyone: the coordinator's "own" is REI too), of PAR, or none. */
const centreOf = (target: Target): "REI" | "PAR" => (target === "own" ? "REI" : "PAR");

interface Row {
  readonly name: string;
  /** Roles the permission matrix allows; the others get Forbidden, before anything is looked up. */
  readonly allowed: readonly Exclude<Who, "inactive">[];
  /** Functions of one record take the three targets; lists and settings take none. */
  readonly scoped: boolean;
  /** What an allowed role gets on a target, when it is not "own: allowed, other: NotFound for centre users, missing: NotFound". */
  readonly expect?: (who: Exclude<Who, "inactive">, target: Target) => Outcome;
  /** Prepares the record the call works on (a fresh one for each call) and makes the call. */
  readonly run: (actor: Actor, target: Target) => Promise<unknown>;
  /** For allowed calls: what came back respects the actor's scope. */
  readonly check?: (result: unknown, actor: Actor, target: Target) => void;
}

const CENTRE_USERS = ["clinician", "assistant"] as const;
/** Who reads cases: the centre users, the coordinator and the monitors (never the statistician). */
const EVERYONE = ["coordinator", "clinician", "assistant", "monitor", "monitorAll"] as const;
const COORDINATOR = ["coordinator"] as const;
/** Raising, closing and reopening queries. */
const QUERY_MANAGERS = ["coordinator", "monitor", "monitorAll"] as const;
/** Every role: one's own notification preferences and list. */
const ALL_ROLES = ["coordinator", "clinician", "assistant", "monitor", "monitorAll", "statistician"] as const;
/** The dashboard and the exports. */
const FIGURES = ["coordinator", "statistician"] as const;
/** The correspondence list (patients' identities are kept with it, on paper): centre users and the coordinator. */
const CORRESPONDENCE = ["coordinator", "clinician", "assistant"] as const;

async function outcomeOf(call: () => Promise<unknown>): Promise<{ outcome: Outcome; result?: unknown }> {
  try {
    return { outcome: "allowed", result: await call() };
  } catch (error) {
    if (error instanceof ForbiddenError) return { outcome: "Forbidden" };
    if (error instanceof NotFoundError) return { outcome: "NotFound" };
    if (error instanceof InputError)
      return { outcome: `input:${Object.values(error.fieldErrors).flat()[0]?.key ?? "?"}` };
    throw error;
  }
}

function defaultExpectation(row: Row, who: Who, target: Target | null): Outcome {
  if (who === "inactive") return "no actor";
  if (!(row.allowed as readonly string[]).includes(who)) return "Forbidden";
  if (row.expect && target) return row.expect(who, target);
  if (!target) return "allowed";
  if (target === "missing") return "NotFound";
  if (target === "other" && !ALL_CENTRES.includes(who)) return "NotFound";
  return "allowed";
}

describeEachDatabase("the access matrix: every data-access function × role × whose record", (ctx) => {
  let world: World;
  const w = () => world;
  const f = fixtures(ctx, w);
  /** A fresh record of the target's centre, or an id that exists nowhere. */
  const on = async (target: Target, make: (centre: "REI" | "PAR") => Promise<string>) =>
    target === "missing" ? MISSING_ID : make(centreOf(target));
  const fieldOf = async (caseId: string, id: string) => {
    const row = await ctx.db.case.findUnique({ where: { id: caseId } });
    return ((row?.answers as { fields?: Record<string, unknown> } | undefined)?.fields?.[id] ?? null) as never;
  };
  const casesIn = (result: unknown) => (result as { centreCode: string }[]).map((c) => c.centreCode);
  /** A centre user, or the monitor of REI, sees REI only. */
  const onlyOwnCentre = (codes: string[], actor: Actor) => {
    const own = actor.centreCode ?? (Array.isArray(actor.monitorScope) ? "REI" : null);
    if (own)
      expect(new Set(codes), "a centre user (or a one-centre monitor) sees only their centre").toEqual(
        new Set(codes.length ? [own] : []),
      );
  };

  beforeAll(async () => {
    for (const code of ["REI", "PAR"]) await addCentre(ctx.db, code);
    const clinRei = await addUser(ctx.db, { email: "clin.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    const raRei = await addUser(ctx.db, { email: "ra.rei@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    const clinPar = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
    const coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    // Monitors as the admin page creates them: one of REI only, one of every centre.
    const rei = await ctx.db.centre.findUniqueOrThrow({ where: { code: "REI" } });
    const monitor = await addUser(ctx.db, { email: "monitor.rei@t.test", role: "MONITOR" });
    await ctx.db.monitorCentre.create({ data: { userId: monitor.id, centreId: rei.id } });
    const monitorAll = await addUser(ctx.db, { email: "monitor.all@t.test", role: "MONITOR" });
    await ctx.db.user.update({ where: { id: monitorAll.id }, data: { monitorsAllCentres: true } });
    const statistician = await addUser(ctx.db, { email: "stats@t.test", role: "STATISTICIAN" });
    const inactive = await addUser(ctx.db, {
      email: "gone.rei@t.test",
      role: "CLINICIAN",
      centreCode: "REI",
      active: false,
    });
    // The actors exactly as a request gets them: reloaded from the database by user id.
    const load = async (a: Actor) => (await loadActor(ctx.db, a.id)) ?? expect.unreachable(`${a.email} should load`);
    world = {
      clinRei: await load(clinRei),
      raRei: await load(raRei),
      clinPar: await load(clinPar),
      coord: await load(coord),
      actors: {} as World["actors"],
      inactiveId: inactive.id,
    };
    world.actors = {
      coordinator: world.coord,
      clinician: world.clinRei,
      assistant: world.raRei,
      monitor: await load(monitor),
      monitorAll: await load(monitorAll),
      statistician: await load(statistician),
    };
    // Something for the lists to show in both centres.
    await f.openQuery("REI");
    await f.openQuery("PAR");
  });

  const ROWS: readonly Row[] = [
    // Cases
    {
      name: "listCases",
      allowed: EVERYONE,
      scoped: false,
      run: (a) => listCases(ctx.db, a, { centre: "PAR" }),
      check: (r, a) => onlyOwnCentre(casesIn(r), a),
    },
    { name: "getCase", allowed: EVERYONE, scoped: true, run: async (a, t) => getCase(ctx.db, a, await on(t, f.draft)) },
    {
      name: "getCaseRecord",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => getCaseRecord(ctx.db, a, await on(t, f.draft)),
    },
    {
      name: "createCase",
      allowed: CENTRE_USERS,
      scoped: true,
      // The target is the centre code typed: another centre's is refused on the field, an unknown one too.
      expect: (_who, t) =>
        t === "own" ? "allowed" : t === "other" ? "input:centreCode.notYours" : "input:centreCode.unknown",
      run: (a, t) =>
        createCase(ctx.db, a, {
          ...nextKey(),
          centreCode: t === "own" ? "REI" : t === "other" ? "PAR" : "ZZZ",
          ...ELIGIBLE,
        }),
    },
    // Drafts
    {
      name: "saveDraft",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => {
        const id = await on(t, f.draft);
        return saveDraft(ctx.db, a, id, {
          baseVersion: 1,
          fields: { crp: { from: await fieldOf(id, "crp"), to: { v: 12 } } },
        });
      },
    },
    {
      name: "recordIdentifierBlocked",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => recordIdentifierBlocked(ctx.db, a, await on(t, f.draft), "comments", ["email"]),
    },
    // Workflow
    {
      name: "signCase",
      allowed: ["clinician"],
      scoped: true,
      run: async (a, t) => signCase(ctx.db, a, await on(t, f.complete), SIGN),
    },
    {
      name: "raiseQuery",
      allowed: QUERY_MANAGERS,
      scoped: true,
      run: async (a, t) => raiseQuery(ctx.db, a, await on(t, f.submitted), { fieldPath: "crp", message: "?" }),
    },
    {
      name: "answerQuery",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => answerQuery(ctx.db, a, await on(t, f.openQuery), { message: "Vérifié." }),
    },
    {
      name: "closeQuery",
      allowed: QUERY_MANAGERS,
      scoped: true,
      run: async (a, t) => closeQuery(ctx.db, a, await on(t, f.openQuery), {}),
    },
    {
      name: "reopenQuery",
      allowed: QUERY_MANAGERS,
      scoped: true,
      run: async (a, t) => reopenQuery(ctx.db, a, await on(t, f.closedQuery), { message: "Encore ?" }),
    },
    {
      name: "validateCase",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => validateCase(ctx.db, a, await on(t, f.submitted)),
    },
    {
      name: "lockCase",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => lockCase(ctx.db, a, await on(t, f.validated)),
    },
    {
      name: "unlockCase",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => unlockCase(ctx.db, a, await on(t, f.locked), { reason: "Erreur d'analyse" }),
    },
    // History, workflow state, printing
    {
      name: "caseHistory",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => caseHistory(ctx.db, a, await on(t, f.draft)),
    },
    {
      name: "caseWorkflow",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => caseWorkflow(ctx.db, a, await on(t, f.submitted)),
    },
    {
      name: "recordCasePrinted",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => recordCasePrinted(ctx.db, a, await on(t, f.draft), "fr"),
    },
    // Inbox and duplicates
    {
      name: "queryInbox",
      allowed: EVERYONE,
      scoped: false,
      run: (a) => queryInbox(ctx.db, a),
      check: (r, a) =>
        onlyOwnCentre(
          (r as { caseKey: string }[]).map((q) => q.caseKey.slice(-3)),
          a,
        ),
    },
    { name: "possibleDuplicates", allowed: COORDINATOR, scoped: false, run: (a) => possibleDuplicates(ctx.db, a) },
    // Centres
    {
      name: "listCentres",
      allowed: EVERYONE,
      scoped: false,
      run: (a) => listCentres(ctx.db, a),
      check: (r, a) =>
        onlyOwnCentre(
          (r as { code: string }[]).map((c) => c.code),
          a,
        ),
    },
    {
      name: "identifierBlocksByCentre",
      allowed: COORDINATOR,
      scoped: false,
      run: (a) => identifierBlocksByCentre(ctx.db, a),
    },
    { name: "listCentresForAdmin", allowed: COORDINATOR, scoped: false, run: (a) => listCentresForAdmin(ctx.db, a) },
    {
      name: "createCentre",
      allowed: COORDINATOR,
      scoped: false,
      run: (a) => createCentre(ctx.db, a, { code: `Q${nextKey().initials}`, name: "Centre test", city: "Ville" }),
    },
    // Users (the target is an account of REI or PAR: the coordinator manages both)
    { name: "listUsers", allowed: COORDINATOR, scoped: false, run: (a) => listUsers(ctx.db, a) },
    {
      name: "createUser",
      allowed: COORDINATOR,
      scoped: false,
      run: (a) =>
        createUser(
          ctx.db,
          a,
          { email: `new${seq++}@t.test`, displayName: "New", role: "RESEARCH_ASSISTANT", centreCode: "REI" },
          "http://x",
        ),
    },
    {
      name: "setUserActive",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => setUserActive(ctx.db, a, await on(t, (c) => f.user(c)), false),
    },
    {
      name: "reinviteUser",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => reinviteUser(ctx.db, a, await on(t, (c) => f.user(c, { withPassword: false })), "http://x"),
    },
    {
      name: "resetUserPassword",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => resetUserPassword(ctx.db, a, await on(t, (c) => f.user(c)), "http://x"),
    },
    {
      name: "unlockUser",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => unlockUser(ctx.db, a, await on(t, (c) => f.user(c))),
    },
    { name: "listOutbox", allowed: COORDINATOR, scoped: false, run: (a) => listOutbox(ctx.db, a) },
    // Notes on values: written by the centre, read by everyone who reads the case
    {
      name: "addValueNote",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) =>
        addValueNote(ctx.db, a, await on(t, f.draft), { fieldPath: "crp", note: "Compte rendu du 05/06" }),
    },
    {
      name: "listValueNotes",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => listValueNotes(ctx.db, a, await on(t, f.draft)),
    },
    // Questions from centres to the coordinating centre
    {
      name: "askQuestion",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => askQuestion(ctx.db, a, await on(t, f.draft), { fieldPath: null, message: "?" }),
    },
    {
      name: "answerQuestion",
      allowed: COORDINATOR,
      scoped: true,
      run: async (a, t) => answerQuestion(ctx.db, a, await on(t, f.question), { message: "!" }),
    },
    {
      name: "followUpQuestion",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => followUpQuestion(ctx.db, a, await on(t, f.question), { message: "?" }),
    },
    {
      name: "closeQuestion",
      allowed: CENTRE_USERS,
      scoped: true,
      run: async (a, t) => closeQuestion(ctx.db, a, await on(t, f.question), {}),
    },
    {
      name: "caseQuestions",
      allowed: EVERYONE,
      scoped: true,
      run: async (a, t) => caseQuestions(ctx.db, a, await on(t, f.draft)),
    },
    // Home pages: what is left to do, within the actor's centres
    {
      name: "centreHome",
      allowed: EVERYONE,
      scoped: false,
      run: (a) => centreHome(ctx.db, a),
      check: (r, a) =>
        onlyOwnCentre(
          (r as { key: string }[]).map((c) => c.key.slice(-3)),
          a,
        ),
    },
    {
      name: "reviewHome",
      allowed: QUERY_MANAGERS,
      scoped: false,
      run: (a) => reviewHome(ctx.db, a),
      check: (r, a) =>
        onlyOwnCentre((r as { queries: { centreCode: string }[] }).queries.map((q) => q.centreCode).filter(Boolean), a),
    },
    // One's own notifications: only one's own rows are returned
    { name: "getNotificationPrefs", allowed: ALL_ROLES, scoped: false, run: (a) => getNotificationPrefs(ctx.db, a) },
    {
      name: "updateNotificationPrefs",
      allowed: ALL_ROLES,
      scoped: false,
      run: (a) => updateNotificationPrefs(ctx.db, a, { notifyMode: "immediate" }),
    },
    {
      name: "myNotifications",
      allowed: ALL_ROLES,
      scoped: false,
      run: async (a) => ({
        actor: a.id,
        rows: await ctx.db.notification.findMany({
          where: { id: { in: (await myNotifications(ctx.db, a)).map((n) => n.id) } },
        }),
      }),
      check: (r) => {
        const { actor, rows } = r as { actor: string; rows: { userId: string }[] };
        for (const row of rows) expect(row.userId).toBe(actor);
      },
    },
    // Study settings and the end of the study
    { name: "getStudyStatus", allowed: EVERYONE, scoped: false, run: (a) => getStudyStatus(ctx.db, a) },
    { name: "getStudyOverview", allowed: COORDINATOR, scoped: false, run: (a) => getStudyOverview(ctx.db, a) },
    // An open calendar (no closing within the test run), so that entry stays open for the other rows.
    {
      name: "updateStudySettings",
      allowed: COORDINATOR,
      scoped: false,
      run: (a) =>
        updateStudySettings(ctx.db, a, {
          openingDate: "2026-01-01",
          closingDate: "2099-12-31",
          reminderDate: "2099-01-01",
          graceDays: 0,
        }),
    },
    { name: "lockAllValidated", allowed: COORDINATOR, scoped: false, run: (a) => lockAllValidated(ctx.db, a) },
    // Dashboard and exports (the stream is not read: the audit event is written before it starts)
    { name: "dashboardData", allowed: FIGURES, scoped: false, run: (a) => dashboardData(ctx.db, a) },
    { name: "exportPreview", allowed: FIGURES, scoped: false, run: (a) => exportPreview(ctx.db, a) },
    // Tokens for scripts (ADR 0020): those who may export hold them.
    { name: "listApiTokens", allowed: FIGURES, scoped: false, run: (a) => listApiTokens(ctx.db, a) },
    {
      name: "createApiToken",
      allowed: FIGURES,
      scoped: false,
      run: (a) => createApiToken(ctx.db, a, { name: "matrix", scopes: ["dictionary:read"], days: 1 }),
    },
    {
      name: "streamExport",
      allowed: FIGURES,
      scoped: false,
      run: async (a) => {
        const file = await streamExport(ctx.db, a, "cases-csv");
        await file.stream.cancel();
        return file;
      },
    },
    // Printing the correspondence list: a centre user gets their own centre's, whatever centre they ask for.
    {
      name: "correspondenceCentres",
      allowed: CORRESPONDENCE,
      scoped: false,
      run: (a) => correspondenceCentres(ctx.db, a),
      check: (r, a) =>
        onlyOwnCentre(
          (r as { code: string }[]).map((c) => c.code),
          a,
        ),
    },
    {
      name: "correspondenceList",
      allowed: CORRESPONDENCE,
      scoped: true,
      expect: (who, t) => (who === "coordinator" && t === "missing" ? "NotFound" : "allowed"),
      run: (a, t) => correspondenceList(ctx.db, a, t === "own" ? "REI" : t === "other" ? "PAR" : "ZZZ"),
      check: (r, a, t) =>
        expect((r as { centre: { code: string } }).centre.code).toBe(a.centreCode ?? (t === "own" ? "REI" : "PAR")),
    },
    {
      name: "recordCorrespondencePrinted",
      allowed: CORRESPONDENCE,
      scoped: false,
      run: (a) =>
        recordCorrespondencePrinted(ctx.db, a, {
          centre: { id: "x", code: a.centreCode ?? "REI", name: "n", city: "c" },
          rows: [],
        }),
    },
  ];

  for (const row of ROWS) {
    it(`${row.name}`, { timeout: 60_000 }, async () => {
      const got: Record<string, Outcome> = {};
      const want: Record<string, Outcome> = {};
      for (const who of WHO) {
        for (const target of row.scoped ? (["own", "other", "missing"] as const) : [null]) {
          const cell = target ? `${who} × ${target}` : who;
          want[cell] = defaultExpectation(row, who, target);
          if (who === "inactive") {
            // A disabled account never becomes an actor: no data-access function can be reached with it.
            got[cell] = (await loadActor(ctx.db, world.inactiveId)) === null ? "no actor" : "allowed";
            continue;
          }
          const actor = world.actors[who];
          const { outcome, result } = await outcomeOf(() => row.run(actor, target ?? "own"));
          got[cell] = outcome;
          if (outcome === "allowed" && row.check) row.check(result, actor, target ?? "own");
        }
      }
      expect(got).toEqual(want);
    });
  }

  it("a research assistant claiming a coordinator's role in the input is still a research assistant", async () => {
    const ra = world.raRei;
    const id = await f.submitted("REI");
    const forged = { role: "COORDINATOR", actorRole: "COORDINATOR", permissions: ["case.review"] };
    expect(await errorOf(() => validateCase(ctx.db, ra, id))).toBeInstanceOf(ForbiddenError);
    expect(
      await errorOf(() => raiseQuery(ctx.db, ra, id, { fieldPath: null, message: "?", ...forged })),
    ).toBeInstanceOf(ForbiddenError);
    const complete = await f.complete("REI");
    expect(
      await errorOf(() => signCase(ctx.db, ra, complete, { ...SIGN, role: "CLINICIAN", actorRole: "CLINICIAN" })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await errorOf(() =>
        createUser(ctx.db, ra, { email: "forged@t.test", displayName: "F", centreCode: "", ...forged }, "http://x"),
      ),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      await errorOf(() =>
        updateStudySettings(ctx.db, ra, {
          openingDate: "2026-01-01",
          closingDate: "",
          reminderDate: "",
          graceDays: 0,
          ...forged,
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    // The role comes from the account, whatever a request says: reloading the actor gives it back.
    expect((await loadActor(ctx.db, ra.id))?.role).toBe("RESEARCH_ASSISTANT");
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
    expect(await ctx.db.user.count({ where: { email: "forged@t.test" } })).toBe(0);
  });

  it("a disabled account stops being an actor at its next request, whatever it could do before", async () => {
    const before = await addUser(ctx.db, { email: "soon.gone@t.test", role: "CLINICIAN", centreCode: "REI" });
    expect(await loadActor(ctx.db, before.id)).toMatchObject({ role: "CLINICIAN", centreCode: "REI" });
    await setUserActive(ctx.db, world.coord, before.id, false);
    expect(await loadActor(ctx.db, before.id)).toBeNull();
    expect(await loadActor(ctx.db, MISSING_ID)).toBeNull();
  });

  it("leaves the audit trail whole after every allowed call", async () => {
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
