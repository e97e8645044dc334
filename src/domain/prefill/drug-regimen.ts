// How a drug is given, read from its clause: dose and unit (in the units the dose list allows for that drug),
// route, frequency and number of doses. Text is folded (lower case, no accents), as everywhere in the pre-fill.
import { DRUGS } from "@/domain/doses";
import type { DoseUnitId } from "@/domain/doses/units";
import { wordToInt } from "@/domain/prefill/number-words";

export type DrugRoute = "iv" | "sc" | "oral";

const isIv = (t: string) =>
  /(?<![a-z])(?:iv|ivd|ivl|intraveineu(?:x|se)|intravenous(?:ly)?|bolus|pulses?|perfusions?|infusions?)(?![a-z])/.test(
    t,
  );
const isSc = (t: string) => /(?<![a-z])(?:sc|s\.c\.|sous-cutanee?|subcutaneous(?:ly)?)(?![a-z])/.test(t);
const isOral = (t: string) => /(?<![a-z])(?:per os|po|orale?|oral(?:ly)?|comprimes?|tablets?|os)(?![a-z])/.test(t);

export function routeOf(t: string): DrugRoute | undefined {
  return isIv(t) ? "iv" : isSc(t) ? "sc" : isOral(t) ? "oral" : undefined;
}

/** « x4/j », « 3 fois par jour »: n intakes a day (twice a day has its own code). */
const TIMES_A_DAY = /(?<![a-z0-9])(?:x ?([3-6]) ?\/ ?j(?:our)?|([3-6]) fois par jour)(?![a-z])/;

export function frequencyOf(t: string): string | undefined {
  if (
    /(?:x ?2 ?\/ ?j|2 fois par jour|deux fois par jour|matin et soir|twice daily|twice a day|bid|x2\/day|\/12 ?h|toutes les 12 ?h)/.test(
      t,
    )
  )
    return "twice_daily";
  if (/(?<![a-z])(?:q ?[468] ?h|toutes les [468] ?h|\/ ?[468] ?h)(?![a-z])/.test(t)) return "other";
  if (TIMES_A_DAY.test(t)) return "other";
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

const NUM = "(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|one|two|three|four|five|seven|eight)";

export function nDosesOf(t: string, freq?: string): number | undefined {
  // "375 mg/m² par semaine pendant 4 semaines": one dose a week.
  const weeks =
    freq === "weekly" ? new RegExp(`(?:pendant|durant|sur|for|over|x) ?${NUM} (?:semaines?|weeks?)`).exec(t) : null;
  if (weeks) return wordToInt(weeks[1]!);
  let m = /(?<![a-z0-9.,])(\d{1,2}) ?x ?\d+(?:[.,]\d+)? ?(?:mg|g)(?![a-z])/.exec(t); // « 3 × 500 mg »
  if (m) return Number(m[1]);
  m = new RegExp(
    `(?<![a-z0-9])${NUM} (?:bolus|perfusions?|injections?|cures?|seances?|sessions?|echanges?|doses?|pulses?|infusions?|administrations?)(?![a-z])`,
  ).exec(t);
  if (m) return wordToInt(m[1]!);
  m = new RegExp(
    `(?:pendant|durant|sur|for|over|x|during) ?${NUM} ?(?:jours?|days?|d|j)(?![a-z])(?: consecutifs| consecutive)?`,
  ).exec(t);
  if (m) return wordToInt(m[1]!);
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
export function doseOf(
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
  // "100 mg x4/j": four intakes a day.
  const times = TIMES_A_DAY.exec(t.slice(m.index, m.index + 40).split(/[,;]/)[0]!);
  if (!period && times) {
    value *= Number(times[1] ?? times[2]);
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
