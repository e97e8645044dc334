// Dated events (MAS diagnosis, DM onset and diagnosis, death, last follow-up,
// MAS resolution) and the outcome: a date is taken from the sentence of its
// anchor, nearest to it; the MAS date must be known to the day.
import type { FieldId } from "@/domain/crf/definition";
import { fieldById } from "@/domain/crf/definition";
import { fitPrecision, type DateMention } from "@/domain/prefill/dates";
import { wordToInt } from "@/domain/prefill/number-words";
import {
  DATE_ANCHORS,
  DEATH_CAUSES,
  DIAG_WORDS,
  RELAPSE_WORDS,
  RESOLUTION_WORDS,
} from "@/domain/prefill/lexicons/timeline";
import { qualify, wordsRe } from "@/domain/prefill/qualifiers";
import type { Doc, Sentence } from "@/domain/prefill/text";
import type { Proposal } from "@/domain/prefill/types";

const ANCHORS = (Object.keys(DATE_ANCHORS) as (keyof typeof DATE_ANCHORS)[]).map((field) => ({
  field,
  re: wordsRe(DATE_ANCHORS[field]),
}));
const ANY_ANCHOR = wordsRe(Object.values(DATE_ANCHORS).flat(), "");

interface Candidate {
  date: DateMention;
  score: number;
  anchor: number;
}

function datesIn(s: Sentence, dates: readonly DateMention[]): DateMention[] {
  return dates.filter((d) => d.start >= s.start && d.end <= s.end);
}

/** Best date per anchored field, scored by anchor strength and distance. */
export function findEventDates(doc: Doc, dates: readonly DateMention[]): Proposal[] {
  const best = new Map<FieldId, Candidate>();
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    const inS = datesIn(s, dates);
    if (!inS.length || !ANY_ANCHOR.test(s.text)) continue;
    for (const { field, re } of ANCHORS) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        const a = m.index;
        const q = qualify(s, a, a + m[0].length);
        if (q.negated || q.family || q.generic) continue;
        if (
          field === "sam_date" &&
          (RELAPSE_WORDS.test(s.text) ||
            /(?:avant|apres|before|after|prior to)(?: le| la| l'| the)?\s*$/.test(s.text.slice(Math.max(0, a - 12), a)))
        )
          continue;
        const abs = s.start + a;
        // Nearest date, preferring one after the anchor ("diagnostic de DM en mars 2015").
        // The MAS date is known to the day, and is not the date it resolved (« résolu le 10/03/2016 »).
        const pool =
          field === "sam_date"
            ? inS.filter(
                (d) =>
                  d.precision === "day" &&
                  !RESOLUTION_WORDS.test(doc.folded.slice(Math.max(s.start, d.start - 25), d.start)),
              )
            : inS;
        if (!pool.length) continue;
        // The date after the anchor in the same stretch of text ("diagnosed in May 2014"), else one just before it.
        const absEnd = abs + m[0].length;
        // After the anchor's last word (« MAS occurred on 2 June 2016 and resolved »: that date is not the resolution's).
        const after = pool.filter((d) => d.start >= absEnd - 1 && d.start - absEnd <= 60);
        const before = pool.filter((d) => d.end <= abs && abs - d.end <= 50);
        const ref = after.length ? absEnd : abs;
        const date = (after.length ? after : before).reduce<DateMention | undefined>(
          (x, y) => (!x || dist(y, ref) < dist(x, ref) ? y : x),
          undefined,
        );
        if (!date) continue;
        let score = 10 - dist(date, abs) / 20 + (s.line && /:/.test(s.text) ? 2 : 0);
        if (field === "sam_date")
          score += (DIAG_WORDS.test(s.text) ? 3 : 0) - (q.hypothetical ? 2 : 0) + (date.precision === "day" ? 2 : -20);
        // « DM diagnostiquée le 03/05/2016 » outweighs « traitement de la DM : prednisone depuis mai 2016 ».
        if (field === "dm_diag_date" && /(?:diagnos|confirm|retenue|posee)/.test(m[0])) score += 2;
        if (field === "dm_onset_date" && /^(?:depuis|since|began|a debute|apparition|debut (?:de la|des))/.test(m[0]))
          score -= 3;
        const prev = best.get(field);
        // The last follow-up is the latest one mentioned; other events, the best-anchored date.
        const better =
          field === "last_followup_date" ? !prev || date.value > prev.date.value : !prev || score > prev.score;
        if (better) best.set(field, { date, score, anchor: abs });
      }
    }
  }
  // "a 3-month history of rash and weakness" / « depuis 3 mois »: onset counted back from the sentence's date.
  if (!best.has("dm_onset_date")) {
    for (const s of doc.sentences) {
      if (s.section !== "patient") continue;
      const m = RELATIVE_ONSET.exec(s.text);
      const d = datesIn(s, dates).find((x) => x.precision !== "year");
      if (!m || !d || !DM_SIGNS.test(s.text)) continue;
      const n = wordToInt(m[1] ?? m[3] ?? "");
      const months = /^(?:year|an)/.test(m[2] ?? m[4] ?? "") ? n * 12 : n;
      const [y, mo] = d.value.split("-").map(Number) as [number, number];
      const total = y * 12 + (mo - 1) - months;
      const date = {
        ...d,
        value: `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`,
        precision: "month" as const,
      };
      best.set("dm_onset_date", { date, score: 1, anchor: s.start + m.index });
      break;
    }
  }
  // « Patiente vue ce jour » / "seen today": the letter's own date, in its first lines.
  if (!best.has("last_followup_date")) {
    const today = doc.sentences.find(
      (s) =>
        s.section === "patient" &&
        /(?<![a-z])(?:vue? ce jour|ce jour|seen today|in clinic today|today)(?![a-z])/.test(s.text),
    );
    const head = dates.find((d) => d.start < 200 && d.precision === "day");
    if (today && head && !dates.some((d) => d.start >= today.start && d.end <= today.end))
      best.set("last_followup_date", { date: head, score: 1, anchor: today.start });
  }
  const out: Proposal[] = [];
  for (const [field, c] of best) {
    const def = fieldById(field);
    if (def?.type !== "date" || c.score < 0) continue;
    const value = fitPrecision(c.date, def.precisions);
    if (!value) continue;
    out.push({
      field,
      value,
      evidence: { start: Math.min(c.anchor, c.date.start), end: Math.max(c.date.end, c.anchor + 3) },
      rule: `date.${field}`,
    });
  }
  return out;
}

const RELATIVE_ONSET =
  /(?:(\d{1,2}|one|two|three|four|six)[- ](months?|years?)[- ]history|depuis (\d{1,2}|un|deux|trois|quatre|six) (mois|ans?))/;
const DM_SIGNS =
  /(?:rash|erytheme|eruption|weakness|deficit|faiblesse|myalg|heliotrope|gottron|dysphag|lesions? cutanees?|skin)/;

function dist(d: DateMention, pos: number): number {
  // A date after its anchor is the usual order; one before costs a little more.
  return d.start >= pos ? d.start - pos : d.end <= pos ? (pos - d.end) * 1.5 + 20 : 0;
}

const DEATH = wordsRe([
  "decedee?",
  "deces",
  "dcd",
  "died",
  "passed away",
  "est morte?",
  "exitus",
  "death",
  "expired",
  "deceased",
]);
const ALIVE = wordsRe(["vivante?", "alive", "toujours en vie", "still living"]);

/** death, death_cause (and the last follow-up is the death date, CRF help). */
export function findOutcome(doc: Doc): Proposal[] {
  const out: Proposal[] = [];
  let negated: Proposal | undefined;
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    DEATH.lastIndex = 0;
    for (let m = DEATH.exec(s.text); m; m = DEATH.exec(s.text)) {
      const a = m.index;
      const b = a + m[0].length;
      const q = qualify(s, a, b);
      if (q.family || q.generic || q.hypothetical) continue;
      if (
        /(?:risque|risk|mortalite|mortality|cause de deces|survie|survival)/.test(s.text.slice(Math.max(0, a - 25), a))
      )
        continue;
      const evidence = { start: s.start + a, end: s.start + b };
      if (q.negated) {
        negated ??= { field: "death", value: "no", evidence, rule: "outcome.death_negated" };
        continue;
      }
      out.push({ field: "death", value: "yes", evidence, rule: "outcome.death" });
      const rest = s.text.slice(a);
      const cause = DEATH_CAUSES.find(([, re]) => re.test(rest));
      if (cause)
        out.push({
          field: "death_cause",
          value: cause[0],
          evidence: { start: evidence.start, end: s.end },
          rule: "outcome.death_cause",
        });
      return out;
    }
  }
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    ALIVE.lastIndex = 0;
    const m = ALIVE.exec(s.text);
    if (m && !qualify(s, m.index, m.index + m[0].length).negated) {
      return [
        {
          field: "death",
          value: "no",
          evidence: { start: s.start + m.index, end: s.start + m.index + m[0].length },
          rule: "outcome.alive",
        },
      ];
    }
  }
  return negated ? [negated] : out;
}

const RESOLVED = wordsRe(
  DATE_ANCHORS.sam_resolution_date!.concat(["guerison du sam", "evolution favorable du sam", "mas remission"]),
);

export function findResolution(doc: Doc): Proposal[] {
  for (const s of doc.sentences) {
    if (s.section !== "patient") continue;
    RESOLVED.lastIndex = 0;
    const m = RESOLVED.exec(s.text);
    if (!m) continue;
    const q = qualify(s, m.index, m.index + m[0].length);
    if (q.family || q.generic || q.hypothetical) continue;
    return [
      {
        field: "sam_resolution",
        value: q.negated ? "no" : "yes",
        evidence: { start: s.start + m.index, end: s.start + m.index + m[0].length },
        rule: "outcome.resolution",
      },
    ];
  }
  return [];
}
