import { answerPathLabel } from "@/domain/crf/field-path";

/** A query's or history entry's field, as a reader sees it. */
export function fieldPathLabel(path: string | null, locale: "fr" | "en", wholeCase: string): string {
  if (!path) return wholeCase;
  return answerPathLabel(path)[locale];
}
