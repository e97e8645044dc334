import "server-only";
import type { Actor } from "@/domain/actor";
import { newCaseSchema } from "@/domain/pseudonym-key";
import { isCaseStatus } from "@/domain/lifecycle";
import { computeResults } from "@/domain/crf/computed";
import { CURRENT_FORM_VERSION } from "@/domain/crf/versions/amendments";
import type { CaseAnswers } from "@/domain/crf/answers";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize, centreScope } from "./access.server";
import { appendAudit } from "./audit.server";
import type { Db } from "./db/create-db";
import { InputError, NotFoundError } from "./errors";
import { isUniqueViolation } from "./prisma-errors";
import { refuseIfStudyClosed } from "./study.server";

export interface CaseSummary {
  id: string;
  initials: string;
  birthDate: string;
  centreCode: string;
  status: string;
  updatedAt: Date;
  openQueries: number;
  /** The form version the case was entered with, and the one its answers conform to (ADR 0021). */
  formVersionEntered: string;
  formVersionSaved: string;
}

const summarySelect = {
  id: true,
  initials: true,
  birthDate: true,
  status: true,
  updatedAt: true,
  formVersionEntered: true,
  formVersionSaved: true,
  centre: { select: { code: true } },
  _count: { select: { queries: { where: { status: { not: "CLOSED" as const } } } } },
} as const;

type SummaryRow = {
  id: string;
  initials: string;
  birthDate: string;
  status: string;
  updatedAt: Date;
  formVersionEntered: string;
  formVersionSaved: string;
  centre: { code: string };
  _count: { queries: number };
};

function toSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    initials: row.initials,
    birthDate: row.birthDate,
    centreCode: row.centre.code,
    status: row.status,
    updatedAt: row.updatedAt,
    openQueries: row._count.queries,
    formVersionEntered: row.formVersionEntered,
    formVersionSaved: row.formVersionSaved,
  };
}

export interface CaseFilters {
  centre?: string;
  status?: string;
  openQueries?: boolean;
}

/** The cases the actor may see, filtered (coordinator: by centre, status, open queries). */
export async function listCases(db: Db, actor: Actor, filters: CaseFilters = {}): Promise<CaseSummary[]> {
  authorize(actor, "case.list");
  const rows = await db.case.findMany({
    where: {
      ...centreScope(actor),
      ...(filters.centre ? { centre: { code: filters.centre } } : {}),
      ...(filters.status && isCaseStatus(filters.status) ? { status: filters.status } : {}),
      ...(filters.openQueries ? { queries: { some: { status: { not: "CLOSED" } } } } : {}),
    },
    select: summarySelect,
    orderBy: { updatedAt: "desc" },
  });
  return rows.map(toSummary);
}

/** A case the actor may see; another centre's case is "not found", like a missing one. */
export async function getCase(db: Db, actor: Actor, id: string): Promise<CaseSummary> {
  authorize(actor, "case.read");
  const row = await db.case.findFirst({ where: { id, ...centreScope(actor) }, select: summarySelect });
  if (!row) throw new NotFoundError();
  return toSummary(row);
}

/** Creates a draft case from the eligibility screen and the pseudonymised key; an ineligible patient is refused. */
export async function createCase(db: Db, actor: Actor, input: unknown): Promise<{ id: string }> {
  authorize(actor, "case.create");
  // After the closing date and grace period, centres can no longer create cases.
  await refuseIfStudyClosed(db, actor);
  const centres = await db.centre.findMany({ select: { id: true, code: true } });
  const parsed = newCaseSchema({ centreCodes: centres.map((c) => c.code) }).safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const { elig_dm, elig_sam, sam_date, elig_france, ...key } = parsed.data;
  const answers: CaseAnswers = {
    fields: {
      elig_dm: { v: elig_dm },
      elig_sam: { v: elig_sam },
      sam_date: { v: sam_date },
      elig_france: { v: elig_france },
    },
    blocks: {},
  };
  // Centre users enter cases for their own centre only (the field is read-only in the form).
  if (actor.centreCode !== null && key.centreCode !== actor.centreCode) {
    throw InputError.field("centreCode", { key: "centreCode.notYours", params: { code: actor.centreCode } });
  }
  const centre = centres.find((c) => c.code === key.centreCode);
  if (!centre) throw InputError.field("centreCode", { key: "centreCode.unknown", params: { code: key.centreCode } });

  const duplicate = {
    key: "case.duplicate",
    params: { initials: key.initials, birthDate: key.birthDate, centre: key.centreCode },
  };
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.case.findFirst({
        where: { initials: key.initials, birthDate: key.birthDate, centreId: centre.id },
        select: { id: true },
      });
      if (existing) throw InputError.form(duplicate);
      const created = await tx.case.create({
        data: {
          initials: key.initials,
          birthDate: key.birthDate,
          centreId: centre.id,
          answers: answers as object,
          computed: computeResults(answers, key.birthDate) as object,
          formVersionEntered: CURRENT_FORM_VERSION,
          formVersionSaved: CURRENT_FORM_VERSION,
          createdById: actor.id,
          updatedById: actor.id,
        },
        select: { id: true },
      });
      await appendAudit(tx, [
        {
          type: "case.created",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          caseId: created.id,
          data: { ...key, eligibility: { elig_dm, elig_sam, sam_date, elig_france } },
        },
      ]);
      return created;
    });
  } catch (error) {
    // Two people creating the same key at the same instant: the unique index decides.
    if (isUniqueViolation(error)) throw InputError.form(duplicate);
    throw error;
  }
}
