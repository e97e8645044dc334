import "server-only";
import type { Actor } from "@/domain/actor";
import { isCaseStatus, type CaseStatus } from "@/domain/lifecycle";
import { monthFormatter } from "@/domain/stats/counts";
import { DashboardAccumulator, type DashboardStats } from "@/domain/stats/dashboard";
import type { CentreRef } from "@/domain/stats/inclusions";
import { authorize, centreScope } from "./access.server";
import type { Db } from "./db/create-db";

/** GET parameters of /dashboard: one centre code and one status, or everything. */
export interface DashboardFilters {
  readonly centre?: string | null;
  readonly status?: string | null;
}

export interface DashboardData extends DashboardStats {
  /** The filters applied: unknown codes or statuses are ignored (null = all). */
  readonly filters: { readonly centre: string | null; readonly status: CaseStatus | null };
  /** Every centre of the study, for the filter. */
  readonly centreOptions: readonly CentreRef[];
  readonly generatedAt: Date;
}

/** Cases read per query: each batch is aggregated, then dropped. */
export const DASHBOARD_BATCH_SIZE = 500;

/**
 * The coordinator's dashboard over the cases matching the filters.
 *
 * Cases are read in batches of `batchSize` by increasing id (keyset
 * pagination: each query starts after the last id seen, so it stays fast at
 * any depth) and folded into counters at once; only the counters and the
 * survival times grouped by day are kept. The batches are separate reads:
 * a case saved meanwhile is counted in its state at the time its batch is
 * read, which is fine for a dashboard.
 */
export async function dashboardData(
  db: Db,
  actor: Actor,
  filters: DashboardFilters = {},
  options: { batchSize?: number } = {},
): Promise<DashboardData> {
  authorize(actor, "dashboard.view");
  const batchSize = options.batchSize ?? DASHBOARD_BATCH_SIZE;
  const centres = await db.centre.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: "asc" } });
  const centre = centres.find((c) => c.code === filters.centre) ?? null;
  const status = isCaseStatus(filters.status) ? filters.status : null;
  const codeOf = new Map(centres.map((c) => [c.id, c.code]));

  const acc = new DashboardAccumulator((centre ? [centre] : centres).map((c) => ({ code: c.code, name: c.name })));
  const entryMonth = monthFormatter();
  // The actor's scope and the filters are combined, never merged: a filter cannot widen the scope.
  const where = { AND: [centreScope(actor), centre ? { centreId: centre.id } : {}, status ? { status } : {}] };
  let after: string | undefined;
  for (;;) {
    const rows = await db.case.findMany({
      where: after === undefined ? where : { AND: [...where.AND, { id: { gt: after } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      select: {
        id: true,
        centreId: true,
        status: true,
        createdAt: true,
        answers: true,
        computed: true,
        _count: { select: { queries: { where: { status: { not: "CLOSED" } } } } },
      },
    });
    for (const row of rows) {
      acc.add({
        centreCode: codeOf.get(row.centreId) ?? row.centreId,
        status: row.status,
        entryMonth: entryMonth(row.createdAt),
        answers: row.answers,
        computed: row.computed,
        openQueries: row._count.queries,
      });
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }

  return {
    ...acc.result(),
    filters: { centre: centre?.code ?? null, status },
    centreOptions: centres.map((c) => ({ code: c.code, name: c.name })),
    generatedAt: new Date(),
  };
}
