// What stands between a record and its submission (issue #4): required
// fields with neither a value nor a code, unusual values not confirmed, and
// any remaining error. Each item points at a field so the list can link to it.
import type { CaseAnswers } from "./answers";
import { checkRecord, missingRequired, type CheckContext } from "./check-record";
import { answerPathLabel, resolveAnswerPath } from "./field-path";
import { allowsMissingCodes } from "./field-rules";
import type { RecordIssue } from "./issues";

export function submissionProblems(answers: CaseAnswers, ctx: CheckContext): RecordIssue[] {
  const label = answerPathLabel;
  const codable = (path: string) => {
    const p = resolveAnswerPath(path);
    return p && p.kind !== "row" ? allowsMissingCodes(p.field) : true;
  };
  const missing: RecordIssue[] = missingRequired(answers).map((path) => ({
    path,
    level: "error",
    key: codable(path) ? "crf.submit.missing" : "crf.submit.missingNoCode",
    params: { field: label(path) },
  }));
  const issues = checkRecord(answers, ctx);
  const unconfirmed: RecordIssue[] = issues
    .filter((i) => i.level === "warning" && i.confirmable && !i.confirmed)
    .map((i) => ({ path: i.path, level: "error", key: "crf.submit.unconfirmed", params: { field: label(i.path) } }));
  const errors = issues.filter((i) => i.level === "error");
  return [...errors, ...missing, ...unconfirmed];
}
