import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers } from "@/domain/crf/answers";
import { createCase } from "@/server/cases.server";
import {
  caseHistory,
  caseWorkflow,
  possibleDuplicates,
  queryInbox,
  recordCasePrinted,
} from "@/server/case-views.server";
import { saveDraft } from "@/server/case-answers.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { answersHash, lockCase, signCase, unlockCase, validateCase } from "@/server/workflow.server";
import { answerQuery, closeQuery, raiseQuery, reopenQuery } from "@/server/case-queries.server";
import { correspondenceList, recordCorrespondencePrinted } from "@/server/correspondence.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { checkAuditChain } from "../support/audit-log";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

const keys = (e: unknown) =>
  Object.fromEntries(Object.entries((e as InputError).fieldErrors).map(([k, v]) => [k, v.map((m) => m.key)]));
const SIGN = { password: TEST_PASSWORD, attest: true, locale: "fr" };

describeEachDatabase("submission, review and queries", (ctx) => {
  let clinRei: Actor, raRei: Actor, clinPar: Actor, coord: Actor;
  let caseId: string;

  const status = async (id = caseId) => (await ctx.db.case.findUniqueOrThrow({ where: { id } })).status;
  const version = async (id = caseId) => (await ctx.db.case.findUniqueOrThrow({ where: { id } })).version;

  /** A case whose every required field is answered (written directly: setup, not the thing tested). */
  async function completeCase(initials: string, actor: Actor): Promise<string> {
    const { id } = await createCase(ctx.db, actor, {
      initials,
      birthDate: "1962-04-18",
      centreCode: actor.centreCode,
      ...ELIGIBLE,
      sam_date: "2015-06-01",
    });
    await ctx.db.case.update({ where: { id }, data: { answers: sampleRecord(2) as object } });
    return id;
  }

  beforeAll(async () => {
    for (const code of ["REI", "PAR"]) await addCentre(ctx.db, code);
    clinRei = await addUser(ctx.db, { email: "clin.rei@t.test", role: "CLINICIAN", centreCode: "REI" });
    raRei = await addUser(ctx.db, { email: "ra.rei@t.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    clinPar = await addUser(ctx.db, { email: "clin.par@t.test", role: "CLINICIAN", centreCode: "PAR" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    caseId = await completeCase("MB", clinRei);
  });

  it("refuses to let anyone but a clinician of the centre sign", async () => {
    expect(await errorOf(() => signCase(ctx.db, raRei, caseId, SIGN))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => signCase(ctx.db, coord, caseId, SIGN))).toBeInstanceOf(ForbiddenError);
    expect(await errorOf(() => signCase(ctx.db, clinPar, caseId, SIGN))).toBeInstanceOf(NotFoundError);
    expect(await status()).toBe("DRAFT");
  });

  it("needs the right password and the attestation", async () => {
    expect(
      keys(await errorOf(() => signCase(ctx.db, clinRei, caseId, { ...SIGN, password: "not-my-password" }))),
    ).toEqual({ password: ["sign.wrongPassword"] });
    expect(keys(await errorOf(() => signCase(ctx.db, clinRei, caseId, { ...SIGN, attest: false })))).toEqual({
      attest: ["sign.attestRequired"],
    });
    expect(await ctx.db.signature.count()).toBe(0);
  });

  it("lists every empty required field and every unconfirmed unusual value before submission", async () => {
    const { id } = await createCase(ctx.db, clinRei, {
      initials: "EM",
      birthDate: "1970-01-01",
      centreCode: "REI",
      ...ELIGIBLE,
    });
    await saveDraft(ctx.db, clinRei, id, {
      baseVersion: 1,
      fields: { ferritin: { from: null, to: { v: 200000, unit: "ug_l" } } },
    });
    const problems = keys(await errorOf(() => signCase(ctx.db, clinRei, id, SIGN)));
    expect(problems.sex).toEqual(["crf.submit.missingNoCode"]);
    expect(problems.weight_kg).toEqual(["crf.submit.missing"]);
    expect(problems.ferritin).toEqual(["crf.submit.unconfirmed"]);
    expect(problems.comments).toBeUndefined();
    expect(await status(id)).toBe("DRAFT");
  });

  it("signs and submits, keeping a hash of the answers signed", async () => {
    await signCase(ctx.db, clinRei, caseId, SIGN);
    expect(await status()).toBe("SUBMITTED");
    const sig = await ctx.db.signature.findFirstOrThrow({ where: { caseId } });
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(sig.answersHash).toBe(answersHash(asCaseAnswers(row.answers)));
    expect(sig.attestation).toMatch(/^J'atteste/);
    expect((await caseWorkflow(ctx.db, raRei, caseId)).signature).toMatchObject({ changedSince: false });
    const types = (await caseHistory(ctx.db, raRei, caseId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["case.signed", "case.status_changed"]);
  });

  it("lets the coordinator raise a query on a field; the centre sees it in its inbox, not another centre", async () => {
    expect(
      await errorOf(() => raiseQuery(ctx.db, clinRei, caseId, { fieldPath: "ferritin", message: "?" })),
    ).toBeInstanceOf(ForbiddenError);
    expect(
      keys(await errorOf(() => raiseQuery(ctx.db, coord, caseId, { fieldPath: "ferritin", message: "" }))),
    ).toEqual({ message: ["query.messageRequired"] });
    const withEmail = keys(
      await errorOf(() =>
        raiseQuery(ctx.db, coord, caseId, { fieldPath: null, message: "écrire à jean.dupont@chu.fr" }),
      ),
    );
    expect(withEmail.message?.[0]).toMatch(/^identifierGuard\./);
    await raiseQuery(ctx.db, coord, caseId, {
      fieldPath: "ferritin",
      message: "Ferritine 250 000 µg/L : merci de confirmer l'unité.",
    });
    expect(await status()).toBe("QUERIED");
    expect((await queryInbox(ctx.db, raRei)).map((q) => q.fieldPath)).toEqual(["ferritin"]);
    expect(await queryInbox(ctx.db, clinPar)).toEqual([]);
  });

  it("lets the centre answer and correct the value with a reason; the signature then shows the change", async () => {
    const [query] = await queryInbox(ctx.db, raRei);
    expect(await errorOf(() => answerQuery(ctx.db, clinPar, query!.queryId, { message: "x" }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await errorOf(() => answerQuery(ctx.db, coord, query!.queryId, { message: "x" }))).toBeInstanceOf(
      ForbiddenError,
    );
    await answerQuery(ctx.db, raRei, query!.queryId, { message: "Erreur de saisie, corrigée." });
    const stored =
      asCaseAnswers((await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } })).answers).fields.ferritin ?? null;
    const noReason = await errorOf(() =>
      saveDraft(ctx.db, clinRei, caseId, {
        baseVersion: 1,
        fields: { ferritin: { from: stored, to: { v: 25000, unit: "ug_l" } } },
      }),
    );
    expect(keys(noReason)).toEqual({ reason: ["crf.case.reasonRequired"] });
    await saveDraft(ctx.db, clinRei, caseId, {
      baseVersion: await version(),
      reason: "Query : unité corrigée",
      fields: { ferritin: { from: stored, to: { v: 25000, unit: "ug_l" } } },
    });
    expect((await caseWorkflow(ctx.db, clinRei, caseId)).signature).toMatchObject({ changedSince: true });
    const change = (await caseHistory(ctx.db, coord, caseId)).find(
      (e) => e.type === "case.field_changed" && e.fieldPath === "ferritin",
    );
    expect(change).toMatchObject({ reason: "Query : unité corrigée", newValue: { v: 25000, unit: "ug_l" } });
  });

  it("validates only when no query is open and the last signature covers the answers; the clinician signs again after a correction", async () => {
    expect(keys(await errorOf(() => validateCase(ctx.db, coord, caseId)))).toEqual({ _form: ["workflow.openQueries"] });
    const [query] = await queryInbox(ctx.db, coord);
    expect(await errorOf(() => closeQuery(ctx.db, clinRei, query!.queryId, {}))).toBeInstanceOf(ForbiddenError);
    await closeQuery(ctx.db, coord, query!.queryId, { message: "Merci." });
    expect(await status()).toBe("SUBMITTED");
    expect(await errorOf(() => validateCase(ctx.db, clinRei, caseId))).toBeInstanceOf(ForbiddenError);
    // The ferritin was corrected after the signature: not validated until the clinician signs again.
    const before = await version();
    expect(keys(await errorOf(() => validateCase(ctx.db, coord, caseId)))).toEqual({
      _form: ["lifecycle.signatureStale"],
    });
    expect([await status(), await version()]).toEqual(["SUBMITTED", before]);
    // Signing again: password and attestation again; the research assistant still cannot.
    expect(await errorOf(() => signCase(ctx.db, raRei, caseId, SIGN))).toBeInstanceOf(ForbiddenError);
    expect(
      keys(await errorOf(() => signCase(ctx.db, clinRei, caseId, { ...SIGN, password: "wrong-password" }))),
    ).toEqual({ password: ["sign.wrongPassword"] });
    expect(keys(await errorOf(() => signCase(ctx.db, clinRei, caseId, { ...SIGN, attest: false })))).toEqual({
      attest: ["sign.attestRequired"],
    });
    const { signatureId } = await signCase(ctx.db, clinRei, caseId, SIGN);
    expect((await caseWorkflow(ctx.db, coord, caseId)).signature).toMatchObject({ changedSince: false });
    const signed = (await caseHistory(ctx.db, coord, caseId)).filter((e) => e.type === "case.signed");
    expect(signed).toHaveLength(2);
    expect(signed[1]!.data).toMatchObject({
      signatureId,
      previousSignatureId: (signed[0]!.data as { signatureId: string }).signatureId,
    });
    // The same answers are not signed twice.
    expect(keys(await errorOf(() => signCase(ctx.db, clinRei, caseId, SIGN)))).toEqual({
      _form: ["lifecycle.alreadySigned"],
    });
    expect(await status()).toBe("SUBMITTED");
    await validateCase(ctx.db, coord, caseId);
    expect(await status()).toBe("VALIDATED");
    // A status change moves the version: a draft save that read the case before it cannot write after it.
    expect(await version()).toBe(before + 1);
    const current = await version();
    const noEdit = await errorOf(() =>
      saveDraft(ctx.db, clinRei, caseId, {
        baseVersion: current,
        reason: "x",
        fields: { crp: { from: null, to: { v: 5 } } },
      }),
    );
    expect(keys(noEdit)).toEqual({ _form: ["crf.case.notEditable"] });
    await lockCase(ctx.db, coord, caseId);
    expect(await status()).toBe("LOCKED");
    expect(await errorOf(() => raiseQuery(ctx.db, coord, caseId, { fieldPath: null, message: "?" }))).toBeInstanceOf(
      InputError,
    );
    expect(keys(await errorOf(() => unlockCase(ctx.db, coord, caseId, { reason: " " })))).toEqual({
      reason: ["workflow.reasonRequired"],
    });
    await unlockCase(ctx.db, coord, caseId, { reason: "Erreur découverte lors de l'analyse" });
    expect(await status()).toBe("VALIDATED");
    const unlock = (await caseHistory(ctx.db, coord, caseId)).at(-1);
    expect(unlock).toMatchObject({
      type: "case.status_changed",
      oldValue: "LOCKED",
      newValue: "VALIDATED",
      reason: "Erreur découverte lors de l'analyse",
      role: "COORDINATOR",
    });
  });

  it("reopens a closed query, sending the case back to 'queried'", async () => {
    const closed = (await caseWorkflow(ctx.db, coord, caseId)).queries[0]!;
    await reopenQuery(ctx.db, coord, closed.id, { message: "Encore une question." });
    expect(await status()).toBe("QUERIED");
  });

  it("shows each case's history only to those who may see the case", async () => {
    expect(await errorOf(() => caseHistory(ctx.db, clinPar, caseId))).toBeInstanceOf(NotFoundError);
    const history = await caseHistory(ctx.db, raRei, caseId);
    const types = history.map((e) => e.type);
    for (const t of [
      "case.created",
      "case.signed",
      "query.raised",
      "query.answered",
      "case.field_changed",
      "query.closed",
      "query.reopened",
    ])
      expect(types).toContain(t);
    expect(history.find((e) => e.type === "query.answered")).toMatchObject({
      actor: "ra.rei",
      role: "RESEARCH_ASSISTANT",
    });
  });

  it("flags the same initials and birth date in two centres as a possible duplicate, for the coordinator only", async () => {
    await createCase(ctx.db, clinPar, { initials: "MB", birthDate: "1962-04-18", centreCode: "PAR", ...ELIGIBLE });
    const groups = await possibleDuplicates(ctx.db, coord);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.cases.map((c) => c.centreCode).sort()).toEqual(["PAR", "REI"]);
    expect(await errorOf(() => possibleDuplicates(ctx.db, clinRei))).toBeInstanceOf(ForbiddenError);
  });

  it("re-checks readiness at validation (required fields, unconfirmed values), listing each problem", async () => {
    const id = await completeCase("RR", clinRei);
    await signCase(ctx.db, clinRei, id, SIGN);
    // A signature that matches answers no longer complete (signed under rules since tightened, say):
    // written directly, since the application itself never lets this happen.
    const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
    const answers = asCaseAnswers(row.answers);
    const { weight_kg: _dropped, ...fields } = answers.fields;
    const incomplete = { ...answers, fields };
    await ctx.db.case.update({ where: { id }, data: { answers: incomplete as object } });
    await ctx.db.signature.updateMany({ where: { caseId: id }, data: { answersHash: answersHash(incomplete) } });
    const refused = await errorOf(() => validateCase(ctx.db, coord, id));
    const { _form, ...problems } = keys(refused);
    expect(_form).toEqual(["lifecycle.notReady"]);
    expect(problems.weight_kg).toEqual(["crf.submit.missing"]);
    // Without the weight, the doses per kg can no longer be checked: flagged, to be confirmed.
    expect(
      Object.entries(problems)
        .filter(([path]) => path !== "weight_kg")
        .every(([path, k]) => path.endsWith(".dose_value") && k.join() === "crf.submit.unconfirmed"),
    ).toBe(true);
    expect((refused as InputError).fieldErrors._form?.[0]?.params).toEqual({ count: Object.keys(problems).length });
    expect(await status(id)).toBe("SUBMITTED");
  });

  it("refuses to validate a case that was never signed", async () => {
    const id = await completeCase("NS", clinRei);
    // Submitted without a signature: only possible by writing the database directly.
    await ctx.db.case.update({ where: { id }, data: { status: "SUBMITTED" } });
    expect(keys(await errorOf(() => validateCase(ctx.db, coord, id)))).toEqual({ _form: ["lifecycle.notSigned"] });
  });

  describe("concurrent changes of one case", () => {
    const RUNS = 6;
    const settle = async <T>(p: Promise<T>) =>
      p.then(
        () => "ok" as const,
        (e: unknown) => e,
      );
    /** Every refusal is a message for the user, never an unexpected error (a 500). */
    const refusalKeys = (outcome: unknown) =>
      outcome === "ok"
        ? []
        : Object.values((outcome as InputError).fieldErrors)
            .flat()
            .map((m) => m.key);
    const expectHandled = (outcome: unknown) => {
      if (outcome !== "ok") expect(outcome, String(outcome)).toBeInstanceOf(InputError);
    };

    async function submitted(initials: string): Promise<string> {
      const id = await completeCase(initials, clinRei);
      await signCase(ctx.db, clinRei, id, SIGN);
      return id;
    }

    it("a draft save racing the validation: never a validated case with answers its signature does not cover", async () => {
      for (let run = 0; run < RUNS; run++) {
        const id = await submitted(`S${String.fromCharCode(65 + run)}`);
        const stored =
          asCaseAnswers((await ctx.db.case.findUniqueOrThrow({ where: { id } })).answers).fields.crp ?? null;
        const [saved, validated] = await Promise.all([
          settle(
            saveDraft(ctx.db, raRei, id, {
              baseVersion: await version(id),
              reason: "Correction",
              fields: { crp: { from: stored, to: { v: 41 + run } } },
            }),
          ),
          settle(validateCase(ctx.db, coord, id)),
        ]);
        expectHandled(saved);
        expectHandled(validated);
        const row = await ctx.db.case.findUniqueOrThrow({ where: { id } });
        const signature = await ctx.db.signature.findFirstOrThrow({ where: { caseId: id } });
        const covered = signature.answersHash === answersHash(asCaseAnswers(row.answers));
        if (row.status === "VALIDATED") {
          expect(covered, `run ${run}: validated with changed answers`).toBe(true);
          expect(refusalKeys(saved)).toEqual(["crf.case.notEditable"]);
        } else {
          expect(row.status).toBe("SUBMITTED");
          expect(saved).toBe("ok");
          expect(covered).toBe(false);
          expect(refusalKeys(validated)).toEqual(["lifecycle.signatureStale"]);
        }
      }
      expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
    });

    it("a query raised while the case is validated: never a validated case with an open query", async () => {
      for (let run = 0; run < RUNS; run++) {
        const id = await submitted(`Q${String.fromCharCode(65 + run)}`);
        const [validated, raised] = await Promise.all([
          settle(validateCase(ctx.db, coord, id)),
          settle(raiseQuery(ctx.db, coord, id, { fieldPath: "crp", message: `Question ${run}` })),
        ]);
        expectHandled(validated);
        expect(raised).toBe("ok");
        const open = await ctx.db.query.count({ where: { caseId: id, status: { not: "CLOSED" } } });
        expect(open).toBe(1);
        // Validated first then queried, or queried first and the validation refused: queried either way.
        expect(await status(id)).toBe("QUERIED");
        if (validated !== "ok") expect(refusalKeys(validated)).toEqual(["workflow.openQueries"]);
      }
    });

    it("two queries closed at once: the case is submitted again, not left 'queried' with nothing open", async () => {
      for (let run = 0; run < RUNS; run++) {
        const id = await submitted(`C${String.fromCharCode(65 + run)}`);
        const { queryId: a } = await raiseQuery(ctx.db, coord, id, { fieldPath: "crp", message: "A ?" });
        const { queryId: b } = await raiseQuery(ctx.db, coord, id, { fieldPath: null, message: "B ?" });
        const outcomes = await Promise.all([
          settle(closeQuery(ctx.db, coord, a, {})),
          settle(closeQuery(ctx.db, coord, b, {})),
        ]);
        expect(outcomes).toEqual(["ok", "ok"]);
        expect(await status(id)).toBe("SUBMITTED");
      }
    });

    it("a change that keeps losing the race is refused with a clear message, not an error page", async () => {
      const id = await submitted("LR");
      // Another writer changes the case between every read and conditional write (simulated on the real database).
      const losing = new Proxy(ctx.db, {
        get(target, prop, receiver) {
          if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
          return (body: (tx: unknown) => Promise<unknown>) =>
            target.$transaction((tx) =>
              body(
                new Proxy(tx, {
                  get(t, p, r) {
                    if (p !== "case") return Reflect.get(t, p, r);
                    return new Proxy(t.case, {
                      get: (c, q, rr) => (q === "updateMany" ? async () => ({ count: 0 }) : Reflect.get(c, q, rr)),
                    });
                  },
                }),
              ),
            );
        },
      });
      expect(keys(await errorOf(() => validateCase(losing, coord, id)))).toEqual({ _form: ["lifecycle.caseChanged"] });
      expect(await status(id)).toBe("SUBMITTED");
    });
  });

  it("records every printing of a case (language, state) and of a correspondence list in the audit trail", async () => {
    await recordCasePrinted(ctx.db, raRei, caseId, "en");
    const printed = (await caseHistory(ctx.db, coord, caseId)).at(-1);
    expect(printed).toMatchObject({
      type: "case.printed",
      actor: "ra.rei",
      role: "RESEARCH_ASSISTANT",
      data: { lang: "en", status: await status() },
    });
    const before = await ctx.db.auditEvent.count();
    expect(await errorOf(() => recordCasePrinted(ctx.db, clinPar, caseId, "fr"))).toBeInstanceOf(NotFoundError);
    expect(await ctx.db.auditEvent.count()).toBe(before);
    const list = await correspondenceList(ctx.db, clinRei, "PAR");
    expect(list.centre.code).toBe("REI");
    await recordCorrespondencePrinted(ctx.db, clinRei, list);
    const last = await ctx.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ type: "print.correspondence", actorId: clinRei.id, centre: "REI", caseId: null });
    expect(JSON.parse(last.data!)).toEqual({ centreCode: "REI", cases: list.rows.length });
  });

  it("keeps the audit chain intact through the whole workflow", async () => {
    expect(await checkAuditChain(ctx.db)).toMatchObject({ ok: true });
  });
});
