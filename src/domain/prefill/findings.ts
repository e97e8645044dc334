// Yes/no findings: each mention qualified (negated → "no", hypothetical,
// family or literature → nothing). An affirmed mention wins over a negated
// one: reports list what was absent at admission and what appeared later.
import type { FieldId } from "@/domain/crf/definition";
import { FINDINGS } from "@/domain/prefill/lexicons/findings";
import { qualify, wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc } from "@/domain/prefill/text";
import type { Proposal } from "@/domain/prefill/types";

const COMPILED = FINDINGS.map((f) => ({ def: f, re: wordsRe(f.patterns) }));
/** Union of every pattern: most sentences name no finding and are skipped after one scan. */
const ANY_FINDING = wordsRe(
  FINDINGS.flatMap((f) => f.patterns),
  "",
);

export function findFindings(doc: Doc): Proposal[] {
  const yes = new Map<FieldId, Proposal>();
  const no = new Map<FieldId, Proposal>();
  for (const s of doc.sentences) {
    if (s.section !== "patient" || !ANY_FINDING.test(s.text)) continue;
    // Longest matches first: « déficit proximal des membres inférieurs » is not also the generic « déficit proximal ».
    const matches: { def: (typeof COMPILED)[number]["def"]; a: number; b: number }[] = [];
    for (const { def, re } of COMPILED) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) matches.push({ def, a: m.index, b: m.index + m[0].length });
    }
    matches.sort((x, y) => y.b - y.a - (x.b - x.a));
    const claimed: [number, number][] = [];
    for (const { def, a, b } of matches) {
      if (claimed.some(([x, y]) => a < y && b > x)) continue;
      claimed.push([a, b]);
      const q = qualify(s, a, b);
      const negated = def.value === "no" || (q.negated && !def.selfNegating);
      // Ruled out ("évoquée puis écartée") is "no"; a mere hypothesis gives nothing.
      if (q.family || q.generic || (q.hypothetical && !negated)) continue;
      const evidence = { start: s.start + a, end: s.start + b };
      for (const field of def.fields) {
        const target = negated ? no : yes;
        if (!target.has(field)) {
          target.set(field, {
            field,
            value: negated ? "no" : "yes",
            evidence,
            rule: negated ? "finding.negated" : "finding.affirmed",
          });
        }
      }
    }
  }
  const out = new Map(no);
  for (const [k, v] of yes) out.set(k, v);
  // A rapidly progressive ILD is an ILD.
  const rp = out.get("ild_rapidly_progressive");
  if (rp?.value === "yes" && out.get("ild")?.value !== "yes")
    out.set("ild", { ...rp, field: "ild", rule: "finding.implied" });
  return [...out.values()];
}
