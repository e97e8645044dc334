// Everything wrong or unusual in a record, located by path: per-field rules,
// doses, dates across fields, eligibility, flags. Used live by the form, by
// the save path, and (issue #4) before submission.
import { isAnswered, type CaseAnswers, type FieldAnswer } from "./answers";
import { computeResults } from "./computed";
import { BLOCKS, fieldId, labelOf, TOP_LEVEL_FIELDS } from "./definition";
import { doseIssues } from "./dose-issues";
import { parseAnswerPath, rowFieldPath } from "./field-path";
import { checkFieldAnswer, isRequired, type RuleContext } from "./field-rules";
import type { FieldIssue, RecordIssue } from "./issues";
import { crossFieldIssues, eligibilityIssues, juvenileIssue, rowDateIssues } from "./record-rules";
import { isVisible, rowLookup, topLookup } from "./visibility";

export interface CheckContext extends RuleContext {
  /** From the pseudonymised key. */
  readonly birthDate: string;
}

function locate(path: string, issues: readonly FieldIssue[], answer: FieldAnswer | undefined): RecordIssue[] {
  return issues.map((i) => ({ ...i, path, confirmed: i.confirmable ? answer?.confirmed === true : undefined }));
}

/** Issues of each answer on its own (types, limits, dates, text). */
export function fieldLevelIssues(answers: CaseAnswers, ctx: CheckContext): RecordIssue[] {
  const out: RecordIssue[] = [];
  const lookup = topLookup(answers);
  for (const f of TOP_LEVEL_FIELDS) {
    if (!isVisible(f, lookup)) continue;
    const a = answers.fields[f.id];
    out.push(...locate(f.id, checkFieldAnswer(f, a, ctx), a));
  }
  for (const b of BLOCKS) {
    if (!isVisible(b, lookup)) continue;
    for (const row of answers.blocks[b.id] ?? []) {
      const rl = rowLookup(answers, row);
      for (const f of b.fields) {
        if (!isVisible(f, rl)) continue;
        const a = row.values[f.id];
        out.push(...locate(rowFieldPath(b.id, row.id, f.id), checkFieldAnswer(f, a, ctx), a));
      }
    }
  }
  return out;
}

/** Issues that need several answers: doses, dates across fields, eligibility, flags. */
export function recordLevelIssues(answers: CaseAnswers, ctx: CheckContext): RecordIssue[] {
  const out: RecordIssue[] = [];
  const lookup = topLookup(answers);
  for (const b of BLOCKS) {
    if (!isVisible(b, lookup) || !b.fields.some((f) => f.type === "dose")) continue;
    for (const row of answers.blocks[b.id] ?? []) {
      out.push(...locate(`${b.id}.${row.id}.dose_value`, doseIssues(row, answers), row.values.dose_value));
    }
  }
  const rctx = { today: ctx.today, birthDate: ctx.birthDate, labelOf };
  const located = (issues: ReturnType<typeof eligibilityIssues>): RecordIssue[] =>
    issues.map((i) => ({ ...i, confirmed: i.confirmable ? fieldAt(answers, i.path)?.confirmed === true : undefined }));
  out.push(...located(eligibilityIssues(answers, rctx)));
  out.push(...located(crossFieldIssues(answers, rctx)));
  out.push(...located(rowDateIssues(answers, rctx)));
  out.push(
    ...locate(
      fieldId("department"),
      juvenileIssue(computeResults(answers, ctx.birthDate).age_at_sam),
      answers.fields.department,
    ),
  );
  return out;
}

export function checkRecord(answers: CaseAnswers, ctx: CheckContext): RecordIssue[] {
  return [...fieldLevelIssues(answers, ctx), ...recordLevelIssues(answers, ctx)];
}

/** The answer at a path ("id" or "block.row.id"). */
export function fieldAt(answers: CaseAnswers, path: string): FieldAnswer | undefined {
  const p = parseAnswerPath(path);
  if (p?.kind === "field") return answers.fields[p.field];
  if (p?.kind !== "rowField") return undefined;
  return answers.blocks[p.block]?.find((r) => r.id === p.rowId)?.values[p.field];
}

/** Required fields shown but neither answered nor coded (submission needs none). */
export function missingRequired(answers: CaseAnswers): string[] {
  const out: string[] = [];
  const lookup = topLookup(answers);
  for (const f of TOP_LEVEL_FIELDS) {
    if (isRequired(f, lookup) && isVisible(f, lookup) && !isAnswered(answers.fields[f.id])) out.push(f.id);
  }
  for (const b of BLOCKS) {
    if (!isVisible(b, lookup)) continue;
    for (const row of answers.blocks[b.id] ?? []) {
      const rl = rowLookup(answers, row);
      for (const f of b.fields) {
        if (isRequired(f, rl) && isVisible(f, rl) && !isAnswered(row.values[f.id]))
          out.push(rowFieldPath(b.id, row.id, f.id));
      }
    }
  }
  return out;
}
