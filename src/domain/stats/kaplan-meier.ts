// Kaplan–Meier (product-limit) estimate of a survival function, with the
// number at risk, events and censored observations at each distinct time,
// Greenwood's standard error and the median survival. Pure: times are plain
// numbers (the dashboard uses days from the MAS diagnosis).
//
// Conventions (the usual ones, as in R's survival::survfit):
// - at a time where events and censoring coincide, the events happen first:
//   the censored subjects are still at risk at that time and leave just after;
// - S(t) is right-continuous: it drops at an event time, so S(t_i) includes the
//   events at t_i;
// - the median is the smallest time with S(t) ≤ 0.5; when S equals 0.5 exactly
//   on an interval [t_i, t_j) it is the midpoint (t_i + t_j) / 2, with t_j the
//   next event time; null ("not reached") when S never falls to 0.5.

export interface SurvivalObservation {
  /** Time from the origin (≥ 0, finite). */
  readonly time: number;
  /** true: the event (death) was observed at `time`; false: censored at `time`. */
  readonly event: boolean;
}

/** Events and censored observations at one time. */
export interface SurvivalTallyEntry {
  events: number;
  censored: number;
}

/** Observations grouped by time: all the estimator needs, whatever the number of subjects. */
export type SurvivalTally = Map<number, SurvivalTallyEntry>;

export interface KaplanMeierStep {
  readonly time: number;
  /** Subjects still followed just before `time` (time ≥ this one). */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** S(time), after this time's events. */
  readonly survival: number;
  /**
   * Greenwood standard error of S(time): S·√Σ d/(n(n−d)) over event times ≤ time;
   * null where undefined (from the time every remaining subject has died, n = d).
   */
  readonly standardError: number | null;
}

export interface KaplanMeierResult {
  /** Subjects in the estimate. */
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  /** One step per distinct time (events or censoring), in increasing order. */
  readonly steps: readonly KaplanMeierStep[];
  /** Median survival time, or null when the curve does not fall to 0.5. */
  readonly median: number | null;
}

const EPSILON = 1e-12;

function checkTime(time: number): void {
  if (!Number.isFinite(time) || time < 0)
    throw new RangeError(`survival time must be a finite number ≥ 0, got ${time}`);
}

/** Adds one observation to a tally (for estimates built as data stream in). */
export function addToTally(tally: SurvivalTally, observation: SurvivalObservation): void {
  checkTime(observation.time);
  const entry = tally.get(observation.time) ?? { events: 0, censored: 0 };
  if (observation.event) entry.events += 1;
  else entry.censored += 1;
  tally.set(observation.time, entry);
}

export function tallyOf(observations: Iterable<SurvivalObservation>): SurvivalTally {
  const tally: SurvivalTally = new Map();
  for (const o of observations) addToTally(tally, o);
  return tally;
}

/** The product-limit estimate from observations grouped by time. */
export function kaplanMeierFromTally(tally: ReadonlyMap<number, Readonly<SurvivalTallyEntry>>): KaplanMeierResult {
  const times = [...tally.keys()].sort((a, b) => a - b);
  let n = 0;
  let totalEvents = 0;
  let totalCensored = 0;
  for (const t of times) {
    checkTime(t);
    const e = tally.get(t)!;
    n += e.events + e.censored;
    totalEvents += e.events;
    totalCensored += e.censored;
  }

  const steps: KaplanMeierStep[] = [];
  let atRisk = n;
  let survival = 1;
  let greenwoodSum = 0;
  let greenwoodDefined = true;
  for (const time of times) {
    const { events, censored } = tally.get(time)!;
    if (events > 0) {
      // Events first: the subjects censored at this time are still in the denominator.
      survival *= 1 - events / atRisk;
      if (events >= atRisk) greenwoodDefined = false;
      else greenwoodSum += events / (atRisk * (atRisk - events));
    }
    if (survival < EPSILON) survival = 0;
    steps.push({
      time,
      atRisk,
      events,
      censored,
      survival,
      standardError: greenwoodDefined ? survival * Math.sqrt(greenwoodSum) : null,
    });
    atRisk -= events + censored;
  }
  return { n, events: totalEvents, censored: totalCensored, steps, median: medianOf(steps) };
}

/** The product-limit estimate (see the conventions at the top of this file). */
export function kaplanMeier(observations: Iterable<SurvivalObservation>): KaplanMeierResult {
  return kaplanMeierFromTally(tallyOf(observations));
}

function medianOf(steps: readonly KaplanMeierStep[]): number | null {
  const eventSteps = steps.filter((s) => s.events > 0);
  for (let i = 0; i < eventSteps.length; i++) {
    const s = eventSteps[i]!;
    if (s.survival > 0.5 + EPSILON) continue;
    if (Math.abs(s.survival - 0.5) <= EPSILON) {
      const next = eventSteps[i + 1];
      return next ? (s.time + next.time) / 2 : s.time;
    }
    return s.time;
  }
  return null;
}

/** S(t): 1 before the first event, the last step's value at or before t after it. */
export function survivalAt(result: KaplanMeierResult, time: number): number {
  let s = 1;
  for (const step of result.steps) {
    if (step.time > time) break;
    s = step.survival;
  }
  return s;
}

/** Subjects at risk at t: still followed at t (their time ≥ t). */
export function atRiskAt(result: KaplanMeierResult, time: number): number {
  for (const step of result.steps) if (step.time >= time) return step.atRisk;
  return 0;
}

/** The estimate over one interval of time: what a life table shows per row. */
export interface KaplanMeierInterval {
  /** [start, end) in the estimate's time unit; `end` is where `survival` is read. */
  readonly start: number;
  readonly end: number;
  /** Subjects followed at the interval's start. */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** S at the interval's last observed time (the curve's value over the rest of it). */
  readonly survival: number;
  readonly standardError: number | null;
}

/**
 * The steps grouped into intervals of `width` ([0, w), [w, 2w)…), keeping only
 * intervals with an observation: the same estimate, read at the end of each
 * interval, for a table people can read when the curve has thousands of
 * distinct times. Events and censorings add up to the full estimate's.
 */
export function groupSteps(result: KaplanMeierResult, width: number): KaplanMeierInterval[] {
  if (!(width > 0) || !Number.isFinite(width))
    throw new RangeError(`interval width must be a finite number > 0, got ${width}`);
  const out: KaplanMeierInterval[] = [];
  for (const step of result.steps) {
    const k = Math.floor(step.time / width);
    const last = out[out.length - 1];
    if (last && last.start === k * width) {
      out[out.length - 1] = {
        ...last,
        events: last.events + step.events,
        censored: last.censored + step.censored,
        survival: step.survival,
        standardError: step.standardError,
      };
    } else {
      out.push({
        start: k * width,
        end: (k + 1) * width,
        atRisk: step.atRisk,
        events: step.events,
        censored: step.censored,
        survival: step.survival,
        standardError: step.standardError,
      });
    }
  }
  return out;
}
