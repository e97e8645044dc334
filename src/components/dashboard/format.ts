// Number formats of the dashboard, in the interface language; and the charts' colours.
import { percentOf } from "@/domain/stats/counts";

export interface Fmt {
  readonly locale: string;
  /** An integer count: 1 234 / 1,234. */
  n(x: number): string;
  /** A percentage with one decimal; "—" when there is no denominator. */
  pct(value: number | null): string;
  /** "n (p %)" of a denominator. */
  np(count: number, of: number): string;
  /** A decimal number. */
  dec(x: number, digits?: number): string;
}

export function formatter(locale: string): Fmt {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const decs = new Map<number, Intl.NumberFormat>();
  const dec = (x: number, digits = 1) => {
    let f = decs.get(digits);
    if (!f)
      decs.set(
        digits,
        (f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })),
      );
    return f.format(x);
  };
  const p = (value: number | null) => (value === null ? "—" : pct.format(value / 100));
  return {
    locale,
    n: (x) => int.format(x),
    pct: p,
    np: (count, of) => (of > 0 ? `${int.format(count)} (${p(percentOf(count, of))})` : int.format(count)),
    dec,
  };
}

/** Colours with at least 3:1 contrast on white where they carry meaning, told apart without hue too (order, legend, table). */
export const COLOURS = {
  primary: "#1f5fa8",
  status: { DRAFT: "#8a94a3", SUBMITTED: "#1f5fa8", QUERIED: "#c98a00", VALIDATED: "#1e6b35", LOCKED: "#2f3947" },
  antibody: { positive: "#1f5fa8", negative: "#8fb3de", not_tested: "#c98a00", missing: "#d5dae1" },
  yesNo: { yes: "#1f5fa8", no: "#8fb3de", missing: "#d5dae1", NA: "#eceff3" },
  response: { complete: "#1e6b35", partial: "#7fb58f", none: "#b3261e", not_assessable: "#8a94a3", missing: "#d5dae1" },
  /** One per centre, in code order, cycling past ten: neighbours differ in hue and lightness; the legend and the table name them. */
  centres: [
    "#1f5fa8",
    "#c98a00",
    "#1e6b35",
    "#b3261e",
    "#6a3d9a",
    "#8fb3de",
    "#7fb58f",
    "#2f3947",
    "#d47fa6",
    "#8a94a3",
  ],
} as const;

export const centreColour = (index: number): string => COLOURS.centres[index % COLOURS.centres.length]!;
