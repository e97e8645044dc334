// Missing-data codes said in words: « D-dimères non dosés » → ND (not done),
// « poids inconnu » → NK (not known). Only for fields the text gives no value.
import type { FieldId } from "@/domain/crf/definition";
import { LABS } from "@/domain/prefill/lexicons/labs";
import { wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc } from "@/domain/prefill/text";
import type { Proposal } from "@/domain/prefill/types";

const NOT_DONE =
  "(?:non|pas) (?:dosee?s?|realisee?s?|faite?s?|effectuee?s?|mesuree?s?|disponibles?|recherchee?s?)|not (?:done|measured|available|performed|tested|obtained)|nd";
const NOT_KNOWN = "inconnue?s?|non connue?s?|non renseignee?s?|non precisee?s?|unknown|not known|not recorded|nr|nk";

const EXAMS: readonly { readonly field: FieldId; readonly names: readonly string[] }[] = [
  ...LABS.filter((l) => l.field !== "ck_max" && l.field !== "temp_max").map((l) => ({
    field: l.field,
    names: l.names.filter((n) => !/(?:penie|emie|anemi|ictere|cytose|penia|aemia|emia)/.test(n)),
  })),
  { field: "emg_myogenic", names: ["emg", "electromyogramme", "electromyography"] },
  { field: "mri_myositis", names: ["irm musculaire", "irm des cuisses", "muscle mri", "irm"] },
  { field: "mmt8", names: ["mmt-?8", "testing musculaire"] },
  { field: "weight_kg", names: ["poids", "weight"] },
  { field: "height_cm", names: ["taille", "height"] },
  { field: "dm_onset_date", names: ["date des premiers (?:symptomes|signes)", "date of (?:first symptoms?|onset)"] },
];

const RULES = EXAMS.filter((e) => e.names.length).map((e) => ({
  field: e.field,
  re: new RegExp(
    `${wordsRe(e.names, "").source}\\s*(?:\\([^)]*\\)\\s*)?(?::|=|-)?\\s*(?:(${NOT_DONE})|(${NOT_KNOWN}))(?![a-z])`,
  ),
}));

export function findMissingCodes(doc: Doc, known: ReadonlySet<string>): Proposal[] {
  const out: Proposal[] = [];
  for (const { field, re } of RULES) {
    if (known.has(field)) continue;
    for (const s of doc.sentences) {
      if (s.section !== "patient") continue;
      const m = re.exec(s.text);
      if (!m) continue;
      const code = m[1] ? "ND" : "NK";
      out.push({
        field,
        value: { code },
        evidence: { start: s.start + m.index, end: s.start + m.index + m[0].length },
        rule: `missing.${code}`,
      });
      break;
    }
  }
  return out;
}
