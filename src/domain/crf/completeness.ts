// How complete each section is: shown, required items answered (a value or
// a missing-data code) over shown, required items.
import { isAnswered, type CaseAnswers } from "./answers";
import { CRF } from "./definition";
import { isRequired } from "./field-rules";
import { isBlock, type SectionId } from "./types";
import { isVisible, rowLookup, topLookup } from "./visibility";

export interface SectionCompleteness {
  readonly section: SectionId;
  readonly answered: number;
  readonly applicable: number;
}

export function completeness(answers: CaseAnswers): SectionCompleteness[] {
  const lookup = topLookup(answers);
  return CRF.sections.map((section) => {
    let answered = 0;
    let applicable = 0;
    for (const item of section.items) {
      if (!isVisible(item, lookup)) continue;
      if (isBlock(item)) {
        for (const row of answers.blocks[item.id] ?? []) {
          const rl = rowLookup(answers, row);
          for (const f of item.fields) {
            if (!isVisible(f, rl) || !isRequired(f, rl)) continue;
            applicable += 1;
            if (isAnswered(row.values[f.id])) answered += 1;
          }
        }
      } else if (isRequired(item, lookup)) {
        applicable += 1;
        if (isAnswered(answers.fields[item.id])) answered += 1;
      }
    }
    return { section: section.id, answered, applicable };
  });
}

export function percent(c: SectionCompleteness): number {
  return c.applicable === 0 ? 100 : Math.floor((100 * c.answered) / c.applicable);
}
