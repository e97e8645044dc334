import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { createCase, getCase, listCases } from "@/server/cases.server";
import { listCentres } from "@/server/centres.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { createUser, listOutbox, listUsers } from "@/server/users.server";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("role and centre access", (ctx) => {
  let clinRei: Actor, raRei: Actor, clinPar: Actor, coord: Actor;
  let reiCase: string, parCase: string;

  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    clinRei = await addUser(ctx.db, { email: "clin.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    raRei = await addUser(ctx.db, { email: "ra.rei@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    clinPar = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    reiCase = (
      await createCase(ctx.db, raRei, { ...ELIGIBLE, initials: "ab", birthDate: "1970-01-02", centreCode: "REI" })
    ).id;
    parCase = (
      await createCase(ctx.db, clinPar, { ...ELIGIBLE, initials: "CD", birthDate: "1980-05-06", centreCode: "PAR" })
    ).id;
  });

  it("lists only the centre's cases for centre users, every case for the coordinator", async () => {
    expect((await listCases(ctx.db, clinRei)).map((c) => c.id)).toEqual([reiCase]);
    expect((await listCases(ctx.db, raRei)).map((c) => c.id)).toEqual([reiCase]);
    expect((await listCases(ctx.db, clinPar)).map((c) => c.id)).toEqual([parCase]);
    expect((await listCases(ctx.db, coord)).map((c) => c.id).sort()).toEqual([reiCase, parCase].sort());
    expect((await listCentres(ctx.db, clinRei)).map((c) => c.code)).toEqual(["REI"]);
    expect((await listCentres(ctx.db, coord)).map((c) => c.code)).toEqual(["LYO", "PAR", "REI"]);
  });

  it("answers 'not found' for another centre's case exactly as for a missing id", async () => {
    const crossCentre = await errorOf(() => getCase(ctx.db, clinPar, reiCase));
    const missing = await errorOf(() => getCase(ctx.db, clinPar, "no-such-id"));
    expect(crossCentre).toBeInstanceOf(NotFoundError);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((crossCentre as Error).message).toBe((missing as Error).message);
    expect(await errorOf(() => getCase(ctx.db, raRei, parCase))).toBeInstanceOf(NotFoundError);
    expect((await getCase(ctx.db, raRei, reiCase)).centreCode).toBe("REI");
    expect((await getCase(ctx.db, coord, reiCase)).initials).toBe("AB");
  });

  it("lets clinicians and research assistants create cases for their own centre only", async () => {
    await expect(
      createCase(ctx.db, clinRei, { ...ELIGIBLE, initials: "EF", birthDate: "1990-01-01", centreCode: "REI" }),
    ).resolves.toHaveProperty("id");
    const other = await errorOf(() =>
      createCase(ctx.db, raRei, { ...ELIGIBLE, initials: "EF", birthDate: "1990-01-01", centreCode: "PAR" }),
    );
    expect(other).toBeInstanceOf(InputError);
    expect((other as InputError).fieldErrors.centreCode?.[0]?.key).toBe("centreCode.notYours");
    expect(await ctx.db.case.count({ where: { centre: { code: "PAR" }, initials: "EF" } })).toBe(0);
  });

  it("refuses case entry to coordinators", async () => {
    expect(
      await errorOf(() =>
        createCase(ctx.db, coord, { ...ELIGIBLE, initials: "GH", birthDate: "1990-01-01", centreCode: "REI" }),
      ),
    ).toBeInstanceOf(ForbiddenError);
  });

  it("refuses administration to clinicians and research assistants", async () => {
    const input = { email: "x@t.test", displayName: "X", role: "COORDINATOR", centreCode: "" };
    for (const actor of [clinRei, raRei]) {
      expect(await errorOf(() => listUsers(ctx.db, actor))).toBeInstanceOf(ForbiddenError);
      expect(await errorOf(() => createUser(ctx.db, actor, input, "http://x"))).toBeInstanceOf(ForbiddenError);
      expect(await errorOf(() => listOutbox(ctx.db, actor))).toBeInstanceOf(ForbiddenError);
    }
    expect(await ctx.db.user.count({ where: { email: "x@t.test" } })).toBe(0);
  });

  it("does not trust a role claimed by the caller: a research assistant acting as coordinator is refused", async () => {
    // Same person, forged role in the request body: the action uses the role stored for the account.
    const forged = {
      email: "forged@t.test",
      displayName: "F",
      role: "COORDINATOR",
      centreCode: "",
      actorRole: "COORDINATOR",
    };
    expect(await errorOf(() => createUser(ctx.db, raRei, forged, "http://x"))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => listCases(ctx.db, { ...raRei, centreId: null }))).toBeInstanceOf(ForbiddenError);
  });

  it("lets the coordinator administer users", async () => {
    const { inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "New.User@T.test ", displayName: "New", role: "RESEARCH_ASSISTANT", centreCode: "lyo" },
      "https://ecrf.test/",
    );
    expect(inviteUrl).toMatch(/^https:\/\/ecrf\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const user = await ctx.db.user.findUniqueOrThrow({
      where: { email: "new.user@t.test" },
      include: { centre: true },
    });
    expect(user.centre?.code).toBe("LYO");
    expect(user.passwordHash).toBeNull();
    expect((await listUsers(ctx.db, coord)).some((u) => u.email === "new.user@t.test")).toBe(true);
    const mails = await listOutbox(ctx.db, coord);
    expect(mails[0]?.to).toBe("new.user@t.test");
    // The outbox says the mail exists, never its link (tests/security/account-takeover.test.ts).
    expect(mails[0]?.body).not.toContain(inviteUrl);
  });

  it("refuses a second case with the same key with a friendly message, writing nothing", async () => {
    const before = await ctx.db.case.count();
    const auditBefore = await ctx.db.auditEvent.count();
    const dup = await errorOf(() =>
      createCase(ctx.db, clinRei, { ...ELIGIBLE, initials: "A.B.", birthDate: "1970-01-02", centreCode: "REI" }),
    );
    expect(dup).toBeInstanceOf(InputError);
    expect((dup as InputError).fieldErrors._form?.[0]).toEqual({
      key: "case.duplicate",
      params: { initials: "AB", birthDate: "1970-01-02", centre: "REI" },
    });
    expect(await ctx.db.case.count()).toBe(before);
    expect(await ctx.db.auditEvent.count()).toBe(auditBefore);
  });

  it("allows the same initials and birth date in another centre (a possible duplicate for the coordinator)", async () => {
    await expect(
      createCase(ctx.db, clinPar, { ...ELIGIBLE, initials: "AB", birthDate: "1970-01-02", centreCode: "PAR" }),
    ).resolves.toHaveProperty("id");
  });

  it("refuses malformed keys with field messages and no write", async () => {
    const before = await ctx.db.case.count();
    const bad = await errorOf(() =>
      createCase(ctx.db, clinRei, {
        ...ELIGIBLE,
        initials: "Jean Dupont",
        birthDate: "2999-01-01",
        centreCode: "REI",
        __proto__: { x: 1 },
        extra: 1,
      }),
    );
    expect(bad).toBeInstanceOf(InputError);
    const keys = Object.fromEntries(
      Object.entries((bad as InputError).fieldErrors).map(([k, v]) => [k, v.map((m) => m.key)]),
    );
    expect(keys.initials).toEqual(["initials.tooLong"]);
    expect(keys.birthDate).toEqual(["birthDate.future"]);
    expect(keys._form).toEqual(["generic.unknownField"]);
    expect(await errorOf(() => createCase(ctx.db, clinRei, null))).toBeInstanceOf(InputError);
    expect(await errorOf(() => createCase(ctx.db, clinRei, "DM"))).toBeInstanceOf(InputError);
    expect(await ctx.db.case.count()).toBe(before);
  });

  it("audits every creation in an intact hash chain, also under concurrent writers", async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createCase(ctx.db, i % 2 ? clinRei : raRei, {
          ...ELIGIBLE,
          initials: "ZZ",
          birthDate: `1950-01-${String(i + 10)}`,
          centreCode: "REI",
        }),
      ),
    );
    expect(created).toHaveLength(8);
    const events = await ctx.db.auditEvent.findMany({ where: { type: "case.created" } });
    expect(events.length).toBeGreaterThanOrEqual(8 + 3);
    const check = await checkAuditChain(ctx.db);
    expect(check).toMatchObject({ ok: true });
    const head = await ctx.db.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.seq).toBe(check.count);
  });
});
