import { answerPathLabel } from "@/domain/crf/field-path";
import type { Locale } from "@/domain/locale";

/** A query's or history entry's field, as a reader sees it. */
export function fieldPathLabel(path: string | null, locale: Locale, wholeCase: string): string {
  if (!path) return wholeCase;
  return answerPathLabel(path)[locale];
}
