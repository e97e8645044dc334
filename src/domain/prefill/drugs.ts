// Drug matcher: names from the controlled list (lexicons/drugs.ts), unknown or
// misspelt names in a treatment context as "other" with the name as written,
// then dose, unit, route, frequency, number of doses and start date from the
// same clause. Which block: treatments before the MAS or MAS treatment lines.
// The names and their clauses come from drug-names.ts, dose, unit, route, frequency and count from
// drug-regimen.ts; this module joins them into mentions and decides the timing (start date, block, ongoing).
import type { DoseUnitId } from "@/domain/doses/units";
import { dateIndex, daysBetween, type DateMention } from "@/domain/prefill/dates";
import { attributesEnd, drugNames, segmentEnd } from "@/domain/prefill/drug-names";
import { doseOf, type DrugRoute, frequencyOf, nDosesOf, routeOf } from "@/domain/prefill/drug-regimen";
import { BEFORE_THE_DM } from "@/domain/prefill/lexicons/drugs";
import { qualify, wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc } from "@/domain/prefill/text";

export interface DrugMention {
  readonly drug: string;
  readonly drugOther?: string;
  readonly start: number;
  readonly end: number;
  /** End of the evidence (name + dose…). */
  readonly evidenceEnd: number;
  readonly doseValue?: number;
  readonly doseUnit?: DoseUnitId;
  readonly route?: DrugRoute;
  readonly frequency?: string;
  readonly nDoses?: number;
  readonly startDate?: DateMention;
  /** « du 14 au 16/06/2017 », « (11-13/10) »: the last day of a dated range. */
  readonly endDate?: DateMention;
  readonly before: boolean;
  readonly ongoingAtSam?: "yes" | "no";
  readonly line?: "1" | "2" | "3plus";
  /** « X a été arrêté », "X was stopped". */
  readonly stopped: boolean;
  readonly rule: string;
}

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
    // A referral letter: "she's been on HCQ since Feb 2019" (not "since admission", "since day 3").
    "(?:'s|has|have) been on",
    "since(?! (?:admission|day|d\\d|the mas|mas|then))",
    // A letter written during the MAS: "tapered off last autumn", « arrêté l'an dernier ».
    "last (?:year|autumn|fall|winter|spring|summer)",
    "(?:l'an|l'annee|l'automne|l'hiver|le printemps|l'ete) derni(?:er|ere)",
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
  /^[\s,:]*(?:(?:introduction|mise sous|debut|initiation|instauration|relais|ajout|start(?:ed)?|initiated|on (?:a )?(?:introduit|debute)|introduit|begun|began)\s*(?:par|de la|de l'|du|des|de|d'|on|of|with)?\s*)?(?:(?:des |les |\d+ )?(?:bolus|perfusions?|pulses?|cures?|injections?) (?:de la |de l'|de |d'|of ))?$/;

const LINES_SENTENCE =
  /^(?:prise en charge|traitements?(?: du sam| du syndrome| recus?| instaures?| entrepris)?\s*:|ttt\s*:|tx\s*:|management|treatments?\s*:|therapy\s*:)/;

/** A sentence about the patient's history or usual treatment. */
const BEFORE_SENTENCE =
  /^(?:antecedents|atcd|past (?:medical )?history|traitements? (?:habituels?|anterieurs?|a l'entree|de fond)|medications? (?:on|at) admission|usual (?:treatment|medications?)|current medications?)/;
const RANGE_GAP = /^\s?(?:-|au|a|to|until|jusqu'au)\s?$/;
const BEFORE_THE_DM_RE = wordsRe(BEFORE_THE_DM, "");
const ONGOING_RE = wordsRe(["toujours", "en cours", "poursuivie?", "maintenue?", "ongoing", "still", "continued"], "");
const FOLLOW_UP_RE =
  /^(?:revue? en consultation|vue? en consultation|dernieres nouvelles|at (?:the )?last follow-?up|seen in clinic|last seen)/;
const STOPPED_RE = wordsRe(
  [
    "arretee?",
    "interrompue?",
    "stopped",
    "discontinued",
    "suspendue?",
    "withdrawn",
    "tapered off",
    "weaned off",
    "sevree?",
  ],
  "",
);

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

function lineOf(t: string): DrugMention["line"] {
  if (/(?:premiere ligne|1(?:re|ere)? ligne|first[- ]line|en premiere intention)/.test(t)) return "1";
  if (/(?:deuxieme ligne|seconde ligne|2(?:e|eme|nd)? ligne|second[- ]line)/.test(t)) return "2";
  if (/(?:troisieme ligne|3(?:e|eme)? ligne|third[- ]line)/.test(t)) return "3plus";
  return undefined;
}

/** « A reçu depuis le 13/10 de la dexaméthasone », the MAS being diagnosed on 13/10: "since" that date is not before. */
function sinceTheMas(around: string, when: DateMention | undefined, samDate: string | undefined): boolean {
  const cue = BEFORE_RE.exec(around)?.[0];
  return (
    (cue === "depuis" || cue === "since") &&
    when !== undefined &&
    samDate !== undefined &&
    when.precision === "day" &&
    daysBetween(when.value, samDate) >= 0
  );
}

export function findDrugs(doc: Doc, dates: readonly DateMention[], samDate: string | undefined): DrugMention[] {
  const out: DrugMention[] = [];
  const index = dateIndex(doc.sentences, dates);
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    const t = s.text;
    const names = drugNames(doc, s);
    names.forEach((n, i) => {
      const q = qualify(s, n.start, n.end);
      if (q.negated || q.hypothetical || q.family || q.generic) return;
      // « Revue en consultation le 20/06 : DM peu active sous prednisone 7,5 mg/j »: the state at a later visit,
      // not a treatment started for the MAS.
      if (FOLLOW_UP_RE.test(t) && /(?:sous|on) (?:\S+ )?$/.test(t.slice(Math.max(0, n.start - 12), n.start))) return;
      // Taken before the DM, for something else: its clause (up to « ; ») says so.
      const semi = t.indexOf(";", n.end);
      if (BEFORE_THE_DM_RE.test(t.slice(t.lastIndexOf(";", n.start) + 1, semi < 0 ? t.length : semi))) return;
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
        // A route after the name is its own (« l'anakinra … en sous-cutané » after « à J3 des bolus »).
        routeOf(t.slice(n.start, attrEnd)) ??
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
      const endDate = startDate && inSeg.find((d) => RANGE_GAP.test(doc.folded.slice(startDate.end, d.start)));
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
        (BEFORE_RE.test(around) && !sinceTheMas(around, when, samDate)) ||
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
        endDate,
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
