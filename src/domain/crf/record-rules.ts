// Rules across fields (spec §8) and eligibility (§1): dates in order, the
// inclusion window, "juvenile case" and "MAS revealing DM" flags.
import { stringOf, type CaseAnswers } from "./answers";
import { fieldId, type BlockFieldId, type BlockId, type FieldId } from "./definition";
import { fieldIdOf } from "./field-path";
import type { FieldIssue, RecordIssue } from "./issues";
import { isBefore, parsePartialDate, shiftYears, type PartialDate } from "./partial-dates";
import { INCLUSION_WINDOW } from "./sections/identification";
import type { Localised } from "./types";

export interface RecordContext {
  readonly today: string;
  /** From the pseudonymised key (YYYY-MM-DD). */
  readonly birthDate: string;
  /** Field labels, for messages. */
  readonly labelOf: (fieldId: string) => Localised;
}

type Issue = Omit<RecordIssue, "confirmed">;

/** Eligibility criteria: each must be yes, and MAS diagnosed within the protocol's window. */
export function eligibilityIssues(answers: CaseAnswers, ctx: Pick<RecordContext, "labelOf">): Issue[] {
  const out: Issue[] = [];
  for (const id of ["elig_dm", "elig_sam", "elig_france"] as const satisfies readonly FieldId[]) {
    if (stringOf(answers.fields[id]) === "no")
      out.push({ path: id, level: "error", key: "crf.eligibility.mustBeYes", params: { field: ctx.labelOf(id) } });
  }
  const sam = stringOf(answers.fields.sam_date);
  if (sam && /^\d{4}-\d{2}-\d{2}$/.test(sam) && (sam < INCLUSION_WINDOW.from || sam > INCLUSION_WINDOW.to)) {
    out.push({
      path: fieldId("sam_date"),
      level: "error",
      key: "crf.eligibility.window",
      params: { value: sam, from: INCLUSION_WINDOW.from, to: INCLUSION_WINDOW.to },
    });
  }
  return out;
}

interface Order {
  readonly before: FieldId | "birth_date";
  readonly after: FieldId;
  readonly orEqual: boolean;
}

// Hard ordering rules: `after` may not be earlier than `before` (§8, §6).
const ORDER: readonly Order[] = [
  { before: "birth_date", after: "dm_onset_date", orEqual: false },
  { before: "dm_onset_date", after: "dm_diag_date", orEqual: true },
  { before: "birth_date", after: "sam_date", orEqual: false },
  { before: "birth_date", after: "cancer_date", orEqual: true },
  { before: "sam_date", after: "sam_resolution_date", orEqual: true },
  { before: "sam_date", after: "last_followup_date", orEqual: true },
  { before: "sam_date", after: "death_date", orEqual: true },
];

export function crossFieldIssues(answers: CaseAnswers, ctx: RecordContext): Issue[] {
  const date = (id: FieldId | "birth_date"): PartialDate | undefined => {
    const v = id === "birth_date" ? ctx.birthDate : stringOf(answers.fields[id]);
    return v ? parsePartialDate(v) : undefined;
  };
  const out: Issue[] = [];
  const order = (
    path: string,
    a: PartialDate | undefined,
    b: PartialDate | undefined,
    rule: Order,
    aLabel: Localised,
  ) => {
    if (a && b && isBefore(a, b, rule.orEqual) === "no") {
      out.push({
        path,
        level: "error",
        key: rule.orEqual ? "crf.order.notBefore" : "crf.order.notAfter",
        params: { field: ctx.labelOf(fieldIdOf(path) ?? path), other: aLabel },
      });
    }
  };
  for (const rule of ORDER) order(rule.after, date(rule.before), date(rule.after), rule, ctx.labelOf(rule.before));

  // MAS may reveal the DM (before its diagnosis) but not precede its first symptom by more than two years.
  const onset = date("dm_onset_date");
  const sam = date("sam_date");
  const diag = date("dm_diag_date");
  if (onset && sam && isBefore(shiftYears(onset, -2), sam, true) === "no") {
    out.push({
      path: fieldId("sam_date"),
      level: "error",
      key: "crf.order.samTooEarly",
      params: { field: ctx.labelOf(fieldId("sam_date")) },
    });
  } else if (diag && sam && isBefore(sam, diag, false) === "yes") {
    out.push({
      path: fieldId("sam_date"),
      level: "warning",
      confirmable: true,
      key: "crf.flag.samRevealing",
      params: {},
    });
  }
  const death = date("death_date");
  const last = date("last_followup_date");
  // Partial dates may be the same day: only dates that certainly differ are refused.
  if (death && last && (isBefore(death, last, false) === "yes" || isBefore(last, death, false) === "yes")) {
    out.push({ path: fieldId("last_followup_date"), level: "error", key: "crf.order.deathIsLastFollowUp", params: {} });
  }
  return out;
}

/** Rows of treatment blocks: end ≥ start (hard), start ≥ DM onset − 1 year (soft); relapses after MAS. */
export function rowDateIssues(answers: CaseAnswers, ctx: RecordContext): Issue[] {
  const out: Issue[] = [];
  const onset = stringOf(answers.fields.dm_onset_date);
  const sam = stringOf(answers.fields.sam_date);
  for (const blockId of ["treatment_lines", "dm_treatments_before_sam"] as const satisfies readonly BlockId[]) {
    for (const row of answers.blocks[blockId] ?? []) {
      const start = parsePartialDate(stringOf(row.values.start_date) ?? "");
      const end = parsePartialDate(stringOf(row.values.end_date) ?? "");
      if (start && end && isBefore(start, end, true) === "no") {
        out.push({
          path: `${blockId}.${row.id}.end_date`,
          level: "error",
          key: "crf.order.notBefore",
          params: {
            field: ctx.labelOf("end_date" satisfies BlockFieldId),
            other: ctx.labelOf("start_date" satisfies BlockFieldId),
          },
        });
      }
      const limit = onset ? parsePartialDate(onset) : undefined;
      if (start && limit && isBefore(shiftYears(limit, -1), start, true) === "no") {
        out.push({
          path: `${blockId}.${row.id}.start_date`,
          level: "warning",
          confirmable: true,
          key: "crf.flag.treatmentBeforeOnset",
          params: {},
        });
      }
    }
  }
  const samDate = sam ? parsePartialDate(sam) : undefined;
  for (const row of answers.blocks.sam_relapses ?? []) {
    const d = parsePartialDate(stringOf(row.values.relapse_date) ?? "");
    if (d && samDate && isBefore(samDate, d, false) === "no") {
      out.push({
        path: `sam_relapses.${row.id}.relapse_date`,
        level: "error",
        key: "crf.order.notAfter",
        params: {
          field: ctx.labelOf("relapse_date" satisfies BlockFieldId<"sam_relapses">),
          other: ctx.labelOf(fieldId("sam_date")),
        },
      });
    }
  }
  return out;
}

/** Age at MAS under 18: a juvenile case, to check against the department (soft). */
export function juvenileIssue(ageAtSam: number | null): FieldIssue[] {
  return ageAtSam !== null && ageAtSam < 18
    ? [{ level: "warning", confirmable: true, key: "crf.flag.juvenile", params: { age: ageAtSam } }]
    : [];
}
