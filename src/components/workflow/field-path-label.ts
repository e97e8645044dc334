import { labelOf } from "@/domain/crf/definition";

/** A query's or history entry's field, as a reader sees it. */
export function fieldPathLabel(path: string | null, locale: "fr" | "en", wholeCase: string): string {
  if (!path) return wholeCase;
  const parts = path.split(".");
  return labelOf(parts[parts.length - 1] ?? path)[locale];
}
