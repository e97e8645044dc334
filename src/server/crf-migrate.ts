// `npm run crf:migrate` (scripts/crf-migrate.ts): brings every case to the
// current form version through the declared amendments (ADR 0021), and
// recomputes the stored scores of every case. A dry run by default: it reads
// and reports, and writes nothing. Applied, each case is written in its own
// transaction — answers, scores, form version, the concurrency version, and
// one case.answer_migrated event per changed answer — or not at all.
// Validated and locked cases are held, not migrated: their answers are what
// was attested and frozen; unlocking (audited, with a reason) and re-running
// migrates them. A plain module, so that the script can use it.
import { canonicalJson } from "@/domain/canonical-json";
import { asCaseAnswers } from "@/domain/crf/answers";
import { computeResults } from "@/domain/crf/computed";
import { AMENDMENTS, CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import {
  migrateCase,
  pendingAmendments,
  type AnswerChange,
  type MigrationConflict,
} from "@/domain/crf/versions/migrate";
import type { Amendment } from "@/domain/crf/versions/types";
import type { CaseStatus } from "@/domain/lifecycle";
import type { Role } from "@/domain/roles";
import { appendAudit } from "@/server/audit.server";
import type { Db } from "@/server/db/create-db";

/** What is not migrated: attested and frozen records. */
const FROZEN: readonly string[] = ["VALIDATED", "LOCKED"] satisfies CaseStatus[];

export interface MigrateOptions {
  /** Write (default: dry run, nothing written). */
  readonly apply?: boolean;
  /** Only recompute the stored scores; no answer migrated. */
  readonly recomputeOnly?: boolean;
  /** The amendment chain and the version it leads to (default: the live ones; tests pass a fixture). */
  readonly chain?: readonly Amendment[];
  readonly current?: string;
  /** Who runs it, named in the audit trail (default: no user — the data manager's script). */
  readonly actor?: { id: string; role: Role; centreCode: string | null } | null;
  readonly now?: Date;
  readonly batchSize?: number;
}

export type Held = "frozen" | "conflicts" | "unknown_version" | "concurrent_save";

export interface CaseMigration {
  readonly caseId: string;
  readonly status: string;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly AnswerChange[];
  readonly conflicts: readonly MigrationConflict[];
  /** Set when the case was not migrated, and why. */
  readonly held?: Held;
}

export interface MigrateSummary {
  readonly applied: boolean;
  readonly cases: number;
  /** Cases brought to the current version (or that would be, in a dry run). */
  readonly migrated: number;
  readonly changedAnswers: number;
  /** Cases whose stored scores differ(ed) from those their answers give. */
  readonly recomputed: number;
  readonly held: number;
  /** Cases with something to report: a migration, or a reason to hold. */
  readonly details: readonly CaseMigration[];
}

interface Row {
  id: string;
  status: string;
  birthDate: string;
  answers: unknown;
  computed: unknown;
  version: number;
  formVersionSaved: string;
}

const SELECT = {
  id: true,
  status: true,
  birthDate: true,
  answers: true,
  computed: true,
  version: true,
  formVersionSaved: true,
} as const;

/** The case's migration plan; `held` when it is not to be migrated. */
function plan(row: Row, chain: readonly Amendment[], current: string): CaseMigration | null {
  const base = { caseId: row.id, status: row.status, from: row.formVersionSaved, to: current };
  const pending = pendingAmendments(row.formVersionSaved, chain, current);
  if (pending === null) return { ...base, changes: [], conflicts: [], held: "unknown_version" };
  if (pending.length === 0) return null;
  const m = migrateCase(asCaseAnswers(row.answers), row.formVersionSaved, chain, current);
  if (FROZEN.includes(row.status)) return { ...base, changes: m.changes, conflicts: m.conflicts, held: "frozen" };
  if (m.conflicts.length) return { ...base, changes: m.changes, conflicts: m.conflicts, held: "conflicts" };
  return { ...base, changes: m.changes, conflicts: [] };
}

/** Migrates one case in one transaction; false when a save got there first (re-read and planned again next run). */
async function applyCase(db: Db, row: Row, chain: readonly Amendment[], current: string, opts: MigrateOptions) {
  const m = migrateCase(asCaseAnswers(row.answers), row.formVersionSaved, chain, current);
  const computed = computeResults(m.answers, row.birthDate);
  return db.$transaction(async (tx) => {
    // Compare-and-set on the concurrency version, as saveDraft does: an open form then sees the change.
    const updated = await tx.case.updateMany({
      where: { id: row.id, version: row.version, formVersionSaved: row.formVersionSaved },
      data: {
        answers: m.answers as object,
        computed: computed as object,
        formVersionSaved: m.version,
        ...(m.changes.length ? { version: row.version + 1 } : {}),
      },
    });
    if (updated.count !== 1) return false;
    await appendAudit(
      tx,
      m.changes.map((c) => ({
        type: "case.answer_migrated" as const,
        actor: opts.actor ?? null,
        caseId: row.id,
        fieldPath: c.path,
        oldValue: c.before,
        newValue: c.after,
        reason: `Amendment ${row.formVersionSaved} → ${m.version}`,
        data: { amendment: c.amendment, from: row.formVersionSaved, op: c.op },
      })),
      opts.now,
    );
    return true;
  });
}

export async function migrateCases(db: Db, opts: MigrateOptions = {}): Promise<MigrateSummary> {
  const chain = opts.chain ?? AMENDMENTS;
  const current = opts.current ?? CURRENT_FORM_VERSION;
  const batchSize = opts.batchSize ?? 200;
  const details: CaseMigration[] = [];
  let cases = 0;
  let migrated = 0;
  let changedAnswers = 0;
  let recomputed = 0;
  for (let after = ""; ; ) {
    const rows: Row[] = await db.case.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: SELECT,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      cases += 1;
      const p = opts.recomputeOnly ? null : plan(row, chain, current);
      if (p && !p.held && opts.apply && !(await applyCase(db, row, chain, current, opts))) {
        details.push({ ...p, held: "concurrent_save" });
        continue;
      }
      if (p) details.push(p);
      if (p && !p.held) {
        migrated += 1;
        changedAnswers += p.changes.length;
        recomputed += 1;
        continue;
      }
      // Not migrated: the stored scores are still brought in line with the stored answers (derived data, not attested).
      // Through JSON as stored, so that an absent value and a stored one compare alike.
      const fresh = JSON.parse(JSON.stringify(computeResults(asCaseAnswers(row.answers), row.birthDate))) as object;
      if (canonicalJson(fresh) === canonicalJson(row.computed ?? null)) continue;
      recomputed += 1;
      // Only if no save came in meanwhile: that save stored the scores of its own, newer answers.
      if (opts.apply)
        await db.case.updateMany({ where: { id: row.id, version: row.version }, data: { computed: fresh } });
    }
  }
  const held = details.filter((d) => d.held).length;
  return { applied: opts.apply === true, cases, migrated, changedAnswers, recomputed, held, details };
}
