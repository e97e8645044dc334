import "server-only";
import type { Actor } from "@/domain/actor";
import { redactionTargetsOf } from "@/domain/audit-chain";
import { asCaseAnswers } from "@/domain/crf/answers";
import { caseStatusOf } from "@/domain/lifecycle";
import type { Locale } from "@/domain/locale";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { NotFoundError } from "./errors";
import { answersHash } from "./workflow.server";

export interface SignatureView {
  signedBy: string;
  signedAt: Date;
  version: number;
  /** The answers differ from what was signed. */
  changedSince: boolean;
}

export interface QueryView {
  id: string;
  fieldPath: string | null;
  status: "OPEN" | "ANSWERED" | "CLOSED";
  createdAt: Date;
  messages: { kind: string; body: string; author: string; role: string; at: Date }[];
}

export interface CaseWorkflowView {
  signature: SignatureView | null;
  queries: QueryView[];
  openQueries: number;
}

/** Signature state and queries of a case the actor may see. */
export async function caseWorkflow(db: Db, actor: Actor, caseId: string): Promise<CaseWorkflowView> {
  authorize(actor, "case.read");
  const row = await db.case.findFirst({
    where: { id: caseId, ...centreScope(actor) },
    include: {
      // The last signature as workflow.server.ts's lastSignature reads it.
      signatures: { orderBy: [{ caseVersion: "desc" }, { signedAt: "desc" }], take: 1, include: { signedBy: true } },
      queries: {
        orderBy: { createdAt: "asc" },
        include: { messages: { orderBy: { createdAt: "asc" }, include: { author: true } } },
      },
    },
  });
  if (!row) throw new NotFoundError();
  const last = row.signatures[0];
  const queries: QueryView[] = row.queries.map((q) => ({
    id: q.id,
    fieldPath: q.fieldPath,
    status: q.status,
    createdAt: q.createdAt,
    messages: q.messages.map((m) => ({
      kind: m.kind,
      body: m.body,
      author: m.author.displayName,
      role: m.author.role,
      at: m.createdAt,
    })),
  }));
  return {
    signature: last
      ? {
          signedBy: last.signedBy.displayName,
          signedAt: last.signedAt,
          version: last.caseVersion,
          changedSince: answersHash(asCaseAnswers(row.answers)) !== last.answersHash,
        }
      : null,
    queries,
    openQueries: queries.filter((q) => q.status !== "CLOSED").length,
  };
}

export interface InboxItem {
  queryId: string;
  caseId: string;
  caseKey: string;
  fieldPath: string | null;
  status: "OPEN" | "ANSWERED";
  lastMessage: string;
  updatedAt: Date;
}

/** Open queries of the actor's centre (centre users), or answered ones awaiting closure too (coordinator). */
export async function queryInbox(db: Db, actor: Actor): Promise<InboxItem[]> {
  authorize(actor, "case.list");
  const rows = await db.query.findMany({
    where: { status: { in: ["OPEN", "ANSWERED"] }, case: centreScope(actor) },
    include: { case: { include: { centre: true } }, messages: { orderBy: { createdAt: "desc" }, take: 1 } },
    orderBy: { updatedAt: "desc" },
    take: 500,
  });
  return rows.map((q) => ({
    queryId: q.id,
    caseId: q.caseId,
    caseKey: `${q.case.initials} · ${q.case.birthDate} · ${q.case.centre.code}`,
    fieldPath: q.fieldPath,
    status: q.status as "OPEN" | "ANSWERED",
    lastMessage: q.messages[0]?.body ?? "",
    updatedAt: q.updatedAt,
  }));
}

export interface HistoryEntry {
  seq: number;
  at: Date;
  type: string;
  actor: string;
  role: string | null;
  fieldPath: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
  data: unknown;
  /** Columns a redaction changed (ADR 0010): their values above are the redacted texts. */
  redacted: string[];
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** Redacted texts by "seq:column", from the case's audit.redacted events (the blanked values are gone). */
function redactedTexts(events: readonly { type: string; data: string | null }[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const e of events)
    if (e.type === "audit.redacted")
      for (const t of redactionTargetsOf(e.data)) out.set(`${t.seq}:${t.column}`, t.replacement);
  return out;
}

/** Every audited event of a case, oldest first: who, role, when, what, old → new, why. */
export async function caseHistory(db: Db, actor: Actor, caseId: string): Promise<HistoryEntry[]> {
  authorize(actor, "case.read");
  const visible = await db.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { id: true } });
  if (!visible) throw new NotFoundError();
  const events = await db.auditEvent.findMany({ where: { caseId }, orderBy: { seq: "asc" } });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null))] } },
    select: { id: true, displayName: true },
  });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const replaced = redactedTexts(events);
  return events.map((e) => {
    const value = (column: "oldValue" | "newValue" | "reason" | "data") => {
      const key = `${e.seq}:${column}`;
      return replaced.has(key) ? (replaced.get(key) ?? null) : e[column];
    };
    return {
      seq: e.seq,
      at: e.at,
      type: e.type,
      actor: e.actorId ? (names.get(e.actorId) ?? e.actorId) : "—",
      role: e.actorRole,
      fieldPath: e.fieldPath,
      oldValue: parse(value("oldValue")),
      newValue: parse(value("newValue")),
      reason: value("reason"),
      data: parse(value("data")),
      redacted: ["oldValue", "newValue", "reason", "data"].filter((c) => replaced.has(`${e.seq}:${c}`)),
    };
  });
}

export interface DuplicateGroup {
  initials: string;
  birthDate: string;
  cases: { id: string; centreCode: string; status: string }[];
}

/** The same initials and birth date in two centres: a patient possibly followed in both. */
export async function possibleDuplicates(db: Db, actor: Actor): Promise<DuplicateGroup[]> {
  authorize(actor, "case.review");
  const groups = await db.case.groupBy({
    by: ["initials", "birthDate"],
    _count: { _all: true },
    having: { initials: { _count: { gt: 1 } } },
  });
  if (groups.length === 0) return [];
  const rows = await db.case.findMany({
    where: { OR: groups.map((g) => ({ initials: g.initials, birthDate: g.birthDate })) },
    include: { centre: true },
    orderBy: [{ initials: "asc" }, { birthDate: "asc" }],
  });
  const byKey = new Map<string, DuplicateGroup>();
  for (const r of rows) {
    const key = `${r.initials}|${r.birthDate}`;
    const g = byKey.get(key) ?? { initials: r.initials, birthDate: r.birthDate, cases: [] };
    g.cases.push({ id: r.id, centreCode: r.centre.code, status: r.status });
    byKey.set(key, g);
  }
  return [...byKey.values()].filter((g) => new Set(g.cases.map((c) => c.centreCode)).size > 1);
}

/**
 * Printing a filled case discloses its data outside the application, like an
 * export: the rendering of /cases/<id>/print records it (who, when, which
 * language, in which state the case was). Same access as reading the case.
 */
export async function recordCasePrinted(db: Db, actor: Actor, caseId: string, lang: Locale): Promise<void> {
  authorize(actor, "case.read");
  await db.$transaction(async (tx) => {
    const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) }, select: { status: true } });
    if (!row) throw new NotFoundError();
    const status = caseStatusOf(row.status);
    await appendAudit(tx, [
      {
        type: "case.printed",
        actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
        caseId,
        data: { lang, status },
      },
    ]);
  });
}
