// Drug matcher: names from the controlled list (lexicons/drugs.ts), unknown or
// misspelt names in a treatment context as "other" with the name as written,
// then dose, unit, route, frequency, number of doses and start date from the
// same clause. Which block: treatments before the MAS or MAS treatment lines.
import { DRUGS } from "@/domain/doses";
import type { DoseUnitId } from "@/domain/doses/units";
import { dateIndex, daysBetween, type DateMention } from "@/domain/prefill/dates";
import { DRUG_NAMES, NOT_DRUG_WORDS, TREATMENT_CUES_BEFORE } from "@/domain/prefill/lexicons/drugs";
import { LABS } from "@/domain/prefill/lexicons/labs";
import { qualify, wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc, Sentence } from "@/domain/prefill/text";

export interface DrugMention {
  readonly drug: string;
  readonly drugOther?: string;
  readonly start: number;
  readonly end: number;
  /** End of the evidence (name + dose…). */
  readonly evidenceEnd: number;
  readonly doseValue?: number;
  readonly doseUnit?: DoseUnitId;
  readonly route?: "iv" | "sc" | "oral";
  readonly frequency?: string;
  readonly nDoses?: number;
  readonly startDate?: DateMention;
  readonly before: boolean;
  readonly ongoingAtSam?: "yes" | "no";
  readonly line?: "1" | "2" | "3plus";
  /** « X a été arrêté », "X was stopped". */
  readonly stopped: boolean;
  readonly rule: string;
}

// Sticky: a name is identified where the union matched it, context (lookbehinds) included.
const KNOWN = Object.entries(DRUG_NAMES).map(([drug, names]) => ({ drug, re: wordsRe(names, "y") }));
const ANY_KNOWN = wordsRe(Object.values(DRUG_NAMES).flat());
const CUE_END = new RegExp(`(?:${wordsRe(TREATMENT_CUES_BEFORE).source})\\s*$`);
const NOT_DRUG = new Set(NOT_DRUG_WORDS);
const LAB_WORD = wordsRe(
  LABS.flatMap((l) => l.names),
  "",
);
const DRUG_SUFFIX = /(?:mab|nib|cept|limus|kinra|ximab|zumab|umab)$/;
// A dose, not a lab result (« 3 UI/L », « 40 mg/L »).
const DOSE_AFTER = /^\s*(?:\(\w+\)\s*)?\d+(?:[.,]\d+)?\s?(?:mg|g|µg|mcg|ui)\b(?!\s?\/\s?(?:l|dl|ml)\b)/;

const BEFORE_RE = wordsRe(
  [
    "traitement de fond",
    "avant (?:le|l'episode de) (?:sam|syndrome)",
    "au long cours",
    "depuis",
    "initialement",
    "initially",
    "traitement initial",
    "was on",
    "had been (?:on|receiving|treated)",
    "prior to",
    "before the mas",
    "pour sa dm",
    "for (?:her|his) dm",
    "for (?:her|his) dermatomyositis",
    "au diagnostic de (?:la )?(?:dm|dermatomyosite)",
    "at dm diagnosis",
    "previously",
    "auparavant",
    "precedemment",
    "deja sous",
    "already on",
    "maintenance",
  ],
  "",
);
/** Maintenance before the MAS (« en rémission sous X ») — unless the sentence is about the present (follow-up). */
const MAINTENANCE_RE = wordsRe(
  ["en remission sous", "in remission on", "maintained on", "maintenue? sous", "stable sous", "stable on"],
  "",
);
const NOW_RE = /(?:actuellement|aujourd'hui|desormais|a ce jour|now|currently|at last follow|dernieres nouvelles)/;
/** Between a date and the drug after it, only a start cue: « le 15/03, introduction d'anakinra ». */
const START_GAP =
  /^[\s,:]*(?:(?:introduction|mise sous|debut|initiation|instauration|relais|ajout|start(?:ed)?|initiated|on (?:a )?(?:introduit|debute)|introduit|begun|began)\s*(?:par|de la|de l'|du|des|de|d'|on|of|with)?\s*)?$/;

const LINES_SENTENCE =
  /^(?:prise en charge|traitements?(?: du sam| du syndrome| recus?| instaures?| entrepris)?\s*:|ttt\s*:|tx\s*:|management|treatments?\s*:|therapy\s*:)/;

/** A sentence about the patient's history or usual treatment. */
const BEFORE_SENTENCE =
  /^(?:antecedents|atcd|past (?:medical )?history|traitements? (?:habituels?|anterieurs?|a l'entree|de fond)|medications? (?:on|at) admission|usual (?:treatment|medications?)|current medications?)/;
const ONGOING_RE = wordsRe(["toujours", "en cours", "poursuivie?", "maintenue?", "ongoing", "still", "continued"], "");
const STOPPED_RE = wordsRe(["arretee?", "interrompue?", "stopped", "discontinued", "suspendue?", "withdrawn"], "");

const isIv = (t: string) =>
  /(?<![a-z])(?:iv|ivd|ivl|intraveineu(?:x|se)|intravenous(?:ly)?|bolus|pulses?|perfusions?|infusions?)(?![a-z])/.test(
    t,
  );
const isSc = (t: string) => /(?<![a-z])(?:sc|s\.c\.|sous-cutanee?|subcutaneous(?:ly)?)(?![a-z])/.test(t);
const isOral = (t: string) => /(?<![a-z])(?:per os|po|orale?|oral(?:ly)?|comprimes?|tablets?|os)(?![a-z])/.test(t);

function routeOf(t: string): DrugMention["route"] {
  return isIv(t) ? "iv" : isSc(t) ? "sc" : isOral(t) ? "oral" : undefined;
}

function frequencyOf(t: string): string | undefined {
  if (
    /(?:x ?2 ?\/ ?j|2 fois par jour|deux fois par jour|matin et soir|twice daily|twice a day|bid|x2\/day|\/12 ?h|toutes les 12 ?h)/.test(
      t,
    )
  )
    return "twice_daily";
  if (/(?<![a-z])(?:q ?[468] ?h|toutes les [468] ?h|\/ ?[468] ?h)(?![a-z])/.test(t)) return "other";
  if (/(?<![a-z])(?:q ?12 ?h|bid|b\.i\.d)(?![a-z])/.test(t)) return "twice_daily";
  if (/(?:twice (?:a )?week(?:ly)?|(?:2|deux) fois par semaine|bi-?hebdomadaire|2 ?x ?\/ ?sem|x ?2 ?\/ ?sem)/.test(t))
    return "other";
  if (
    /(?:toutes les (?:2|deux) semaines|tous les (?:14|15) jours|every (?:2|two) weeks|every other week|\/ ?2 ?sem|q2w)/.test(
      t,
    )
  )
    return "every_2_weeks";
  if (/(?:hebdomadaire|par semaine|\/ ?sem(?:aine)?|weekly|per week|\/ ?week|une fois par semaine)/.test(t))
    return "weekly";
  if (
    /(?:mensuel(?:le)?s?|par mois|tous les mois|toutes les 4 semaines|monthly|every (?:4 weeks|month)|\/ ?mois)/.test(t)
  )
    return "monthly";
  if (/(?:dose unique|injection unique|single dose|once|une seule (?:dose|injection))/.test(t)) return "once";
  if (/(?:\/ ?cure|par cure|per course)/.test(t)) return "course";
  if (/(?:\/ ?j(?:our)?(?![a-z])|par jour|\/ ?24 ?h|quotidien(?:ne)?|daily|per day|\/ ?day|\/ ?d(?![a-z]))/.test(t))
    return "daily";
  return undefined;
}

const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six_: 6,
  seven: 7,
  eight: 8,
};
const NUM = "(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|one|two|three|four|five|seven|eight)";
const toInt = (s: string) => NUMBER_WORDS[s] ?? Number(s);

function nDosesOf(t: string, freq?: string): number | undefined {
  // "375 mg/m² par semaine pendant 4 semaines": one dose a week.
  const weeks =
    freq === "weekly" ? new RegExp(`(?:pendant|durant|sur|for|over|x) ?${NUM} (?:semaines?|weeks?)`).exec(t) : null;
  if (weeks) return toInt(weeks[1]!);
  let m = /(?<![a-z0-9.,])(\d{1,2}) ?x ?\d+(?:[.,]\d+)? ?(?:mg|g)(?![a-z])/.exec(t); // « 3 × 500 mg »
  if (m) return Number(m[1]);
  m = new RegExp(
    `(?<![a-z0-9])${NUM} (?:bolus|perfusions?|injections?|cures?|seances?|sessions?|echanges?|doses?|pulses?|infusions?|administrations?)(?![a-z])`,
  ).exec(t);
  if (m) return toInt(m[1]!);
  m = new RegExp(
    `(?:pendant|durant|sur|for|over|x|during) ?${NUM} ?(?:jours?|days?|d|j)(?![a-z])(?: consecutifs| consecutive)?`,
  ).exec(t);
  if (m) return toInt(m[1]!);
  m = /(?<![a-z0-9])x ?(\d{1,2})(?![0-9]| ?(?:mg|g|µg|\/|fois|par|ui))/.exec(t);
  if (m) return Number(m[1]);
  m = /(?<![a-z0-9])j ?1 ?(?:-|a|au) ?j ?(\d+)(?![0-9])/.exec(t);
  if (m) return Number(m[1]);
  // « J1 et J15 », « J1 J2 », "D1, D8, D15": one dose per day named.
  m = /(?<![a-z0-9])(?:[jd] ?\d{1,2}(?![0-9])(?:\s*(?:,|et|and)?\s*)){2,}/.exec(t);
  if (m) return m[0].match(/[jd] ?\d/g)!.length;
  return undefined;
}

interface Dose {
  value: number;
  unit: DoseUnitId;
  end: number;
}

/** First dose after the name: "1 g/j", "2 mg/kg/j", "150 mg/m²", "8 mg/kg", "5 séances". */
function doseOf(
  t: string,
  from: number,
  to: number,
  drug: string,
  freq: string | undefined,
  n: number | undefined,
): Dose | undefined {
  const re =
    /(\d+(?:[.,]\d+)?)\s?(mg|g|gr|grammes?|µg|mcg|seances?|sessions?|echanges?)(?![a-z])(\s?\/\s?(?:kg|m2|m²)|\s?par (?:kg|m2|m²))?(\s?(?:\/\s?|par |per |x ?)(?:j(?:our)?|24 ?h|day|d|sem(?:aine)?|week|cure|course|dose|injection|perfusion|bolus|mois|month)(?![a-z]))?/g;
  re.lastIndex = from;
  const m = re.exec(t);
  if (!m || m.index > to) return undefined;
  let value = Number(m[1]!.replace(",", "."));
  const amount =
    m[2]!.startsWith("gr") || m[2] === "g" || m[2]!.startsWith("gramme")
      ? "g"
      : /^(?:µg|mcg)$/.test(m[2]!)
        ? "ug"
        : /^(?:seance|session|echange)/.test(m[2]!)
          ? "session"
          : "mg";
  const per = m[3] ? (/kg/.test(m[3]) ? "kg" : "m2") : "abs";
  const p = m[4] ?? "";
  let period = /(?:j|24|day|d)\s*$/.test(p.replace(/our$/, ""))
    ? "day"
    : /sem|week/.test(p)
      ? "week"
      : /cure|course/.test(p)
        ? "course"
        : /dose|injection|perfusion|bolus|mois|month/.test(p)
          ? "dose"
          : undefined;
  if (amount === "session") return { value, unit: "sessions", end: m.index + m[0].length };
  if (amount === "ug") value = value / 1000;
  const allowed = DRUGS.find((d) => d.id === drug)?.units ?? [];
  // "100 mg x 2/j": a dose per intake twice a day is 200 mg/day; "200 mg/j en 2 prises" is already per day.
  if (!period && freq === "twice_daily") value *= 2;
  // "100 mg q6h": four doses a day.
  const every = /(?<![a-z])(?:q ?([468]) ?h|toutes les ([468]) ?h|\/ ?([468]) ?h)(?![a-z])/.exec(
    t.slice(m.index, m.index + 40).split(/[,;]/)[0]!,
  );
  if (!period && every) {
    value *= 24 / Number(every[1] ?? every[2] ?? every[3]);
    period = "day";
  }
  if (!period && (freq === "daily" || freq === "twice_daily")) period = "day";
  const end = m.index + m[0].length;
  const pick = (ids: DoseUnitId[]) => ids.find((id) => allowed.includes(id)) ?? ids[0]!;
  const g = amount === "g";
  if (drug === "ivig" && g && per === "kg") {
    // "1 g/kg/j pendant 2 jours" and "1 g/kg J1-J2" are 2 g/kg per course; "2 g/kg sur 5 jours" is already the course.
    const after = t.slice(m.index, m.index + 40);
    const perDay =
      period === "day" ||
      (value <= 1 &&
        (/(?<![a-z])[jd] ?1 ?(?:-|a|au|et|,|\s) ?[jd] ?\d/.test(after) ||
          /x ?\d ?(?:d|j|days?|jours?)(?![a-z])/.test(after)));
    return { value: perDay && n ? value * n : value, unit: "g_kg_course", end };
  }
  let unit: DoseUnitId;
  if (per === "kg")
    unit = period === "day" ? "mg_kg_day" : period === "dose" ? "mg_kg_dose" : pick(["mg_kg_dose", "mg_kg_day"]);
  else if (per === "m2")
    unit = period === "day" ? "mg_m2_day" : period === "dose" ? "mg_m2_dose" : pick(["mg_m2_dose", "mg_m2_day"]);
  else if (period === "week") unit = "mg_week";
  else if (period === "course") unit = g ? "g_course" : "mg_dose";
  else if (period === "day") unit = g ? pick(["g_day", "mg_day"]) : "mg_day";
  else if (period === "dose") unit = "mg_dose";
  else unit = g ? pick(["g_day", "mg_dose", "mg_day", "g_course"]) : pick(["mg_dose", "mg_day", "mg_week"]);
  if (g && unit.startsWith("mg")) value *= 1000;
  if (!g && unit === "g_day") value /= 1000;
  return { value: Math.round(value * 1e6) / 1e6, unit, end };
}

/**
 * « dermatomyosite … traitée par X » (feminine: the DM, not « le SAM … traité par »), "dermatomyositis …
 * treated with X" with no MAS in between.
 */
function treatsTheDm(before: string): boolean {
  const m =
    /(?:dm|dermatomyosite|dermatomyositis)([^.;]{0,90}?)(?:traitee (?:initialement )?par|(?:treated|managed) (?:initially )?(?:with|by))(?:(?!puis|then|;)[^.;]){0,80}$/.exec(
      before,
    );
  return m !== null && !/(?:sam|mas|syndrome d'activation|macrophage|hlh)/.test(m[1]!);
}

function attributesEnd(t: string, from: number, limit: number): number {
  const digit = t.slice(from, limit).search(/\d/);
  if (digit < 0) return limit;
  let depth = 0;
  for (let k = from + digit; k < limit; k++) {
    const c = t[k];
    if (c === "(" || c === "[") depth++;
    else if ((c === ")" || c === "]") && depth > 0) depth--;
    else if ((c === ";" || (c === "," && t[k + 1] === " ")) && depth === 0) return k;
  }
  return limit;
}

/** Where a drug's segment ends: before the next drug, cut at the last clause break (", associé à 3 bolus de …"). */
function segmentEnd(t: string, from: number, nextStart: number, hasNext: boolean): number {
  if (!hasNext) return nextStart;
  const part = t.slice(from, nextStart);
  let cut = -1;
  const re = /[,;]| et | and | puis | then | plus | relais par | followed by /g;
  for (let m = re.exec(part); m; m = re.exec(part)) cut = m.index;
  return cut > 0 ? from + cut : nextStart;
}

function lineOf(t: string): DrugMention["line"] {
  if (/(?:premiere ligne|1(?:re|ere)? ligne|first[- ]line|en premiere intention)/.test(t)) return "1";
  if (/(?:deuxieme ligne|seconde ligne|2(?:e|eme|nd)? ligne|second[- ]line)/.test(t)) return "2";
  if (/(?:troisieme ligne|3(?:e|eme)? ligne|third[- ]line)/.test(t)) return "3plus";
  return undefined;
}

/** Unknown names in a treatment context: after a cue, or a word with a drug-like ending, or a capitalised word before a dose. */
function unknownNames(doc: Doc, s: Sentence): { start: number; end: number; written: string }[] {
  const t = s.text;
  const out: { start: number; end: number; written: string }[] = [];
  const wordRe = /[a-z][a-z0-9-]{3,}/g;
  for (let m = wordRe.exec(t); m; m = wordRe.exec(t)) {
    const w = m[0];
    const a = m.index;
    const b = a + w.length;
    if (NOT_DRUG.has(w) || LAB_WORD.test(w)) continue;
    ANY_KNOWN.lastIndex = 0;
    if (ANY_KNOWN.test(w)) continue;
    const before = t.slice(Math.max(0, a - 30), a);
    const cue = CUE_END.test(before);
    const written = doc.source.slice(s.start + a, s.start + b);
    const capitalised = /^[A-Z]/.test(written) && (a > 0 || DOSE_AFTER.test(t.slice(b)));
    const suffix = DRUG_SUFFIX.test(w);
    const dose = DOSE_AFTER.test(t.slice(b));
    if (suffix || (cue && (dose || capitalised)) || (capitalised && dose)) out.push({ start: a, end: b, written });
  }
  return out;
}

export function findDrugs(doc: Doc, dates: readonly DateMention[], samDate: string | undefined): DrugMention[] {
  const out: DrugMention[] = [];
  const index = dateIndex(doc.sentences, dates);
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    const t = s.text;
    const names: { drug: string; start: number; end: number; other?: string; rule: string }[] = [];
    // One pass with the union of all names, then the drug of each match.
    ANY_KNOWN.lastIndex = 0;
    for (let m = ANY_KNOWN.exec(t); m; m = ANY_KNOWN.exec(t)) {
      const w = m[0];
      const at = m.index;
      const drug = KNOWN.find((k) => {
        k.re.lastIndex = at;
        return k.re.test(t);
      })?.drug;
      if (drug) names.push({ drug, start: m.index, end: m.index + w.length, rule: "drug.lexicon" });
    }
    for (const u of unknownNames(doc, s)) {
      if (!names.some((n) => u.start < n.end && u.end > n.start))
        names.push({ drug: "other", other: u.written, start: u.start, end: u.end, rule: "drug.unknown" });
    }
    names.sort((a, b) => a.start - b.start);
    names.forEach((n, i) => {
      const q = qualify(s, n.start, n.end);
      if (q.negated || q.hypothetical || q.family || q.generic) return;
      const nextStart = names[i + 1]?.start ?? t.length;
      const clauseEnd = segmentEnd(t, n.end, nextStart, i + 1 < names.length);
      // What precedes the name after the previous drug's segment (« 3 bolus de méthylprednisolone »).
      const prevCut = i > 0 ? segmentEnd(t, names[i - 1]!.end, n.start, true) : 0;
      // Frequency, route and count belong to this item of a list: up to the first comma after its dose
      // (« Cortancyl 40 mg/j, Calcidose 500 mg x 2/j »), brackets excepted.
      const attrEnd = attributesEnd(t, n.end, clauseEnd);
      const seg = t.slice(Math.max(prevCut, n.start - 30), attrEnd);
      // The frequency follows the name; what precedes it (« 3 bolus de … ») may give the route and the count.
      const freq = frequencyOf(t.slice(n.start, attrEnd));
      const nDoses = nDosesOf(seg, freq);
      const preStart = Math.max(prevCut, n.start - 30);
      const dose =
        doseOf(t, n.end, Math.min(clauseEnd, n.end + 60), n.drug, freq, nDoses) ??
        (/\d/.test(t.slice(preStart, n.start)) ? doseOf(t, preStart, n.start, n.drug, freq, nDoses) : undefined);
      const around = t.slice(Math.max(0, n.start - 40), clauseEnd);
      let drug = n.drug;
      const route =
        routeOf(seg) ??
        (drug === "methylprednisolone_iv" || drug === "ivig" || drug === "plasma_exchange" ? "iv" : undefined);
      if (drug === "ciclosporin" && route === "iv") drug = "ciclosporin_iv";
      const abs = s.start;
      // Its start date: in its own segment, or just before it (« le 15/03, introduction d'anakinra ») but after the previous drug.
      const prevEnd = i > 0 ? names[i - 1]!.end : 0;
      const inSeg = dates.filter(
        (d) =>
          d.start >= abs + Math.max(prevEnd, n.start - 40) &&
          d.end <= abs + clauseEnd &&
          (d.start >= abs + n.start
            ? !/(?:resolu|resolv|arret|stopp|jusqu|until|fin |ended|discontinu|relais|switch|deces|died|death|as of|doing|en date du)/.test(
                doc.folded.slice(abs + n.end, d.start),
              )
            : i === 0 && START_GAP.test(doc.folded.slice(d.end, abs + n.start))),
      );
      const inSentence = index.of(s);
      const startDate = inSeg[0];
      // Undated sentence: the paragraph's last earlier date tells when it happened (« diagnosed in June 2015 … treated with »).
      const when = startDate ?? inSentence[0] ?? index.before(s);
      const beforeByDate =
        samDate !== undefined &&
        when !== undefined &&
        daysBetween(when.value, samDate) < -7 &&
        !(when.precision !== "day" && samDate.startsWith(when.value));
      // « Prise en charge : … », "Treatment: …" lists the MAS treatment unless it says otherwise.
      const before =
        (beforeByDate && !LINES_SENTENCE.test(t)) ||
        BEFORE_RE.test(around) ||
        BEFORE_SENTENCE.test(t) ||
        (MAINTENANCE_RE.test(around) && !NOW_RE.test(t)) ||
        treatsTheDm(t.slice(0, n.start));
      // « Cellcept et Cortancyl (toujours en cours) »: the remark may close the whole list.
      const remark = ONGOING_RE.exec(t.slice(n.end));
      const joined = remark !== null && !/[,;]/.test(t.slice(n.end, n.end + remark.index).replace(/\([^)]*$/, ""));
      // Stopped at the MAS (« arrêté au SAM », "stopped on admission") means it was still taken then.
      const stoppedAtMas =
        STOPPED_RE.test(around) &&
        /(?:au|at|a l'|on|lors du|des le) (?:sam|mas|admission|diagnostic|diagnosis)/.test(around);
      const ongoing =
        ONGOING_RE.test(around) || stoppedAtMas ? "yes" : STOPPED_RE.test(around) ? "no" : joined ? "yes" : undefined;
      out.push({
        drug,
        drugOther: n.other,
        start: abs + n.start,
        end: abs + n.end,
        evidenceEnd: abs + Math.max(n.end, dose?.end ?? n.end),
        doseValue: dose?.value,
        doseUnit: dose?.unit,
        route,
        frequency: freq ?? (drug === "methylprednisolone_iv" && dose ? "daily" : undefined),
        nDoses: dose?.unit === "sessions" ? dose.value : nDoses,
        startDate,
        before,
        ongoingAtSam: before ? ongoing : undefined,
        line: lineOf(around),
        stopped: STOPPED_RE.test(around),
        rule: n.rule,
      });
    });
  }
  return out;
}
