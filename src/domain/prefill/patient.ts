// Patient-level fields read from one phrase each: sex, weight, height, MMT8,
// ICU length of stay, DM subtype, DM activity at the MAS and at last follow-up.
import type { FieldId } from "@/domain/crf/definition";
import type { Doc, Sentence } from "@/domain/prefill/text";
import { COURSE_RULES, type Rule } from "@/domain/prefill/patient-course";
import { qualify } from "@/domain/prefill/qualifiers";
import type { Proposal } from "@/domain/prefill/types";

const num = (s: string) => Number(s.replace(",", "."));

// Sex: explicit words first (order = strength).
const SEX_RULES: Rule[] = [
  {
    field: "sex",
    re: /(?<![a-z])sexe\s*:?\s*(f|m|feminin|masculin|femme|homme)(?![a-z])/,
    value: (m) => (m[1]!.startsWith("f") ? "F" : "M"),
    rule: "sex.label",
  },
  {
    field: "sex",
    re: /(?<![a-z])(?:sex|gender)\s*:?\s*(female|male|f|m)(?![a-z])/,
    value: (m) => (m[1]!.startsWith("f") ? "F" : "M"),
    rule: "sex.label",
  },
  {
    field: "sex",
    re: /^(?:\d{1,3} ?(?:y\/o|yo)? ?(f|m)(?![a-z0-9°])|.*?(?<![0-9])\d{1,3} ?(?:y\/o|yo|y\.o\.|ans|years? old|-year-old)[ ,]+(f|m|female|male)(?![a-z]))/,
    value: (m) => ((m[1] ?? m[2])!.startsWith("f") ? "F" : "M"),
    rule: "sex.label",
  },
  {
    field: "sex",
    re: /(?<![a-z])(?<!cher(?:e|es|s)? |dear )(madame|mme|mrs|ms|miss|patiente|pte|une femme|jeune femme|femme de \d+ ans|patiente de \d+ ans|femme|mlle|(?<!l')agee de \d+ ans|nee (?:le|en)|fillette|adolescente|woman|girl|female|lady)(?![a-z])/,
    value: () => "F",
    rule: "sex.word",
  },
  {
    field: "sex",
    re: /(?<![a-z])(?<!cher(?:e|es|s)? |dear )(monsieur|mr|un homme|jeune homme|homme de \d+ ans|patient de \d+ ans|homme|m\. [a-z](?![a-z])|(?<!l')age de \d+ ans|garcon|adolescent|(?:le|un|ce) patient|man|boy|male|gentleman)(?![a-z])/,
    value: () => "M",
    rule: "sex.word",
  },
];

const RULES: Rule[] = [
  {
    field: "weight_kg",
    re: /(?<![a-z])(?:poids|pesant|pese|weight|weighing|weighed|pds)\s*(?:de|of|:|=|a|at|was|is|estime a)?\s*(\d{1,3}(?:[.,]\d)?)\s?(?:kg|kilos?)/,
    value: (m) => num(m[1]!),
    rule: "weight.labelled",
    qualified: false,
  },
  {
    field: "weight_kg",
    re: /(?<![0-9.,])(\d{2,3}(?:[.,]\d)?)\s?kg(?![a-z/])(?=[^.;]{0,40}(?:taille|height|cm|imc|bmi))/,
    value: (m) => num(m[1]!),
    rule: "weight.with_height",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<![a-z])(?:taille|height|mesurant|mesure)\s*(?:de|of|:|=|was)?\s*(1)[.,m](\d{2})\s?(?:m)?(?![0-9])/,
    value: (m) => Number(`${m[1]}${m[2]}`),
    rule: "height.metres",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<![a-z])(?:taille|height|mesurant|mesure)\s*(?:de|of|:|=|was)?\s*(\d{2,3})\s?cm/,
    value: (m) => Number(m[1]),
    rule: "height.cm",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<![0-9.,])(1)[.,m](\d{2})\s?m?(?=[^.;]{0,6}(?:\d{2,3}\s?kg|pour|for))/,
    value: (m) => Number(`${m[1]}${m[2]}`),
    rule: "height.with_weight",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<![0-9.,])(1[0-9]{2})\s?cm(?=[^.;]{0,30}(?:\d{2,3}(?:[.,]\d)?\s?kg))/,
    value: (m) => Number(m[1]),
    rule: "height.with_weight",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<=kg,?\s?(?:pour|for|et|and|x)?\s?)(1)[.,m](\d{2})(?![0-9])/,
    value: (m) => Number(`${m[1]}${m[2]}`),
    rule: "height.with_weight",
    qualified: false,
  },
  {
    field: "height_cm",
    re: /(?<=\d{2,3}(?:[.,]\d)?\s?kg[^.;]{0,20}?)(?<![0-9.,])(1[0-9]{2})\s?cm/,
    value: (m) => Number(m[1]),
    rule: "height.with_weight",
    qualified: false,
  },
  {
    field: "mmt8",
    re: /(?<![a-z])mmt-?8\s*(?:score)?\s*(?:a|de|of|:|=|was|at)?\s*(\d{1,2}(?:[.,]\d)?)(?:\s?\/\s?80)?/,
    value: (m) => num(m[1]!),
    rule: "mmt8",
    qualified: false,
  },
  {
    field: "icu_stay_days",
    re: /(?:icu|reanimation|rea|intensive care)\s*:?\s*(?:oui|yes)?\s*\((\d{1,3}) (?:jours?|days?|j)\)/,
    value: (m) => Number(m[1]),
    rule: "icu.stay",
    qualified: false,
  },
  {
    field: "icu_stay_days",
    re: /(?:icu|reanimation|intensive care) stay (?:of |: ?|was )?(\d{1,3}) (?:jours?|days?)(?![a-z])/,
    value: (m) => Number(m[1]),
    rule: "icu.stay",
    qualified: false,
  },
  {
    field: "icu_stay_days",
    re: /(\d{1,3}) (?:jours?|days?|j) (?:en |in (?:the )?)(?:reanimation|rea|icu|soins intensifs|intensive care)/,
    value: (m) => Number(m[1]),
    rule: "icu.stay",
    qualified: false,
  },
  {
    field: "icu_stay_days",
    re: /(?:sejour|stay|duree de sejour) (?:en |in (?:the )?)?(?:reanimation|rea|icu|intensive care)[^.;0-9]{0,25}(\d{1,3}) (?:jours?|days?|j)(?![a-z])/,
    value: (m) => Number(m[1]),
    rule: "icu.stay",
    qualified: false,
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:amyopathique|amyopathic|cadm)(?![a-z])/,
    value: () => "amyopathic",
    rule: "dm.subtype",
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:hypomyopathique|hypomyopathic)(?![a-z])/,
    value: () => "hypomyopathic",
    rule: "dm.subtype",
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:dm|dermatomyosite|dermatomyositis) juvenile|juvenile (?:dm|dermatomyositis)|jdm(?![a-z])/,
    value: () => "juvenile",
    rule: "dm.subtype",
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:syndrome de chevauchement|overlap (?:syndrome|myositis|with)|chevauchement)(?![a-z])/,
    value: () => "overlap",
    rule: "dm.subtype",
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:dm|dermatomyosite|dermatomyositis) (?:paraneoplas(?:t)?ique|paraneoplastic)|cancer-associated (?:dm|dermatomyositis)/,
    value: () => "cancer_associated",
    rule: "dm.subtype",
  },
  {
    field: "dm_subtype",
    re: /(?<![a-z])(?:forme classique|dm classique|classic (?:dm|dermatomyositis)|dermatomyosite classique)(?![a-z])/,
    value: () => "classic",
    rule: "dm.subtype",
  },
  {
    field: "dm_activity_at_sam",
    re: /(?:revelant|revelateur de|revelatrice de|revealing|inaugura(?:l|le|t)|revealed (?:the|her|his) (?:dm|dermatomyositis)|a revele la|mode de revelation|presenting feature)/,
    value: () => "inaugural",
    rule: "dm.activity",
  },
  {
    field: "dm_activity_at_sam",
    re: /(?:dans un contexte de|au cours d'une|lors d'une|during a|in the setting of a|in the context of a) poussee|poussee (?:evolutive )?(?:de (?:la |sa )?|d')(?:dm|dermatomyosite)|(?:dm|dermatomyositis) flare/,
    value: () => "flare",
    rule: "dm.activity",
  },
  // « DM en rémission sous hydroxychloroquine. En 2015, SAM… »: the activity before the MAS, unless the sentence is about now.
  {
    field: "dm_activity_at_sam",
    re: /^(?!.*(?:actuellement|aujourd'hui|desormais|a ce jour|now|currently|dernieres nouvelles|last follow|last fu|revue?|seen)).*?(?:dm|dermatomyosite|dermatomyositis)[^.;]{0,80}(?:en remission|in remission)/,
    value: () => "remission",
    rule: "dm.activity",
  },
  {
    field: "dm_status_last",
    re: /(?:aujourd'hui|actuellement|a ce jour|desormais|currently|today|now|at (?:the )?last follow-?up|au dernier suivi)[^.;]{0,60}(?:dm|dermatomyosite|dermatomyositis|maladie|disease)[^.;]{0,25}?(?<![a-z])(remission|faible activite|peu active|low (?:disease )?activity|active|evolutive)(?![a-z])/,
    value: (m) => (/remission/.test(m[1]!) ? "remission" : /faible|peu|low/.test(m[1]!) ? "low_activity" : "active"),
    rule: "dm.status_now",
  },
  {
    field: "dm_status_last",
    re: /(?:actuellement|aujourd'hui|desormais|currently|now)(?: toujours| still)? (?:en |in )?(remission|faible activite|low (?:disease )?activity)/,
    value: (m) => (/remission/.test(m[1]!) ? "remission" : "low_activity"),
    rule: "dm.status_now",
  },
  {
    field: "dm_status_last",
    re: /(?:dernieres nouvelles|last follow-?up|last fu|derniere consultation|au dernier suivi|last visit)[^.;]{0,80}?(?<![a-z])(remission|faible activite|peu active|low (?:disease )?activity|active|evolutive)(?![a-z])/,
    value: (m) => (/remission/.test(m[1]!) ? "remission" : /faible|peu|low/.test(m[1]!) ? "low_activity" : "active"),
    rule: "dm.status_last",
  },
  {
    field: "muscle_enzymes_elevated",
    re: /(?:elevation des (?:cpk|ck|enzymes musculaires)|(?:cpk|ck|enzymes musculaires) (?:elevees|augmentees)|elevated (?:ck|cpk|muscle enzymes|creatine kinase)|rhabdomyolyse|rhabdomyolysis)/,
    value: () => "yes",
    rule: "muscle_enzymes.text",
  },
  {
    field: "muscle_enzymes_elevated",
    re: /(?:(?:cpk|ck|enzymes musculaires)(?: [^.;]{0,25}\(| )(?:normal(?:e|es)?|non elevees?|within normal)(?!\s*(?:[<>:≤≥]|range|values?|\d))|normal (?:ck|cpk|muscle enzymes))/,
    value: () => "no",
    rule: "muscle_enzymes.normal",
    qualified: false,
  },
];

function apply(rule: Rule, s: Sentence): Proposal | undefined {
  const m = rule.re.exec(s.text);
  if (!m) return undefined;
  const q = qualify(s, m.index, m.index + m[0].length);
  if (q.family || q.generic) return undefined;
  // « suspicion de SAM chez une patiente de 57 ans »: the hypothesis is about the MAS, not the patient's sex.
  if (rule.qualified !== false && rule.field !== "sex" && (q.negated || q.hypothetical)) return undefined;
  const value = rule.value(m);
  if (value === undefined) return undefined;
  return {
    field: rule.field,
    value,
    evidence: { start: s.start + m.index, end: s.start + m.index + m[0].length },
    rule: rule.rule,
  };
}

export function findPatientFields(doc: Doc): Proposal[] {
  const out = new Map<FieldId, Proposal>();
  const patient = doc.sentences.filter((s) => s.section === "patient");
  // Sex: a "Sexe : F" label, else the majority of gendered words (a letter may open with « Chère Madame »).
  const label = SEX_RULES.slice(0, 3)
    .map((r) => patient.map((s) => apply(r, s)).find(Boolean))
    .find(Boolean);
  if (label) out.set("sex", label);
  else {
    const votes = SEX_RULES.slice(3).map((r) => {
      const hits = patient
        .map((s) => apply({ ...r, re: new RegExp(r.re.source, "g") }, s))
        .filter((p): p is Proposal => !!p);
      return { hits, n: patient.reduce((n, s) => n + (s.text.match(new RegExp(r.re.source, "g"))?.length ?? 0), 0) };
    });
    const [f, m] = votes as [(typeof votes)[0], (typeof votes)[0]];
    const winner = f.n > m.n ? f : m.n > f.n ? m : undefined;
    if (winner?.hits[0]) out.set("sex", winner.hits[0]);
  }
  for (const rule of [...RULES, ...COURSE_RULES]) {
    if (out.has(rule.field)) continue;
    for (const s of patient) {
      const p = apply(rule, s);
      if (p) {
        out.set(rule.field, p);
        break;
      }
    }
  }
  // English pronouns as a last resort for sex.
  if (!out.has("sex")) {
    for (const s of patient) {
      const m = /(?<![a-z])(she|her|he|his)(?![a-z])/.exec(s.text);
      if (m) {
        out.set("sex", {
          field: "sex",
          value: m[1]!.startsWith("h") && m[1] !== "her" ? "M" : "F",
          evidence: { start: s.start + m.index, end: s.start + m.index + m[0].length },
          rule: "sex.pronoun",
        });
        break;
      }
    }
  }
  return [...out.values()];
}
