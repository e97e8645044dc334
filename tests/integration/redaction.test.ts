// Issue 11, section 2, on SQLite and PostgreSQL: an identifier that got past
// the guard — saved in a free-text answer, quoted in a query and its answer —
// is redacted by the coordinator at the including clinician's request. After
// that it is nowhere: not in any text column of any table (every table is
// dumped whole), not in any export format; the audit chain still verifies,
// the case's answers still match its trail, the redaction is itself audited
// (without the text), and the clinician's history says "redacted".
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { BLOCKS } from "@/domain/crf/definition";
import { EXPORT_FORMATS } from "@/domain/export/options";
import { REDACTION_TOKEN } from "@/domain/redaction";
import { verifyAuditTrail, verifyCaseAnswers } from "@/server/audit-verify";
import { saveDraft } from "@/server/case-answers.server";
import { caseHistory } from "@/server/case-views.server";
import type { Db } from "@/server/db/create-db";
import { ForbiddenError, InputError } from "@/server/errors";
import { streamExport } from "@/server/exports/index.server";
import { redactIdentifier } from "@/server/redaction.server";
import { textColumns } from "@/server/text-columns";
import { signCase } from "@/server/workflow.server";
import { answerQuery, raiseQuery } from "@/server/case-queries.server";
import { createCase } from "@/server/cases.server";
import { addValueNote } from "@/server/value-notes.server";
import { unzip } from "../unit/export/expected";
import { sampleRecord } from "../../scripts/lib/sample-record";
import { change, newDraftCase, rowsChange } from "../support/case-fixtures";
import { addCentre, addUser, ELIGIBLE, errorOf, TEST_PASSWORD } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

/** A made-up surname the guard does not know (lower case, no title): it stands for an identifier that got through. */
const IDENTIFIER = "Kwyjibo";
const NEEDLE = IDENTIFIER.toLowerCase();

/** Every row of every table, every column, as text: where the identifier could hide. */
async function dumpEverything(db: Db): Promise<Map<string, string>> {
  const tables = [...new Set((await textColumns(db)).map((c) => c.table))];
  const out = new Map<string, string>();
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    out.set(
      table,
      JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)),
    );
  }
  return out;
}

const holding = (dump: Map<string, string>) =>
  [...dump].filter(([, text]) => text.toLowerCase().includes(NEEDLE)).map(([t]) => t);

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

/** Every export format (each block for the block CSV; ZIP and XLSX unpacked) as text. */
async function everyExport(db: Db, coordinator: Actor): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const format of EXPORT_FORMATS) {
    const requests = format === "block-csv" ? BLOCKS.map((b) => ({ block: b.id })) : [{}];
    for (const request of requests) {
      const bytes = await bytesOf((await streamExport(db, coordinator, format, request)).stream);
      const name = `${format}${"block" in request ? `:${request.block}` : ""}`;
      if (format === "xlsx" || format === "package-zip")
        for (const [entry, data] of unzip(bytes)) out.set(`${name}/${entry}`, data.toString("utf8"));
      else out.set(name, bytes.toString("utf8"));
    }
  }
  return out;
}

describeEachDatabase("redacting an identifier", (ctx) => {
  let clinician: Actor;
  let coordinator: Actor;
  let caseId: string;

  beforeAll(async () => {
    await addCentre(ctx.db, "RED");
    clinician = await addUser(ctx.db, { email: "clin.red@t.test", role: "CLINICIAN", centreCode: "RED" });
    coordinator = await addUser(ctx.db, { email: "coord.red@t.test", role: "COORDINATOR", withPassword: false });
    caseId = (
      await createCase(ctx.db, clinician, { initials: "RX", birthDate: "1961-02-03", centreCode: "RED", ...ELIGIBLE })
    ).id;
    // A complete record (so that it can be signed and queried), with the identifier in the free-text comments.
    const record = sampleRecord(2);
    const fields = Object.fromEntries(
      Object.entries(record.fields)
        .filter(([id]) => !(id in ELIGIBLE))
        .map(([id, a]) => [id, change(null, a)]),
    );
    fields.comments = change(null, { v: `adressée par ${NEEDLE} pour bilan` });
    const blocks = Object.fromEntries(Object.entries(record.blocks).map(([id, rows]) => [id, rowsChange([], rows)]));
    const first = await saveDraft(ctx.db, clinician, caseId, { baseVersion: 1, fields, blocks });
    await saveDraft(ctx.db, clinician, caseId, {
      baseVersion: first.version,
      fields: {
        comments: change(first.answers.fields.comments!, { v: `adressée par ${NEEDLE} pour bilan, revue à J7` }),
      },
    });
    // A note on the value (another table, found by the scan of every text column).
    await addValueNote(ctx.db, clinician, caseId, { fieldPath: "comments", note: `source : courrier de ${NEEDLE}` });
    await signCase(ctx.db, clinician, caseId, { password: TEST_PASSWORD, attest: true, locale: "fr" });
    const { queryId } = await raiseQuery(ctx.db, coordinator, caseId, {
      fieldPath: "comments",
      message: `Le nom « ${IDENTIFIER} » est-il celui du patient ?`,
    });
    await answerQuery(ctx.db, clinician, queryId, {
      message: `Oui, ${IDENTIFIER} est le médecin traitant : à retirer.`,
    });
    expect(holding(await dumpEverything(ctx.db))).toEqual(
      expect.arrayContaining(["Case", "AuditEvent", "QueryMessage", "ValueNote"]),
    );
  });

  it("only the coordinator may redact, with a reason that does not repeat the text", async () => {
    expect(
      await errorOf(() =>
        redactIdentifier(ctx.db, clinician, {
          caseId,
          text: IDENTIFIER,
          reason: "nom du médecin",
          requestedBy: "clinician",
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    const quoted = await errorOf(() =>
      redactIdentifier(ctx.db, coordinator, {
        caseId,
        text: IDENTIFIER,
        reason: `retirer ${IDENTIFIER}`,
        requestedBy: "clinician",
      }),
    );
    expect(quoted).toBeInstanceOf(InputError);
    expect((quoted as InputError).fieldErrors.reason).toEqual([{ key: "redaction.reasonQuotesText" }]);
    const absent = await errorOf(() =>
      redactIdentifier(ctx.db, coordinator, {
        caseId,
        text: "Zzyzx",
        reason: "erreur de saisie",
        requestedBy: "coordinator",
      }),
    );
    expect((absent as InputError).fieldErrors.text).toEqual([{ key: "redaction.notFound" }]);
  });

  it("removes it from every table and every export, and the trail still verifies", { timeout: 60_000 }, async () => {
    const result = await redactIdentifier(ctx.db, coordinator, {
      caseId,
      text: IDENTIFIER,
      reason: "Nom d’un tiers saisi par erreur (demande du clinicien)",
      requestedBy: "clinician",
    });
    expect(result.answers).toEqual(["comments"]);
    expect(result.queryMessages).toBe(2);
    expect(result.otherRows).toMatchObject({ "ValueNote.body": 1 });
    expect(result.remaining).toEqual([]);

    expect(holding(await dumpEverything(ctx.db))).toEqual([]);
    const exports = await everyExport(ctx.db, coordinator);
    expect([...exports].filter(([, text]) => text.toLowerCase().includes(NEEDLE)).map(([name]) => name)).toEqual([]);

    const stored = await ctx.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(JSON.stringify(stored.answers)).toContain(`adressée par ${REDACTION_TOKEN} pour bilan, revue à J7`);
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, legacyUntil: 0 });
    expect(await verifyCaseAnswers(ctx.db)).toEqual([]);
  });

  it("is itself audited — who, which events and columns, why, on whose request — and the clinician sees 'redacted'", async () => {
    const history = await caseHistory(ctx.db, clinician, caseId);
    const redaction = history.find((e) => e.type === "audit.redacted");
    expect(redaction).toMatchObject({
      actor: expect.any(String),
      role: "COORDINATOR",
      reason: "Nom d’un tiers saisi par erreur (demande du clinicien)",
    });
    const data = redaction!.data as {
      targets: { seq: number; column: string }[];
      requestedBy: string;
      requestedById: string;
    };
    expect(data).toMatchObject({ requestedBy: "clinician", requestedById: clinician.id });
    const redactedEvents = history.filter((e) => e.redacted.length > 0);
    expect(redactedEvents.map((e) => e.type).sort()).toEqual([
      "case.field_changed",
      "case.field_changed",
      "case.note_added",
      "query.answered",
      "query.raised",
    ]);
    expect(data.targets.map((t) => t.seq).sort()).toEqual(
      redactedEvents.flatMap((e) => e.redacted.map(() => e.seq)).sort(),
    );
    const changed = redactedEvents.filter((e) => e.type === "case.field_changed").at(-1)!;
    expect(changed.newValue).toEqual({ v: `adressée par ${REDACTION_TOKEN} pour bilan, revue à J7` });
    // The blanked columns are NULL in the table; only the redacted text (in the redaction event) remains.
    const rows = await ctx.db.auditEvent.findMany({ where: { seq: { in: redactedEvents.map((e) => e.seq) } } });
    for (const row of rows) expect(JSON.parse(row.redacted ?? "[]")).not.toEqual([]);
  });

  it("a value blanked behind the application's back (no redaction event) breaks verification", async () => {
    const text = "note de suivi";
    const other = await newDraftCase(ctx.db, clinician);
    await saveDraft(ctx.db, clinician, other, { baseVersion: 1, fields: { comments: change(null, { v: text }) } });
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { caseId: other, type: "case.field_changed" } });
    // Allowed by the trigger (a redaction's write) — but without the audit.redacted event that must name it.
    await ctx.db.auditEvent.update({ where: { seq: event.seq }, data: { newValue: null, redacted: '["newValue"]' } });
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: false, why: "redaction", brokenAt: { seq: event.seq } });
  });
});
