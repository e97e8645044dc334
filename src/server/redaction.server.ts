import "server-only";
// Redaction of an identifier from a case and every place it was copied (ADR
// 0010), in one transaction: the case's answers, the value columns of its
// audit events (blanked — the chain commits to them through salted hashes, so
// it still verifies), its query messages, and any other text column that
// holds it (scoped to the case where the table has a caseId). Then one
// audit.redacted event says who, when, which events and columns, why — never
// the removed text — and the whole database is scanned for what remains.
import type { Actor } from "@/domain/actor";
import { VALUE_COLUMNS, type RedactionTarget, type ValueColumn } from "@/domain/audit-chain";
import type { RedactionData } from "@/domain/audit-events";
import { asCaseAnswers, type CaseAnswers } from "@/domain/crf/answers";
import { diffAnswers } from "@/domain/crf/merge";
import { checkRedactionInput, redactColumn, redactDeep, redactionPattern, redactText } from "@/domain/redaction";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { findText, replaceValue, tablesWithTriggers, textColumns, valuesHolding } from "./text-columns";

export interface RedactionResult {
  /** Audit event columns blanked. */
  events: number;
  answers: string[];
  queryMessages: number;
  otherRows: Record<string, number>;
  /** Where the text still is after the redaction (legacy events, accounts, centres…): table.column → rows. */
  remaining: { table: string; column: string; rows: number }[];
}

/** Tables the generic pass never rewrites: handled above, or not study data (accounts, centres, the chain's head). */
const NOT_GENERIC = new Set([
  "AuditEvent",
  "AuditHead",
  "Case",
  "QueryMessage",
  "User",
  "Centre",
  "_prisma_migrations",
]);

const parseList = (text: string | null): string[] => (text ? (JSON.parse(text) as string[]) : []);

export async function redactIdentifier(
  db: Db,
  actor: Actor,
  input: unknown,
  now: Date = new Date(),
): Promise<RedactionResult> {
  authorize(actor, "case.redact");
  const checked = checkRedactionInput(input);
  if (!checked.ok) throw new InputError(checked.errors);
  const { caseId, text, reason, requestedBy } = checked.value;
  const pattern = redactionPattern(text);
  const done = await db.$transaction(async (tx) => {
    const row = await tx.case.findFirst({ where: { id: caseId, ...centreScope(actor) } });
    if (!row) throw new NotFoundError();

    // 1. The answers (and anything derived from them).
    const stored = asCaseAnswers(row.answers);
    const answers = redactDeep(stored, pattern);
    const computed = redactDeep(row.computed, pattern);
    const changedPaths = answers.changed ? diffAnswers(stored, answers.value as CaseAnswers).map((d) => d.path) : [];
    if (answers.changed || computed.changed) {
      // A new version: a form still open on the old text gets a conflict instead of writing it back.
      await tx.case.update({
        where: { id: row.id },
        data: {
          answers: answers.value as object,
          computed: (computed.value ?? undefined) as object | undefined,
          version: row.version + 1,
        },
      });
    }

    // 2. The case's audit events: each value column holding the text is blanked (keyed events)
    //    and its redacted text recorded in the redaction event (legacy events keep theirs: ADR 0010).
    const targets: RedactionTarget[] = [];
    const events = await tx.auditEvent.findMany({ where: { caseId: row.id }, orderBy: { seq: "asc" } });
    for (const e of events) {
      const blank: ValueColumn[] = [];
      for (const column of VALUE_COLUMNS) {
        const value = e[column];
        if (value === null) continue;
        const replacement = redactColumn(value, column !== "reason", pattern);
        if (replacement === null) continue;
        targets.push({ seq: e.seq, column, replacement });
        if (e.keyId) blank.push(column);
      }
      if (blank.length === 0) continue;
      const salts = JSON.parse(e.salts ?? "{}") as Record<string, string>;
      for (const c of blank) delete salts[c];
      await tx.auditEvent.update({
        where: { seq: e.seq },
        data: {
          ...Object.fromEntries(blank.map((c) => [c, null])),
          salts: JSON.stringify(salts),
          redacted: JSON.stringify([...new Set([...parseList(e.redacted), ...blank])]),
        },
      });
    }

    // 3. The case's query messages.
    const messages = await tx.queryMessage.findMany({
      where: { query: { caseId: row.id } },
      select: { id: true, body: true },
    });
    const queryMessageIds: string[] = [];
    for (const m of messages) {
      const body = redactText(m.body, pattern);
      if (body === m.body.normalize("NFC")) continue;
      await tx.queryMessage.update({ where: { id: m.id }, data: { body } });
      queryMessageIds.push(m.id);
    }

    // 4. Any other text column that holds it: this case's rows where the table has a caseId, every row otherwise.
    const otherRows: Record<string, number> = {};
    const columns = await textColumns(tx);
    const guarded = await tablesWithTriggers(tx);
    for (const c of columns.filter((c) => !NOT_GENERIC.has(c.table) && !c.json && !guarded.has(c.table))) {
      const scoped = columns.some((o) => o.table === c.table && o.column === "caseId") ? row.id : undefined;
      for (const value of await valuesHolding(tx, c, text, scoped)) {
        const n = await replaceValue(tx, c, value, redactText(value, pattern), scoped);
        if (n) otherRows[`${c.table}.${c.column}`] = (otherRows[`${c.table}.${c.column}`] ?? 0) + n;
      }
    }

    if (
      !answers.changed &&
      targets.length === 0 &&
      queryMessageIds.length === 0 &&
      Object.keys(otherRows).length === 0
    ) {
      throw InputError.field("text", { key: "redaction.notFound" });
    }

    const data: RedactionData = {
      targets,
      answers: changedPaths,
      queryMessageIds,
      otherRows,
      requestedBy,
      requestedById: requestedBy === "clinician" ? row.createdById : null,
    };
    await appendAudit(
      tx,
      [
        {
          type: "audit.redacted",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          caseId: row.id,
          reason,
          data,
        },
      ],
      now,
    );
    return { events: targets.length, answers: changedPaths, queryMessages: queryMessageIds.length, otherRows };
  });
  // After the commit: a scan of every text column must not hold the chain's head lock.
  return { ...done, remaining: await findText(db, text) };
}
