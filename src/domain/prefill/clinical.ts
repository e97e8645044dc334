// Antibodies (positive / negative / not tested, ANA titre), associated cancer
// (type, date), haemophagocytosis (site; « myélogramme non fait » → not
// searched) and documented infections (agent, type, method).
import type { FieldId } from "@/domain/crf/definition";
import type { DateMention } from "@/domain/prefill/dates";
import { fitPrecision } from "@/domain/prefill/dates";
import {
  AGENTS,
  ANTIBODIES,
  CANCER_TYPES,
  CANCER_WORDS,
  CANCER_WORKUP,
  NEGATIVE,
  WORKUP_NEGATIVE,
  NOT_TESTED,
  OTHER_AGENTS,
  POSITIVE,
} from "@/domain/prefill/lexicons/entities";
import { RELAPSE_WORDS } from "@/domain/prefill/lexicons/timeline";
import { qualify, wordsRe } from "@/domain/prefill/qualifiers";
import { lastCellStart, referenceFirst } from "@/domain/prefill/tables";
import type { Doc, Sentence } from "@/domain/prefill/text";
import type { Proposal, RowProposal } from "@/domain/prefill/types";

const AB = ANTIBODIES.map((a) => ({ field: a.field, re: wordsRe(a.names) }));
const RESULT = new RegExp(
  `^(?:[\\s,/]|et|and|ou|or|\\((?:[^()]{0,30})\\)|anticorps|antibod(?:y|ies)|sont|est|etaient|was|were|are|is|revenue?s?|came back|strongly|weakly|highly|very|tres|${ANTIBODIES.flatMap((a) => a.names).join("|")}|1 ?[/:] ?\\d+|:)*?(${NOT_TESTED.join("|")}|${POSITIVE.join("|")}|${NEGATIVE.filter((n) => !["pas d(?:e|')", "sans", "no", "absence d(?:e|')", "-"].includes(n)).join("|")})(?![a-z])`,
);
const PRE_POS =
  /(?:positivite d(?:es|u|')|presence d(?:es|u|'|e)|mise en evidence d(?:es|u|'|e)|positive for|(?:dm|dermatomyosite|dermatomyositis)(?: [a-z]+)? (?:a|avec|with))\s*(?:anticorps |auto-anticorps |antibodies )?$/;
const PRE_NEG =
  /(?:absence d(?:es|u|'|e)|pas d(?:es|u|'|e)|sans|negative for|no|ni)\s*(?:anticorps |auto-anticorps |antibodies )?$/;
/** « dermatomyosite (anti-SAE, …) »: an antibody named first in brackets after the disease is its marker. */
const DM_BRACKET = /(?:dm|dermatomyosite|dermatomyositis)[^.;()]{0,40}\(\s*(?:anticorps |antibodies )?$/;
const AFTER_DM = /^[-\s]*(?:positive\s)?(?:dm|dermatomyosite|dermatomyositis)/;
/** « DM anti-MDA5 connue », "anti-MDA5 dermatomyositis": the disease named by its antibody, no result word. */
const DM_NAMED = /(?:dm|dermatomyosite|dermatomyositis)(?: (?:juvenile|amyopathique|classique|amyopathic))?\s*$/;
const TITRE = /1\s?[/:]\s?(80|160|320|640|1280|2560|40|20)(?![0-9])/;

function resultOf(t: string, a: number, b: number): string | undefined {
  const after = t.slice(b, b + 120);
  if (/^\s?\(?\+\)?(?![0-9])/.test(after)) return "positive";
  if (/^\s?\(?-\)?(?![0-9a-z])/.test(after) && !/^-[a-z0-9]/.test(after)) return "negative";
  const before = t.slice(Math.max(0, a - 40), a);
  if (PRE_NEG.test(before)) return "negative";
  if (PRE_POS.test(before)) return "positive";
  const m = RESULT.exec(after);
  if (m) {
    const w = m[1]!;
    if (new RegExp(`^(?:${NOT_TESTED.join("|")})$`).test(w)) return "not_tested";
    if (new RegExp(`^(?:${POSITIVE.join("|")})$`).test(w)) return "positive";
    return "negative";
  }
  if (AFTER_DM.test(after) || DM_BRACKET.test(t.slice(Math.max(0, a - 60), a)) || DM_NAMED.test(before))
    return "positive";
  return undefined;
}

export function findAntibodies(doc: Doc): Proposal[] {
  const found = new Map<FieldId, Proposal>();
  // « Ac anti-MDA5   Négatif   Positif » under « Valeurs de réf.   15/04/2017 »: the result is the last cell.
  const refFirst = referenceFirst(doc);
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    for (const { field, re } of AB) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        const a = m.index;
        const b = a + m[0].length;
        const q = qualify(s, a, b);
        if (q.family || q.generic) continue;
        const from = (refFirst && lastCellStart(s.text, b)) || b;
        let value = resultOf(s.text, a, from);
        const titre = field === "ana" ? TITRE.exec(s.text.slice(from, from + 40)) : null;
        if (field === "ana" && !value && titre) value = Number(titre[1]) >= 80 ? "positive" : "negative";
        if (!value) continue;
        const prev = found.get(field);
        const evidence = { start: s.start + a, end: s.start + b };
        if (!prev || (prev.value !== "positive" && value === "positive"))
          found.set(field, { field, value, evidence, rule: "antibody.result" });
        if (field === "ana" && titre && value === "positive" && Number(titre[1]) >= 80) {
          found.set("ana_titre", {
            field: "ana_titre",
            value: `1_${titre[1]}`,
            evidence: { start: evidence.start, end: s.start + from + titre.index + titre[0].length },
            rule: "antibody.titre",
          });
        }
      }
    }
  }
  return [...found.values()];
}

const CANCER = wordsRe(CANCER_WORDS);
const TYPES = CANCER_TYPES.map((c) => ({ code: c.code, re: wordsRe(c.names, "") }));

export function findCancer(doc: Doc, dates: readonly DateMention[]): Proposal[] {
  let yes: Proposal[] | undefined;
  let no: Proposal | undefined;
  for (const s of doc.sentences) {
    if (s.section !== "patient" || yes) continue;
    const workup = CANCER_WORKUP.exec(s.text);
    if (workup) {
      // « Le bilan néoplasique (scanner, mammographie) était normal »: no cancer; without a result, nothing.
      if (WORKUP_NEGATIVE.test(s.text.slice(workup.index))) {
        no ??= {
          field: "cancer",
          value: "no",
          evidence: { start: s.start + workup.index, end: s.start + workup.index + workup[0].length },
          rule: "cancer.workup_negative",
        };
      }
      continue;
    }
    CANCER.lastIndex = 0;
    for (let m = CANCER.exec(s.text); m && !yes; m = CANCER.exec(s.text)) {
      const a = m.index;
      const b = a + m[0].length;
      const q = qualify(s, a, b);
      if (q.family || q.generic) continue;
      const evidence = { start: s.start + a, end: s.start + b };
      if (q.negated) {
        no ??= { field: "cancer", value: "no", evidence, rule: "cancer.negated" };
        continue;
      }
      if (q.hypothetical || /(?:risque|risk|suspicion|suspected)/.test(s.text.slice(Math.max(0, a - 30), b + 5)))
        continue;
      const near = s.text.slice(Math.max(0, a - 25), Math.min(s.text.length, b + 45));
      const type = m[0].startsWith("lymphom") ? "lymphoma" : TYPES.find((t) => t.re.test(near))?.code;
      const out: Proposal[] = [{ field: "cancer", value: "yes", evidence, rule: "cancer.affirmed" }];
      if (type) out.push({ field: "cancer_type", value: type, evidence, rule: "cancer.type" });
      const d = dates.filter((x) => x.start >= s.start && x.end <= s.end);
      const cost = (x: DateMention) =>
        x.start >= evidence.start ? x.start - evidence.start : (evidence.start - x.end) * 1.5 + 20;
      const closest = d.sort((x, y) => cost(x) - cost(y))[0];
      const value = closest && fitPrecision(closest, ["day", "month", "year"]);
      if (value)
        out.push({
          field: "cancer_date",
          value,
          evidence: { start: closest!.start, end: closest!.end },
          rule: "cancer.date",
        });
      yes = out;
    }
  }
  return yes ?? (no ? [no] : []);
}

const HAEMO = wordsRe([
  "hemophagocytose",
  "haemophagocytosis",
  "hemophagocytosis",
  "images? d'hemophagocytose",
  "macrophages? hemophagocyt(?:aires|ant)s?",
  "hemophagocytic (?:macrophages|figures|images|cells)",
  "haemophagocytic (?:macrophages|figures|images|cells)",
]);
const NOT_DONE =
  /(?:myelogramme|ponction medullaire|biopsie osteo-?medullaire|bom|bma|bm aspirate|bone marrow (?:aspirate|aspiration|biopsy|examination))[^.;]{0,25}(?:non (?:fait|realise|effectue|pratique)|pas (?:ete )?(?:fait|realise)|not (?:been )?(?:done|performed|obtained))|(?:pas de|absence de|no|sans) (?:myelogramme|ponction medullaire|bone marrow (?:aspirate|aspiration|biopsy|examination))|(?:myelogramme|bone marrow aspirate) (?:n'a pas ete|was not|wasn't) (?:realise|fait|effectue|performed|done)/;
const SITES: readonly [string, RegExp][] = [
  [
    "bone_marrow",
    /(?<![a-z])(?:myelogramme|myelo|moelle|medullaire|osteo-?medullaire|bom|bone marrow|marrow)(?![a-z])/,
  ],
  ["spleen", /(?<![a-z])(?:splenique|rate|spleen|splenic|splenectomie|splenectomy)(?![a-z])/],
  ["lymph_node", /(?<![a-z])(?:ganglion(?:naire)?|lymph node|adenopathie)(?![a-z])/],
  ["liver", /(?<![a-z])(?:hepatique|foie|liver|hepatic)(?![a-z])/],
];

export function findHaemophagocytosis(doc: Doc): Proposal[] {
  let neg: Proposal | undefined;
  // The first affirmed mention is the evidence; the sites come from every affirmed one (marrow, then a node).
  let found: Proposal | undefined;
  const sites = new Set<string>();
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    const nd = found ? null : NOT_DONE.exec(s.text);
    if (nd)
      return [
        {
          field: "haemophagocytosis",
          value: "not_searched",
          evidence: { start: s.start + nd.index, end: s.start + nd.index + nd[0].length },
          rule: "haemophagocytosis.not_searched",
        },
      ];
    HAEMO.lastIndex = 0;
    for (let m = HAEMO.exec(s.text); m; m = HAEMO.exec(s.text)) {
      const a = m.index;
      const b = a + m[0].length;
      const q = qualify(s, a, b);
      if (q.family || q.generic) continue;
      const evidence = { start: s.start + a, end: s.start + b };
      if (q.negated) {
        neg ??= { field: "haemophagocytosis", value: "no", evidence, rule: "haemophagocytosis.negated" };
        continue;
      }
      if (q.hypothetical) continue;
      for (const [code, re] of SITES) if (re.test(s.text)) sites.add(code);
      found ??= { field: "haemophagocytosis", value: "yes", evidence, rule: "haemophagocytosis.found" };
      break;
    }
  }
  if (!found) return neg ? [neg] : [];
  if (!sites.size) return [found];
  const site = { field: "haemophagocytosis_site" as const, value: [...sites], evidence: found.evidence };
  return [found, { ...site, rule: "haemophagocytosis.site" }];
}

const AGENT_RES = [
  ...AGENTS.map((a) => ({ code: a.code, type: a.type, re: wordsRe(a.names) })),
  ...OTHER_AGENTS.map((a) => ({ code: "other", type: a.type, re: wordsRe(a.names) })),
];
const ACTIVE =
  /(?:infection|infecte|reactivation|primo-?infection|viremie|viraemia|viremia|pcr[^.;]{0,30}positi|positi[^.;]{0,20}pcr|charge virale|viral load|igm|positive|positif|replication|sepsis|bacteriemie|bacteremia|pneumonie|pneumonia|hemocultures? positives?|blood cultures? (?:grew|positive)|a ete documentee?|documented|associee?|triggered|declenche|pcr[^.;]{0,15}\d|\d[\d ,.]*\s?(?:copies|log|ui\/ml|iu\/ml))/;

const PAST_IMMUNITY =
  /(?:immunite ancienne|infection ancienne|past (?:infection|immunity)|cicatrice serologique|vaccin)/;

function methodsOf(t: string): string[] {
  const out: string[] = [];
  if (/(?:pcr|charge virale|viral load|replication|viremie|viraemia|viremia)/.test(t)) out.push("pcr");
  if (/(?:serologi|serology|igm|seroconversion)/.test(t)) out.push("serology");
  if (/(?:culture|hemoculture|ecbu|lba positif|grew)/.test(t)) out.push("culture");
  return out;
}

export function findInfections(doc: Doc): { rows: RowProposal[]; trigger?: Proposal } {
  const rows = new Map<string, RowProposal>();
  for (const s of doc.sentences) {
    // A relapse's trigger is not the first episode's.
    if (s.section !== "patient" || RELAPSE_WORDS.test(s.text)) continue;
    for (const { code, type, re } of AGENT_RES) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        const a = m.index;
        const b = a + m[0].length;
        const q = qualify(s, a, b);
        if (q.negated || q.hypothetical || q.family || q.generic) continue;
        const clause = clauseText(s, a, b);
        if (!ACTIVE.test(clause) || PAST_IMMUNITY.test(clause)) continue;
        // IgG alone is past immunity; an infection needs IgM, a positive PCR or a culture.
        // (« IgG » as a word: "triggered" contains the letters.)
        if (
          /(?<![a-z])igg(?![a-z])/.test(clause) &&
          !/igm (?:positi|\+)|pcr[^.;]{0,20}positi|positi[^.;]{0,12}pcr|culture/.test(clause)
        )
          continue;
        // One row per agent; unnamed "other" agents of one kind (aspergillose, Aspergillus fumigatus) are one row.
        const key = code === "other" ? `other:${type}` : code;
        const methods = methodsOf(methodWindow(s.text, a, b));
        // "MAS triggered by CMV … CMV viral load 4.5 log": a later mention adds its method to the row.
        const known = rows.get(key)?.values as Record<string, RowProposal["values"][string]> | undefined;
        if (known) {
          const had = (known.infection_method as string[] | undefined) ?? [];
          if (methods.some((x) => !had.includes(x))) known.infection_method = [...new Set([...had, ...methods])];
          continue;
        }
        const values: Record<string, RowProposal["values"][string]> = { infection_type: type, infection_agent: code };
        if (code === "other") values.infection_agent_other = doc.source.slice(s.start + a, s.start + b);
        if (methods.length) values.infection_method = methods;
        rows.set(key, { values, evidence: { start: s.start + a, end: s.start + b }, rule: "infection.agent" });
      }
    }
  }
  const list = [...rows.values()];
  const first = list[0];
  return {
    rows: list,
    trigger: first
      ? { field: "trigger_infection", value: "yes", evidence: first.evidence, rule: "infection.trigger" }
      : undefined,
  };
}

/** The agent's own evidence: from the clause start to the first break after it outside brackets. */
function methodWindow(t: string, a: number, b: number): string {
  const start = Math.max(t.lastIndexOf(";", a), t.lastIndexOf(",", a), 0);
  let depth = 0;
  let end = b;
  for (; end < t.length && end < b + 80; end++) {
    const c = t[end];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if ((c === "," || c === ";") && depth === 0) break;
  }
  return t.slice(start, end);
}

function clauseText(s: Sentence, a: number, b: number): string {
  const t = s.text;
  const start = Math.max(t.lastIndexOf(";", a), t.lastIndexOf(",", a - 25), 0);
  let end = t.indexOf(";", b);
  if (end < 0) end = t.length;
  return t.slice(start, Math.min(end, b + 80));
}
