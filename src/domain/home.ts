// What the home page says is left to do (ADR 0016), aggregated from plain rows
// so that it can be tested without a database. For a centre: per case, how
// complete it is, the required items still missing and the flagged values
// still to confirm, and the queries waiting for the centre. For the
// coordinating centre: queries by age and by centre (open, answered awaiting
// review, median time to answer), cases awaiting validation, and the centres
// that have entered nothing since the mid-term reminder.
import type { CaseAnswers } from "./crf/answers";
import { checkRecord, missingRequired } from "./crf/check-record";
import { completeness } from "./crf/completeness";
import type { CaseStatus } from "./lifecycle";

// ---------------------------------------------------------------------------
// A centre's cases
// ---------------------------------------------------------------------------

export interface CentreCaseInput {
  id: string;
  initials: string;
  birthDate: string;
  centreCode: string;
  status: CaseStatus;
  answers: CaseAnswers;
  /** Queries waiting for the centre (OPEN). */
  openQueries: number;
}

export interface CentreCaseRow {
  id: string;
  key: string;
  status: CaseStatus;
  /** Required items answered (a value or a missing-data code) over required items shown, 0–100. */
  percent: number;
  /** Paths of the required items still empty. */
  missing: string[];
  /** Paths of the flagged (unusual) values not yet confirmed as checked. */
  toConfirm: string[];
  openQueries: number;
}

/** Overall completeness: every section's required items together. */
export function overallPercent(answers: CaseAnswers): number {
  let answered = 0;
  let applicable = 0;
  for (const s of completeness(answers)) {
    answered += s.answered;
    applicable += s.applicable;
  }
  return applicable === 0 ? 100 : Math.floor((100 * answered) / applicable);
}

/** The centre's cases, those with something left to do first (then the least complete). */
export function centreCaseRows(cases: readonly CentreCaseInput[], today: string): CentreCaseRow[] {
  const rows = cases.map((c) => {
    const locked = c.status === "VALIDATED" || c.status === "LOCKED";
    const toConfirm = locked
      ? []
      : checkRecord(c.answers, { today, birthDate: c.birthDate })
          .filter((i) => i.level === "warning" && i.confirmable && !i.confirmed)
          .map((i) => i.path);
    return {
      id: c.id,
      key: `${c.initials} · ${c.birthDate} · ${c.centreCode}`,
      status: c.status,
      percent: overallPercent(c.answers),
      missing: locked ? [] : missingRequired(c.answers),
      toConfirm: [...new Set(toConfirm)],
      openQueries: c.openQueries,
    };
  });
  const pending = (r: CentreCaseRow) => r.missing.length + r.toConfirm.length + r.openQueries > 0;
  return rows.sort(
    (a, b) => Number(pending(b)) - Number(pending(a)) || a.percent - b.percent || a.key.localeCompare(b.key),
  );
}

// ---------------------------------------------------------------------------
// The coordinating centre's view of queries
// ---------------------------------------------------------------------------

export interface QueryInput {
  centreCode: string;
  status: "OPEN" | "ANSWERED" | "CLOSED";
  /** When the query was raised. */
  createdAt: Date;
  /** Its messages, oldest first: "raised" | "answered" | "closed" | "reopened". */
  messages: readonly { kind: string; at: Date }[];
}

export const AGE_BUCKETS = ["lt7", "d7to30", "gt30"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

const DAY = 86_400_000;

export function ageBucket(since: Date, now: Date): AgeBucket {
  const days = (now.getTime() - since.getTime()) / DAY;
  return days < 7 ? "lt7" : days <= 30 ? "d7to30" : "gt30";
}

export interface CentreQueryStats {
  centreCode: string;
  open: number;
  /** Answered, awaiting the coordinator's review. */
  answered: number;
  /** Open queries by how long they have waited for the centre (since raised or last reopened). */
  openByAge: Record<AgeBucket, number>;
  /** Median days from a question (raised or reopened) to the centre's next answer; null with none answered. */
  medianDaysToAnswer: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Days each question waited for its answer (a query reopened twice counts each round). */
export function answerDelays(q: QueryInput): number[] {
  const out: number[] = [];
  let asked: Date | null = null;
  for (const m of q.messages) {
    if (m.kind === "raised" || m.kind === "reopened") asked = m.at;
    else if (m.kind === "answered" && asked) {
      out.push((m.at.getTime() - asked.getTime()) / DAY);
      asked = null;
    }
  }
  return out;
}

/** When the centre was last asked: the query's raising or its last reopening. */
function askedAt(q: QueryInput): Date {
  let at = q.createdAt;
  for (const m of q.messages) if (m.kind === "raised" || m.kind === "reopened") at = m.at;
  return at;
}

/** Per centre (every centre listed, even without a query), and the total row (centreCode ""). */
export function queryStats(centres: readonly string[], queries: readonly QueryInput[], now: Date): CentreQueryStats[] {
  const empty = (centreCode: string): CentreQueryStats & { delays: number[] } => ({
    centreCode,
    open: 0,
    answered: 0,
    openByAge: { lt7: 0, d7to30: 0, gt30: 0 },
    medianDaysToAnswer: null,
    delays: [],
  });
  const by = new Map(centres.map((c) => [c, empty(c)]));
  const total = empty("");
  for (const q of queries) {
    let row = by.get(q.centreCode);
    if (!row) {
      row = empty(q.centreCode);
      by.set(q.centreCode, row);
    }
    const delays = answerDelays(q);
    for (const target of [row, total]) {
      target.delays.push(...delays);
      if (q.status === "OPEN") {
        target.open++;
        target.openByAge[ageBucket(askedAt(q), now)]++;
      } else if (q.status === "ANSWERED") target.answered++;
    }
  }
  return [...[...by.values()].sort((a, b) => a.centreCode.localeCompare(b.centreCode)), total].map(
    ({ delays, ...s }) => ({
      ...s,
      medianDaysToAnswer: median(delays),
    }),
  );
}

/**
 * Centres that have entered nothing (no case created, no answer saved) since
 * the mid-term reminder date: null before the reminder date, or with no calendar.
 */
export function quietCentres(
  centres: readonly string[],
  activeSince: ReadonlySet<string>,
  reminder: string | null,
  today: string,
): string[] | null {
  if (!reminder || today < reminder) return null;
  return centres.filter((c) => !activeSince.has(c));
}
