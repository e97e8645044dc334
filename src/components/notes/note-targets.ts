import type { CaseAnswers } from "@/domain/crf/answers";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { rowPath } from "@/domain/crf/field-path";
import type { Locale } from "@/i18n/locales";

export interface NoteTarget {
  path: string;
  label: string;
}

/** What a note can point at: every field of the form, and every row the record has ("Infections — ligne 2"). */
export function noteTargets(answers: CaseAnswers, locale: Locale, rowWord: string): NoteTarget[] {
  const fields = TOP_LEVEL_FIELDS.map((f) => ({ path: f.id, label: f.label[locale] }));
  const rows = BLOCKS.flatMap((b) =>
    (answers.blocks[b.id] ?? []).map((r, i) => ({
      path: rowPath(b.id, r.id),
      label: `${b.label[locale]} — ${rowWord} ${i + 1}`,
    })),
  );
  return [...fields, ...rows];
}

/** A note's place as a reader sees it. */
export function noteTargetLabel(path: string, targets: readonly NoteTarget[]): string {
  return targets.find((t) => t.path === path)?.label ?? path;
}
