import "server-only";
import type { Actor } from "@/domain/actor";
import { asCaseAnswers } from "@/domain/crf/answers";
import { todayIso } from "@/domain/dates";
import { centreCaseRows, queryStats, quietCentres, type CentreCaseRow, type CentreQueryStats } from "@/domain/home";
import { caseStatusOf } from "@/domain/lifecycle";
import { resolveCalendar } from "@/domain/study-calendar";
import { authorize, centreScope } from "./access.server";
import type { Db } from "./db/create-db";
import { loadStudyDates } from "./study-settings";

// The data behind the home page by role (ADR 0016); the aggregation itself is
// src/domain/home.ts. Both functions read only what the actor may see.

/** A centre's cases with what is left to do on each (centre users; a monitor gets their centres'). */
export async function centreHome(db: Db, actor: Actor, now: Date = new Date()): Promise<CentreCaseRow[]> {
  authorize(actor, "case.list");
  const rows = await db.case.findMany({
    where: centreScope(actor),
    select: {
      id: true,
      initials: true,
      birthDate: true,
      status: true,
      answers: true,
      centre: { select: { code: true } },
      _count: { select: { queries: { where: { status: "OPEN" } } } },
    },
    take: 2000,
  });
  return centreCaseRows(
    rows.map((r) => ({
      id: r.id,
      initials: r.initials,
      birthDate: r.birthDate,
      centreCode: r.centre.code,
      status: caseStatusOf(r.status),
      answers: asCaseAnswers(r.answers),
      openQueries: r._count.queries,
    })),
    todayIso(now),
  );
}

export interface ReviewHome {
  /** Per centre, then the total (centreCode ""). */
  queries: CentreQueryStats[];
  /** Submitted cases (signed, no query open), the longest waiting first. */
  awaitingValidation: { id: string; key: string; centreCode: string; since: Date }[];
  /** Centres' questions waiting for the coordinating centre, the oldest first. */
  openQuestions: { id: string; caseId: string; key: string; fieldPath: string | null; since: Date }[];
  /** Centres with nothing entered since the mid-term reminder; null before it (or with no calendar). */
  quiet: string[] | null;
  reminderDate: string | null;
}

/** What the coordinating centre (or a monitor, for their centres) has to follow up. */
export async function reviewHome(db: Db, actor: Actor, now: Date = new Date()): Promise<ReviewHome> {
  authorize(actor, "query.manage");
  const scope = centreScope(actor);
  const [centres, queries, submitted, dates, questions] = await Promise.all([
    db.centre.findMany({
      where: scope.centreId === undefined ? {} : { id: scope.centreId },
      select: { code: true },
      orderBy: { code: "asc" },
    }),
    db.query.findMany({
      where: { case: scope },
      select: {
        status: true,
        createdAt: true,
        case: { select: { centre: { select: { code: true } } } },
        messages: { select: { kind: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.case.findMany({
      where: { ...scope, status: "SUBMITTED" },
      select: { id: true, initials: true, birthDate: true, updatedAt: true, centre: { select: { code: true } } },
      orderBy: { updatedAt: "asc" },
      take: 100,
    }),
    loadStudyDates(db),
    db.caseQuestion.findMany({
      where: { status: "OPEN", case: scope },
      select: {
        id: true,
        caseId: true,
        fieldPath: true,
        updatedAt: true,
        case: { select: { initials: true, birthDate: true, centre: { select: { code: true } } } },
      },
      orderBy: { updatedAt: "asc" },
      take: 100,
    }),
  ]);
  const codes = centres.map((c) => c.code);
  const reminder = resolveCalendar(dates)?.reminder ?? null;
  let active = new Set<string>();
  if (reminder) {
    // Entering = creating a case or saving an answer, by the centre's own users (the audit trail says who).
    const since = new Date(`${reminder}T00:00:00Z`);
    const events = await db.auditEvent.groupBy({
      by: ["centre"],
      where: { type: { in: ["case.created", "case.field_changed"] }, at: { gte: since } },
    });
    active = new Set(events.map((e) => e.centre).filter((c): c is string => c !== null));
  }
  return {
    queries: queryStats(
      codes,
      queries.map((q) => ({
        centreCode: q.case.centre.code,
        status: q.status,
        createdAt: q.createdAt,
        messages: q.messages.map((m) => ({ kind: m.kind, at: m.createdAt })),
      })),
      now,
    ),
    awaitingValidation: submitted.map((c) => ({
      id: c.id,
      key: `${c.initials} · ${c.birthDate} · ${c.centre.code}`,
      centreCode: c.centre.code,
      since: c.updatedAt,
    })),
    openQuestions: questions.map((q) => ({
      id: q.id,
      caseId: q.caseId,
      key: `${q.case.initials} · ${q.case.birthDate} · ${q.case.centre.code}`,
      fieldPath: q.fieldPath,
      since: q.updatedAt,
    })),
    quiet: quietCentres(codes, active, reminder, todayIso(now)),
    reminderDate: reminder,
  };
}
