// What stands between a record and its submission (issue #4): required
// fields with neither a value nor a code, unusual values not confirmed, and
// any remaining error. Each item points at a field so the list can link to it.
import type { CaseAnswers } from "./answers";
import { checkRecord, missingRequired, type CheckContext } from "./check-record";
import { blockById, fieldById, labelOf } from "./definition";
import { allowsMissingCodes } from "./field-rules";
import type { RecordIssue } from "./issues";

export function submissionProblems(answers: CaseAnswers, ctx: CheckContext): RecordIssue[] {
  const label = (path: string) => labelOf(path.split(".").at(-1) ?? path);
  const codable = (path: string) => {
    const parts = path.split(".");
    const field = parts.length === 1 ? fieldById(path) : blockById(parts[0]!)?.fields.find((f) => f.id === parts[2]);
    return field ? allowsMissingCodes(field) : true;
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
