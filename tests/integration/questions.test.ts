// Questions from centres to the coordinating centre (ADR 0016): the query's
// thread the other way round. The coordinators are mailed when a centre asks,
// the centre when a coordinator answers; the case's status never changes and
// validation is not blocked; another centre's question is "not found".
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { caseHistory } from "@/server/case-views.server";
import { createCase } from "@/server/cases.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { reviewHome } from "@/server/home.server";
import { answerQuestion, askQuestion, caseQuestions, closeQuestion, followUpQuestion } from "@/server/questions.server";
import { signCase, validateCase } from "@/server/workflow.server";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("questions from centres", (ctx) => {
  let clin: Actor;
  let ra: Actor;
  let coord: Actor;
  let clinPar: Actor;
  let caseId: string;

  const mailsSince = (since: Date) =>
    ctx.db.outboxMail.findMany({ where: { createdAt: { gte: since }, kind: "notification" }, orderBy: { to: "asc" } });

  beforeAll(async () => {
    for (const code of ["REI", "PAR"]) await addCentre(ctx.db, code);
    clin = await addUser(ctx.db, { email: "clin@rei.test", role: "CLINICIAN", centreCode: "REI" });
    ra = await addUser(ctx.db, { email: "ra@rei.test", role: "RESEARCH_ASSISTANT", centreCode: "REI" });
    clinPar = await addUser(ctx.db, { email: "clin@par.test", role: "CLINICIAN", centreCode: "PAR" });
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
    caseId = (
      await createCase(ctx.db, clin, { initials: "QC", birthDate: "1950-01-02", centreCode: "REI", ...ELIGIBLE })
    ).id;
    await ctx.db.case.update({ where: { id: caseId }, data: { answers: sampleRecord(2) as object } });
    await signCase(ctx.db, clin, caseId, { password: TEST_PASSWORD, attest: true, locale: "fr" });
  });

  it("a centre asks, the coordinators are mailed; a coordinator answers, the centre is mailed; the centre closes — the case's status never moves", async () => {
    let since = new Date(Date.now() - 1);
    const { questionId } = await askQuestion(ctx.db, ra, caseId, {
      fieldPath: "crp",
      message: "Quelle CRP retenir : la plus haute ?",
    });
    let mails = await mailsSince(since);
    expect(mails.map((m) => m.to)).toEqual(["coord@t.test"]);
    expect(mails[0]?.subject).toBe("DM-SAM eCRF — question d’un centre sur le dossier QC · 1950-01-02 · REI");
    expect(mails[0]?.body).not.toContain("plus haute");

    since = new Date(Date.now() - 1);
    await answerQuestion(ctx.db, coord, questionId, { message: "Oui, la plus haute pendant l'épisode." });
    mails = await mailsSince(since);
    // The asker (a research assistant), and the case's clinician (creator and signer).
    expect(mails.map((m) => m.to)).toEqual(["clin@rei.test", "ra@rei.test"]);
    expect(mails[0]?.subject).toBe("DM-SAM eCRF — réponse de la coordination sur le dossier QC · 1950-01-02 · REI");

    await followUpQuestion(ctx.db, ra, questionId, { message: "Même sous corticoïdes ?" });
    expect((await caseQuestions(ctx.db, coord, caseId))[0]?.status).toBe("OPEN");
    await answerQuestion(ctx.db, coord, questionId, { message: "Oui." });
    await closeQuestion(ctx.db, ra, questionId, {});
    const [q] = await caseQuestions(ctx.db, clin, caseId);
    expect(q?.status).toBe("CLOSED");
    expect(q?.messages.map((m) => m.kind)).toEqual(["asked", "answered", "asked", "answered", "closed"]);
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("SUBMITTED");
    const types = (await caseHistory(ctx.db, coord, caseId))
      .map((e) => e.type)
      .filter((t) => t.startsWith("question."));
    expect(types).toEqual([
      "question.asked",
      "question.answered",
      "question.asked",
      "question.answered",
      "question.closed",
    ]);
  });

  it("an open question does not block validation, and waits on the coordinator's home page", async () => {
    const { questionId } = await askQuestion(ctx.db, clin, caseId, {
      fieldPath: null,
      message: "Faut-il joindre le compte rendu ?",
    });
    expect((await reviewHome(ctx.db, coord)).openQuestions.map((q) => [q.id, q.key])).toEqual([
      [questionId, "QC · 1950-01-02 · REI"],
    ]);
    await validateCase(ctx.db, coord, caseId);
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("VALIDATED");
  });

  it("who may do what: coordinators do not ask, centres do not answer, another centre sees nothing; identifiers are refused", async () => {
    const { questionId } = await askQuestion(ctx.db, clin, caseId, { fieldPath: null, message: "?" });
    expect(await errorOf(() => askQuestion(ctx.db, coord, caseId, { fieldPath: null, message: "?" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await errorOf(() => answerQuestion(ctx.db, clin, questionId, { message: "!" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await errorOf(() => askQuestion(ctx.db, clinPar, caseId, { fieldPath: null, message: "?" }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await errorOf(() => closeQuestion(ctx.db, clinPar, questionId, {}))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(() => caseQuestions(ctx.db, clinPar, caseId))).toBeInstanceOf(NotFoundError);
    const refused = await errorOf(() =>
      askQuestion(ctx.db, clin, caseId, { fieldPath: null, message: "Patient joignable au 06 12 34 56 78" }),
    );
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).fieldErrors.message?.[0]?.key).toMatch(/^identifierGuard\./);
  });
});
